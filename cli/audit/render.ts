/**
 * The audit's outputs: the text for a terminal, and Markdown and SARIF through the report's own
 * renderers (the audit's findings as a report's findings, each VM named `HOST/VM`), with the
 * unjudged VMs and unreadable hosts added. Pure.
 */
import {
  renderMarkdown,
  renderSarif,
  type PolicyFinding,
  type PreviewFindings,
  type SarifLog,
} from "../report";
import { cell } from "../report/markdown";
import type { AuditDocument, AuditedVm, AuditFinding } from "./judge";

/** Control characters from a host (VM names, messages) shown as escapes, so they cannot drive the terminal. */
export function printable(s: string): string {
  return s.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** How a VM is named in Markdown and SARIF. */
export function vmLabel(vm: Pick<AuditedVm, "host" | "vmName">): string {
  return `${vm.host}/${vm.vmName}`;
}

function findingLine(f: AuditFinding): string[] {
  const tag = `[${f.level}]`;
  const lines = [`    - ${tag}  ${f.policy}${f.new ? "  (new)" : ""}`];
  if (f.waiver) {
    lines.push(`      Waived until ${f.waiver.expires} (owner: ${f.waiver.owner}): ${f.waiver.reason}`);
  }
  lines.push(`      ${f.message}${f.fix ? ` Fix: ${f.fix}` : ""}`);
  return lines.map(printable);
}

function summaryLine(doc: AuditDocument): string {
  const s = doc.summary;
  const fresh = s.newMandatory !== undefined ? ` (${s.newMandatory} new)` : "";
  return (
    `Findings: ${s.mandatory} mandatory${fresh}, ${s.advisory} advisory, ${s.waived} waived; ` +
    `${s.judged} VM${s.judged === 1 ? "" : "s"} judged, ${s.unjudged} unjudged` +
    (s.unreachableHosts > 0
      ? `; ${s.unreachableHosts} host${s.unreachableHosts === 1 ? "" : "s"} not read`
      : "")
  );
}

/** The terminal report: per host, each VM with its findings or why it is unjudged. */
export function renderText(doc: AuditDocument): string {
  const pack = doc.audit.policyPack;
  const lines = [
    `pulumi-hyperv audit: ${doc.summary.vms} VMs on ${doc.summary.hosts} hosts, ${pack.name}@v${pack.version}`,
  ];
  for (const host of doc.hosts) {
    lines.push("", printable(host.host));
    if (host.error) lines.push(printable(`  not read: ${host.error}`));
    for (const vm of doc.vms.filter((v) => v.host === host.host)) {
      const head = `  ${vm.vmName} (${vm.vmId}, ${vm.state})`;
      if (vm.status === "unjudged") {
        lines.push(printable(`${head}  unjudged: ${vm.reason}`));
      } else {
        lines.push(
          printable(
            `${head}  ${vm.findings.length === 0 ? "compliant" : `${vm.findings.length} finding(s)`}` +
              (vm.guest?.source === "kvp" ? " (guest identity from KVP)" : ""),
          ),
        );
        for (const f of vm.findings) lines.push(...findingLine(f));
      }
    }
  }
  lines.push("", summaryLine(doc), "");
  return lines.join("\n");
}

/** The audit's findings in the report's terms. */
export function asReportFindings(doc: AuditDocument): PreviewFindings {
  const findings = doc.vms.flatMap((vm) =>
    vm.findings.map((f): PolicyFinding => ({
      urn: vmLabel(vm),
      policyPack: doc.audit.policyPack.name,
      policyPackVersion: doc.audit.policyPack.version,
      policy: f.policy,
      level: f.level,
      ...(f.description && { description: f.description }),
      message: f.message,
      ...(f.fix && { fix: f.fix }),
      ...(f.waiver && { waiver: f.waiver }),
    })),
  );
  return { source: "pulumi-hyperv-digest", policyDataPresent: true, findings, problems: [] };
}

/** What the audit could not judge, one line each. */
function notJudged(doc: AuditDocument): string[] {
  return [
    ...doc.hosts.filter((h) => h.error).map((h) => `${h.host}: not read: ${h.error}`),
    ...doc.vms
      .filter((v) => v.status === "unjudged")
      .map((v) => `${vmLabel(v)} (${v.vmId}): unjudged: ${v.reason}`),
  ];
}

/** A Markdown job summary: the report's tables, then the VMs the audit could not judge. */
export function renderAuditMarkdown(doc: AuditDocument): string {
  const lines = [
    renderMarkdown(asReportFindings(doc), "Hyper-V audit").trimEnd(),
    "",
    summaryLine(doc) + ".",
    "",
  ];
  const missing = notJudged(doc);
  if (missing.length > 0) {
    lines.push("### Not judged", "", ...missing.map((m) => `- ${cell(m)}`), "");
  }
  return lines.join("\n");
}

/**
 * SARIF 2.1.0: the report's log, each result's `baselineState` set when a baseline was given, and
 * the VMs the audit could not judge as warnings of the run's invocation.
 */
export function renderAuditSarif(doc: AuditDocument): SarifLog {
  const log = renderSarif(asReportFindings(doc));
  const findings = doc.vms.flatMap((vm) => vm.findings);
  // One pack: the run's results are the findings, in order.
  const run = log.runs[0] as unknown as { results: { baselineState?: string }[]; invocations?: unknown[] };
  if (doc.audit.baseline) {
    run.results.forEach((r, i) => (r.baselineState = findings[i].new ? "new" : "unchanged"));
  }
  run.invocations = [
    {
      executionSuccessful: doc.summary.unreachableHosts === 0,
      toolExecutionNotifications: notJudged(doc).map((text) => ({ level: "warning", message: { text } })),
    },
  ];
  return log;
}
