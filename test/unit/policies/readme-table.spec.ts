import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { policies } from "../../../policies/api";
import {
  README_PATH,
  renderPolicyTable,
  renderReadme,
  TABLE_END,
  TABLE_START,
  withPolicyTable,
} from "../../../policies/tools/render-readme-table";

describe("policies: the README policy table", () => {
  it("is current (regenerate with: npx tsx policies/tools/render-readme-table.ts)", async () => {
    const current = readFileSync(README_PATH, "utf8");
    assert.equal(await renderReadme(current), current, "README.md policy table is stale");
  });

  it("lists every policy of the pack with its level, fix and settings", () => {
    const table = renderPolicyTable();
    for (const p of policies) {
      const row = table.split("\n").find((line) => line.startsWith(`| \`${p.name}\` |`));
      assert.ok(row, `${p.name} has a row`);
      assert.ok(row.includes(` ${p.enforcementLevel}`), `${p.name} shows its level`);
      assert.ok(row.includes(p.remediationSteps!), `${p.name} shows its fix`);
    }
    assert.match(table, /`readme` = "2010-01"/);
    assert.match(table, /mandatory, advisory \(`shutdownServiceLevel`\)/);
  });

  it("replaces only what is between the markers, and adds the section when they are missing", () => {
    const readme = `# x\n\ntext\n\n${TABLE_START}\nold\n${TABLE_END}\n\nafter\n`;
    assert.equal(
      withPolicyTable(readme, "NEW"),
      `# x\n\ntext\n\n${TABLE_START}\n\nNEW\n\n${TABLE_END}\n\nafter\n`,
    );
    assert.equal(
      withPolicyTable("# x\n", "T"),
      `# x\n\n## Policy pack\n\n${TABLE_START}\n\nT\n\n${TABLE_END}\n`,
    );
  });

  it("notices a stale table", async () => {
    const current = readFileSync(README_PATH, "utf8");
    const stale = withPolicyTable(current, "| policy |\n| --- |\n| `linux-ics-single-vcpu` |");
    assert.notEqual(await renderReadme(stale), stale);
  });
});
