/**
 * A job summary in Markdown: the totals, then one table per resource (policy, level, message, fix),
 * then the preview's own errors. GitHub renders it from `$GITHUB_STEP_SUMMARY` or a PR comment.
 * The structure (headings, tables, verdict, list) is the tool's alone: every string from the
 * program or the preview document goes through `markdownText` or `markdownCode`.
 */
import { markdownCode, markdownText } from "./markdown-text";
import type { PolicyFinding, PreviewFindings } from "./preview-findings";
import { parseUrn } from "./urn";

const IN_TABLE = { inTable: true } as const;

/** A table cell of program text. */
export function cell(s: string): string {
  return markdownText(s, IN_TABLE);
}

function code(s: string): string {
  return markdownCode(s);
}

const LEVEL_ORDER = { mandatory: 0, remediate: 1, advisory: 2, waived: 3 } as const;

/** A waived finding's message says who waived it, why and until when. */
function messageOf(f: PolicyFinding): string {
  const w = f.waiver;
  return w ? `${f.message} (waived until ${w.expires} by ${w.owner}: ${w.reason})` : f.message;
}

function table(findings: PolicyFinding[]): string[] {
  const rows = [...findings].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
  return [
    "| policy | level | message | fix |",
    "| --- | --- | --- | --- |",
    ...rows.map(
      (f) =>
        `| ${markdownCode(f.policy, IN_TABLE)} | ${f.level} | ${cell(messageOf(f))} | ${f.fix ? cell(f.fix) : "-"} |`,
    ),
  ];
}

function heading(urn: string | undefined): string {
  if (urn === undefined) return "### Stack";
  const { type, name } = parseUrn(urn);
  return `### ${code(name)}${type ? ` (${markdownText(type)})` : ""}`;
}

function totals(report: PreviewFindings): string {
  const count = (level: PolicyFinding["level"]) => report.findings.filter((f) => f.level === level).length;
  const mandatory = count("mandatory") + count("remediate");
  const advisory = count("advisory");
  const waived = count("waived");
  const packs = [
    ...new Set(
      report.findings.map((f) => f.policyPack + (f.policyPackVersion ? ` ${f.policyPackVersion}` : "")),
    ),
  ];
  const verdict = mandatory > 0 ? "blocked by mandatory policy violations" : "no mandatory policy violation";
  return (
    `**${verdict}**: ${mandatory} mandatory, ${advisory} advisory` +
    (waived > 0 ? `, ${waived} waived` : "") +
    (packs.length > 0 ? ` (${packs.map(code).join(", ")})` : "")
  );
}

/** Renders a preview's findings as a Markdown job summary. */
export function renderMarkdown(report: PreviewFindings, title = "Policy check"): string {
  const lines = [`## ${markdownText(title)}`, ""];
  if (!report.policyDataPresent) {
    lines.push(
      "> [!WARNING]",
      "> This is the CLI's `pulumi preview --json` document, which leaves policy findings out. Run the " +
        "preview with `PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true` (engine events), or use " +
        "`pulumi-hyperv preview --json`, to list them.",
      "",
    );
  } else {
    lines.push(totals(report), "");
  }
  if (report.changeSummary) {
    const changes = Object.entries(report.changeSummary)
      .filter(([, n]) => n > 0)
      .map(([op, n]) => `${n} ${markdownText(op)}`);
    if (changes.length > 0) lines.push(`Planned: ${changes.join(", ")}.`, "");
  }
  const byResource = new Map<string | undefined, PolicyFinding[]>();
  for (const f of report.findings) byResource.set(f.urn, [...(byResource.get(f.urn) ?? []), f]);
  for (const [urn, findings] of byResource) {
    lines.push(heading(urn), "", ...(urn ? [`<sub>${code(urn)}</sub>`, ""] : []), ...table(findings), "");
  }
  if (report.policyDataPresent && report.findings.length === 0) lines.push("No policy findings.", "");
  if (report.problems.length > 0) {
    lines.push("### Preview diagnostics", "");
    for (const p of report.problems) {
      const where = p.urn ? `${code(parseUrn(p.urn).name)}: ` : "";
      lines.push(`- **${p.severity}** ${where}${markdownText(p.message)}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
