/**
 * The pages of the docs, in the order their commands run: README.md, the index docs/README.md, the
 * pages the index lists in its order, then any other page of docs/ by name.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";

/** A page of the docs: its path from the repository root and its text. */
export interface DocPage {
  file: string;
  text: string;
}

/** The relative `.md` links of an index page, in order, as paths from the repository root. */
function indexedPages(root: string, index: string): string[] {
  const text = readFileSync(join(root, index), "utf8");
  return [...text.matchAll(/\]\(([^)#\s:]+\.md)(#[^)]*)?\)/g)].map((m) =>
    posix.normalize(posix.join(posix.dirname(index), m[1])),
  );
}

/** The pages of the repository at `root`, in the order their commands run. */
export function docPages(root: string): DocPage[] {
  const inDocs = readdirSync(join(root, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`)
    .sort();
  const listed = indexedPages(root, "docs/README.md").filter((file) => inDocs.includes(file));
  const order = [...new Set(["README.md", "docs/README.md", ...listed, ...inDocs])];
  return order.map((file) => ({ file, text: readFileSync(join(root, file), "utf8") }));
}
