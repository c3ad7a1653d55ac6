/**
 * Writes the policy table of docs/policy-pack.md from the pack's own metadata (name, level, description,
 * remediation steps, config schema), between `<!-- policies:start -->` and `<!-- policies:end -->`,
 * and the in-kernel guest matrix from its rows, between `<!-- in-kernel-matrix:start -->` and
 * `<!-- in-kernel-matrix:end -->`.
 *
 *   npx tsx policies/tools/render-readme-table.ts           # rewrite docs/policy-pack.md
 *   npx tsx policies/tools/render-readme-table.ts --check   # exit 1 if docs/policy-pack.md is stale
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import * as prettier from "prettier";
import { policies } from "../api";
import { EXEMPTIONS_KEY } from "../exemptions";
import { renderInKernelMatrix, withInKernelMatrix } from "./render-in-kernel-matrix";

/** The page that holds the policy table and the in-kernel matrix. */
export const README_PATH = join(__dirname, "..", "..", "docs", "policy-pack.md");
export const TABLE_START = "<!-- policies:start -->";
export const TABLE_END = "<!-- policies:end -->";
const SECTION_HEADING = "## Policies";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");

function level(policy: ResourceValidationPolicy): string {
  const own = policy.enforcementLevel ?? "advisory";
  const secondary = Object.entries(policy.configSchema?.properties ?? {})
    .filter(([key]) => key.endsWith("Level"))
    .map(([key, schema]) => `${(schema as { default?: string }).default} (\`${key}\`)`);
  return [own, ...secondary].join(", ");
}

function settings(policy: ResourceValidationPolicy): string {
  // Every policy takes `exemptions`; the page documents them once, not in each row.
  const entries = Object.entries(policy.configSchema?.properties ?? {}).filter(
    ([key]) => key !== EXEMPTIONS_KEY,
  );
  if (entries.length === 0) return "";
  return entries
    .map(([key, schema]) => `\`${key}\` = ${JSON.stringify((schema as { default?: unknown }).default)}`)
    .join(", ");
}

/** The markdown table of `list` (the pack's policies by default). */
export function renderPolicyTable(list: readonly ResourceValidationPolicy[] = policies): string {
  const rows = list.map((p) =>
    [
      `\`${p.name}\``,
      level(p),
      cell(p.description),
      cell(p.remediationSteps ?? ""),
      p.remediateResource ? "yes" : "no",
      settings(p),
    ].join(" | "),
  );
  return [
    "| policy | level | refuses | fix | remediation | settings (defaults) |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows.map((r) => `| ${r} |`),
  ].join("\n");
}

/** `readme` with the table between the markers; appends a `## Policies` section when the markers are missing. */
export function withPolicyTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  const block = `${TABLE_START}\n\n${table}\n\n${TABLE_END}`;
  if (start >= 0 && end > start) return readme.slice(0, start) + block + readme.slice(end + TABLE_END.length);
  return `${readme.trimEnd()}\n\n${SECTION_HEADING}\n\n${block}\n`;
}

/** The page as it must be: the current text with the policy table and the in-kernel matrix regenerated and formatted like the rest. */
export async function renderReadme(readme: string, path = README_PATH): Promise<string> {
  const options = (await prettier.resolveConfig(path)) ?? {};
  const format = async (markdown: string) =>
    (await prettier.format(markdown, { ...options, parser: "markdown" })).trimEnd();
  const withTable = withPolicyTable(readme, await format(renderPolicyTable()));
  return withInKernelMatrix(withTable, await format(renderInKernelMatrix()));
}

async function main(): Promise<void> {
  const current = readFileSync(README_PATH, "utf8");
  const wanted = await renderReadme(current);
  if (process.argv.includes("--check")) {
    if (wanted !== current) {
      console.error(
        "docs/policy-pack.md policy table or in-kernel matrix is stale: run npx tsx policies/tools/render-readme-table.ts",
      );
      process.exitCode = 1;
    }
    return;
  }
  if (wanted !== current) writeFileSync(README_PATH, wanted);
}

if (require.main === module) void main();
