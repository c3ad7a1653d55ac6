/**
 * The relative links of a Markdown page and the anchors of its headings (pure), for the test that
 * every link of the docs names a file that exists and, with `#anchor`, a heading of it.
 */

/** A link of a page: the line it is on, the target path (empty for a link within the page) and anchor. */
export interface PageLink {
  line: number;
  path: string;
  anchor: string | undefined;
}

/** Text outside fenced blocks and inline code, line numbers kept (links there are not links). */
function prose(markdown: string): string[] {
  let fenced = false;
  return markdown.split("\n").map((line) => {
    if (/^```/.test(line)) {
      fenced = !fenced;
      return "";
    }
    return fenced ? "" : line.replace(/`[^`]*`/g, (code) => code.replace(/[[\]()]/g, " "));
  });
}

/** The relative links of a page (not `scheme:` links), in order. */
export function relativeLinks(markdown: string): PageLink[] {
  const links: PageLink[] = [];
  for (const [index, line] of prose(markdown).entries()) {
    for (const match of line.matchAll(/\]\(([^)\s]*)\)/g)) {
      const target = match[1];
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      const hash = target.indexOf("#");
      links.push({
        line: index + 1,
        path: hash < 0 ? target : target.slice(0, hash),
        anchor: hash < 0 ? undefined : target.slice(hash + 1),
      });
    }
  }
  return links;
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** The anchors of a page's headings, with GitHub's `-1`, `-2` suffixes for repeated ones. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of prose(markdown)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = headingAnchor(heading[1]);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}
