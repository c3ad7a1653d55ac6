/**
 * `pulumi-hyperv report`: the JSON of a preview into a Markdown job summary or SARIF 2.1.0. Pure:
 * the command reads the file and writes the result.
 */
import { renderMarkdown } from "./markdown";
import { readPreviewFindings, type PreviewFindings } from "./preview-findings";
import { renderSarif, type SarifOptions } from "./sarif";

export {
  PreviewJsonError,
  readPreviewFindings,
  type PolicyFinding,
  type PreviewFindings,
} from "./preview-findings";
export { renderMarkdown } from "./markdown";
export { renderSarif, SARIF_SCHEMA_URI, type SarifLog } from "./sarif";

export const REPORT_FORMATS = ["markdown", "sarif"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface Report {
  text: string;
  findings: PreviewFindings;
  /** Findings that stop an update (mandatory, and remediate-level ones the remediation left). */
  mandatory: number;
}

/** Reads a preview's JSON and renders it in `format`. */
export function renderReport(input: string, format: ReportFormat, options: SarifOptions = {}): Report {
  const findings = readPreviewFindings(input);
  const text =
    format === "sarif"
      ? `${JSON.stringify(renderSarif(findings, options), null, 2)}\n`
      : renderMarkdown(findings);
  const blocking = findings.findings.filter((f) => f.level === "mandatory" || f.level === "remediate");
  return { text, findings, mandatory: blocking.length };
}
