/**
 * docs/design.md and the code tree agree: every repository path the design names (in backticks)
 * exists, and every folder directly under the layers it describes has design text, so a renamed
 * file or a new folder without a design fails here.
 */
import { strict as assert } from "node:assert";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..", "..");
const DESIGN = "docs/design.md";

/** The repository's top-level folders a design path may start with. */
const ROOTS = [
  ".ci",
  ".github",
  "bench",
  "bin",
  "cli",
  "docs",
  "entry",
  "examples",
  "policies",
  "provider",
  "scripts",
  "test",
];

/** The folders whose direct subfolders must each be named in the design. */
const LAYERS = ["provider", "cli", "cli/engine", "policies"];

/** Text in backticks. */
function backticked(markdown: string): string[] {
  return [...markdown.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]);
}

/**
 * The repository paths among backticked texts: a slash-separated name starting with one of
 * {@link ROOTS}, without placeholders (`<stack>`), globs or spaces. A trailing slash is dropped.
 */
export function repositoryPaths(markdown: string): string[] {
  const paths = backticked(markdown).filter(
    (text) => /^[A-Za-z0-9._/-]+$/.test(text) && text.includes("/") && ROOTS.includes(text.split("/")[0]),
  );
  return [...new Set(paths.map((path) => path.replace(/\/$/, "")))];
}

function subfolders(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
    .map((entry) => `${folder}/${entry.name}`);
}

describe("docs/design.md and the layout", () => {
  const design = readFileSync(join(ROOT, DESIGN), "utf8");
  const named = repositoryPaths(design);

  it("names repository paths the way this test finds them", () => {
    const sample =
      "`provider/plan/vm-diff.ts`, `cli/engine/deploy/`, `.pulumi-hyperv/stacks/<stack>.json`, `pkg/x.go`";
    assert.deepEqual(repositoryPaths(sample), ["provider/plan/vm-diff.ts", "cli/engine/deploy"]);
    assert.ok(named.length > 50, `${DESIGN} names only ${named.length} paths`);
  });

  it("names only paths that exist", () => {
    const missing = named.filter((path) => !existsSync(join(ROOT, path)));
    assert.deepEqual(missing, [], `${DESIGN} names paths that do not exist; update the design text`);
  });

  it("describes every folder directly under provider/, cli/, cli/engine/ and policies/", () => {
    const mentioned = new Set(named);
    const undescribed = LAYERS.flatMap(subfolders).filter((folder) => !mentioned.has(folder));
    assert.deepEqual(undescribed, [], `add a description of these folders to ${DESIGN}`);
  });
});
