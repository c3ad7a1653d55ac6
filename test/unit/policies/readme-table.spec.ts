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
import { IN_KERNEL_GUESTS } from "../../../policies/matrix";
import {
  MATRIX_END,
  MATRIX_START,
  renderInKernelMatrix,
  withInKernelMatrix,
} from "../../../policies/tools/render-in-kernel-matrix";

describe("policies: the policy table of docs/policy-pack.md", () => {
  it("is current (regenerate with: npx tsx policies/tools/render-readme-table.ts)", async () => {
    const current = readFileSync(README_PATH, "utf8");
    assert.equal(await renderReadme(current), current, "docs/policy-pack.md policy table is stale");
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
      `# x\n\n## Policies\n\n${TABLE_START}\n\nT\n\n${TABLE_END}\n`,
    );
  });

  it("renders the in-kernel matrix from its rows, each with its source, between its own markers", () => {
    const table = renderInKernelMatrix();
    const lines = table.split("\n").slice(2);
    assert.equal(lines.length, IN_KERNEL_GUESTS.length);
    IN_KERNEL_GUESTS.forEach((row, i) => {
      assert.ok(
        lines[i].includes(`${row.source.page} (${row.source.edition}), ${row.source.section}`),
        lines[i],
      );
    });
    assert.match(table, /\| Oracle Linux \| 7\.5, 7\.6, 7\.7, 7\.8 \| uek5 \|/);
    assert.match(table, /✔, needs `hyperv-daemons`/);
    assert.match(table, /✔, `MicrosoftUEFICertificateAuthority`/);
    assert.match(table, /\| FreeBSD \| 13\.0, 13\.1 \| {2}\| x86, x64 \| ✔ \|/);
    const readme = `a\n${MATRIX_START}\nold\n${MATRIX_END}\nb\n`;
    assert.equal(withInKernelMatrix(readme, "NEW"), `a\n${MATRIX_START}\n\nNEW\n\n${MATRIX_END}\nb\n`);
    assert.equal(withInKernelMatrix("no markers\n", "NEW"), "no markers\n");
  });

  it("notices a stale in-kernel matrix", async () => {
    const current = readFileSync(README_PATH, "utf8");
    const stale = withInKernelMatrix(current, "| distribution |\n| --- |\n| RHEL |");
    assert.notEqual(stale, current);
    assert.equal(await renderReadme(stale), current);
  });

  it("notices a stale table", async () => {
    const current = readFileSync(README_PATH, "utf8");
    const stale = withPolicyTable(current, "| policy |\n| --- |\n| `linux-ics-single-vcpu` |");
    assert.notEqual(await renderReadme(stale), stale);
  });
});
