/** Every relative link of the docs names a file that exists and, with `#anchor`, a heading of it. */
import { strict as assert } from "node:assert";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { headingAnchor, headingAnchors, relativeLinks } from "./doc-links";
import { docPages } from "./doc-pages";

const ROOT = join(__dirname, "..", "..");

describe("docs: links", () => {
  it("reads links outside code, and anchors as GitHub makes them", () => {
    const page = [
      "# The `pulumi-hyperv` command",
      "## Auditing live hosts: `pulumi-hyperv audit`",
      "## Notes",
      "## Notes",
      "See [hosts](hosts.md#doctor), [here](#notes) and [the site](https://example.com).",
      "```text",
      "[not a link](nowhere.md)",
      "```",
      "`[nor this](nowhere.md)`",
    ].join("\n");
    assert.deepEqual(relativeLinks(page), [
      { line: 5, path: "hosts.md", anchor: "doctor" },
      { line: 5, path: "", anchor: "notes" },
    ]);
    assert.deepEqual(
      [...headingAnchors(page)],
      ["the-pulumi-hyperv-command", "auditing-live-hosts-pulumi-hyperv-audit", "notes", "notes-1"],
    );
    assert.equal(headingAnchor("Errors of the command (`error: ...`)"), "errors-of-the-command-error-");
  });

  const pages = docPages(ROOT);
  it("covers README.md and every page of docs/", () => {
    const files = pages.map((p) => p.file);
    assert.deepEqual(files.slice(0, 2), ["README.md", "docs/README.md"]);
    for (const page of [
      "hosts",
      "resources",
      "policy-pack",
      "pr-check",
      "cli",
      "troubleshooting",
      "development",
    ])
      assert.ok(files.includes(`docs/${page}.md`), page);
  });

  // The other READMEs link into the pages too: the command's and each example's.
  const others = [
    "cli/README.md",
    ...readdirSync(join(ROOT, "examples")).map((e) => `examples/${e}/README.md`),
  ]
    .filter((file) => existsSync(join(ROOT, file)))
    .map((file) => ({ file, text: readFileSync(join(ROOT, file), "utf8") }));
  for (const page of [...pages, ...others]) {
    it(`${page.file}: every relative link resolves`, () => {
      const links = relativeLinks(page.text);
      const broken: string[] = [];
      for (const link of links) {
        const target = link.path === "" ? join(ROOT, page.file) : join(ROOT, dirname(page.file), link.path);
        const shown = `${page.file} line ${link.line}: ${link.path}${link.anchor === undefined ? "" : `#${link.anchor}`}`;
        if (!existsSync(target)) {
          broken.push(`${shown} (no file ${relative(ROOT, target)})`);
          continue;
        }
        if (link.anchor === undefined) continue;
        if (statSync(target).isDirectory() || !target.endsWith(".md")) {
          broken.push(`${shown} (an anchor in a file that is not Markdown)`);
          continue;
        }
        if (!headingAnchors(readFileSync(target, "utf8")).has(link.anchor))
          broken.push(`${shown} (no heading with that anchor)`);
      }
      assert.deepEqual(broken, []);
    });
  }
});
