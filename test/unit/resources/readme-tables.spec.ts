import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { renderResourceTables } from "../../../provider/tools/render-resource-tables";

/** The text with each table row reduced to its trimmed cells (prettier may realign the columns). */
function normalized(markdown: string): string[] {
  return markdown
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !/^\|[\s|-]+\|$/.test(line))
    .map((line) =>
      line.startsWith("|")
        ? line
            .slice(1, -1)
            .split(/(?<!\\)\|/)
            .map((c) => c.trim())
            .join(" | ")
        : line,
    );
}

describe("docs/resources.md: the resources' input and output tables", () => {
  it("match the TSDoc of the resource classes and their args", () => {
    const readme = readFileSync(join(__dirname, "..", "..", "..", "docs", "resources.md"), "utf8");
    const section = /<!-- resources:start -->\n([\s\S]*?)<!-- resources:end -->/.exec(readme);
    assert.ok(section, "docs/resources.md has the resources:start/end markers");
    assert.deepEqual(
      normalized(section[1]),
      normalized(renderResourceTables()),
      "regenerate with: npx tsx provider/tools/render-resource-tables.ts",
    );
  });

  it("documents every input of every resource and every output", () => {
    const tables = renderResourceTables();
    for (const name of [
      "adoptVmId",
      "allowHardStop",
      "ntpConf",
      "macAddresses",
      "vmId",
      "sizeGB",
      "parentPath",
      "netAdapterName",
      "switchId",
    ]) {
      assert.match(tables, new RegExp(`\\| \`${name}\` +\\|`), name);
    }
    assert.doesNotMatch(tables, /\|\s*\|\s*$/m, "no row without a description");
  });
});
