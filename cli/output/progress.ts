/**
 * What a person sees: one line per resource with its operation and status (redrawn in place on a
 * terminal, appended as plain lines otherwise), then diagnostics grouped by resource, policy
 * violations grouped by pack and resource in the CLI's wording, and the summary.
 */
import type { Writable } from "node:stream";
import type { ChangeSummary, DeploymentEvents, Diagnostic, StepInfo } from "../engine/events";
import type { PolicyViolation } from "../engine/policy-pack";
import { outputsSection, propertyDiffLine } from "./property-values";
import { formatDuration, OP_SYMBOL, opWord, summaryLine } from "./symbols";
import { withPulumiHypervCommands } from "./command-hints";

interface Row {
  step: StepInfo;
  status: string;
  started: number;
}

export class ProgressDisplay implements DeploymentEvents {
  private rows: Row[] = [];
  private drawnLines = 0;
  private diagnostics: Diagnostic[] = [];
  private violations: PolicyViolation[] = [];
  private packs: { name: string; version: string; path: string }[] = [];
  private preview = false;
  /** The stack's outputs, printed as the `Outputs:` section by the next `end` (set after an update). */
  outputs?: Record<string, unknown>;

  constructor(
    private readonly out: Writable,
    private readonly interactive: boolean,
    /** `--diff`: list the changed properties of each step, old and new values. */
    private readonly showDiff = false,
    /** `--show-secrets`: secret values in plaintext in the diff and the outputs. */
    private readonly showSecrets = false,
  ) {}

  /** Starts a pass: `Previewing update (dev):`, `Updating (dev):`, ... */
  begin(title: string, preview: boolean): void {
    this.rows = [];
    this.outputs = undefined;
    this.drawnLines = 0;
    this.diagnostics = [];
    this.violations = [];
    this.preview = preview;
    this.out.write(`${title}\n\n`);
    if (this.interactive)
      this.out.write(`     ${"Type".padEnd(50)} ${"Name".padEnd(24)} ${preview ? "Plan" : "Status"}\n`);
  }

  private line(row: Row): string {
    const { step } = row;
    const symbol = OP_SYMBOL[step.op].padEnd(3);
    const depth = step.type === "pulumi:pulumi:Stack" ? 0 : 1;
    const type = `${depth > 0 ? "├─ " : ""}${step.type}`;
    return ` ${symbol} ${type.padEnd(50)} ${step.name.padEnd(24)} ${row.status}`;
  }

  private redraw(): void {
    if (this.drawnLines > 0) this.out.write(`\x1b[${this.drawnLines}A\x1b[J`);
    const text = this.rows.map((r) => this.line(r)).join("\n");
    this.out.write(text + (text ? "\n" : ""));
    this.drawnLines = this.rows.length;
  }

  private upsert(step: StepInfo, status: string): Row {
    let row = this.rows.find((r) => r.step.urn === step.urn && r.step.op === step.op);
    if (!row) {
      row = { step, status, started: Date.now() };
      this.rows.push(row);
    } else {
      row.status = status;
      row.step = step;
    }
    return row;
  }

  stepStarted(step: StepInfo): void {
    if (step.type.startsWith("pulumi:providers:")) return;
    const status = this.preview ? opWord(step.op, "planned") : opWord(step.op, "running");
    this.upsert(step, status);
    if (this.interactive) this.redraw();
    else if (!this.preview && step.op !== "same")
      this.out.write(
        `${this.line(this.rows.find((r) => r.step.urn === step.urn && r.step.op === step.op)!)}\n`,
      );
  }

  stepFinished(step: StepInfo, error?: string): void {
    if (step.type.startsWith("pulumi:providers:")) return;
    const existing = this.rows.find((r) => r.step.urn === step.urn && r.step.op === step.op);
    const elapsed = existing ? ` (${formatDuration(Date.now() - existing.started)})` : "";
    const status = error
      ? `**${opWord(step.op, "running")} failed**`
      : this.preview
        ? opWord(step.op, "planned")
        : `${opWord(step.op, "done")}${step.op === "same" ? "" : elapsed}`;
    const row = this.upsert(step, status);
    if (this.interactive) this.redraw();
    else if (this.preview || step.op !== "same" || error) this.out.write(`${this.line(row)}\n`);
  }

  diagnostic(diagnostic: Diagnostic): void {
    this.diagnostics.push({ ...diagnostic, message: withPulumiHypervCommands(diagnostic.message) });
  }

  policyViolation(violation: PolicyViolation): void {
    this.violations.push(violation);
  }

  policyPackLoaded(pack: { name: string; version: string; path: string }): void {
    if (!this.packs.some((p) => p.name === pack.name)) this.packs.push(pack);
  }

  /** Prints diagnostics, policy violations and the summary of the pass. */
  end(summary: ChangeSummary, durationMs: number): void {
    const out = this.out;
    const byResource = new Map<string, Diagnostic[]>();
    for (const d of this.diagnostics.filter((d) => d.severity !== "debug")) {
      const key = d.urn ?? "";
      byResource.set(key, [...(byResource.get(key) ?? []), d]);
    }
    if (byResource.size > 0) {
      out.write("\nDiagnostics:\n");
      for (const [urn, list] of byResource) {
        const parts = urn.split("::");
        out.write(
          `  ${urn ? `${parts[2].split("$").pop()} (${parts.slice(3).join("::")})` : "pulumi:pulumi:Stack"}:\n`,
        );
        for (const d of list) {
          const prefix = d.severity === "info" || d.severity === "infoerr" ? "" : `${d.severity}: `;
          out.write(`    ${prefix}${d.message.split("\n").join("\n    ")}\n`);
        }
        out.write("\n");
      }
    }
    if (this.packs.length > 0 || this.violations.length > 0) {
      out.write("\nPolicies:\n");
      const packs = new Map(this.packs.map((p) => [p.name, p]));
      for (const v of this.violations)
        if (!packs.has(v.policyPack))
          packs.set(v.policyPack, { name: v.policyPack, version: v.policyPackVersion, path: v.policyPack });
      for (const pack of packs.values()) {
        const mine = this.violations.filter((v) => v.policyPack === pack.name);
        const failed = mine.some(
          (v) => v.enforcementLevel === "mandatory" || v.enforcementLevel === "remediate",
        );
        out.write(
          `    ${failed ? "❌" : mine.length > 0 ? "⚠️" : "✅"} ${pack.name}@v${pack.version} (local: ${pack.path})\n`,
        );
        const urns = [...new Set(mine.map((v) => v.urn ?? ""))];
        for (const urn of urns) {
          for (const v of mine.filter((x) => (x.urn ?? "") === urn)) {
            const parts = urn.split("::");
            const where = urn ? `  (${parts[2].split("$").pop()}: ${parts.slice(3).join("::")})` : "";
            out.write(`        - [${v.waiver ? "waived" : v.enforcementLevel}]  ${v.policyName}${where}\n`);
            // @pulumi/policy starts the message with the policy's description; print it once.
            if (v.description && !v.message.startsWith(v.description))
              out.write(`          ${v.description}\n`);
            out.write(`          ${v.message.split("\n").join("\n          ")}\n`);
          }
        }
      }
    }
    const changed = this.rows.filter((r) => r.step.op !== "same" && (r.step.diffs?.length ?? 0) > 0);
    if (this.showDiff && changed.length > 0) {
      out.write("\nChanges:\n");
      for (const { step } of changed) {
        out.write(`    ${OP_SYMBOL[step.op]} ${step.type} ${step.name}:\n`);
        for (const k of step.diffs!) {
          const before = step.old?.inputs?.[k];
          const after = step.new?.inputs?.[k];
          out.write(
            `${propertyDiffLine(k, before, after, "        ", this.showSecrets, step.replaceKeys?.includes(k))}\n`,
          );
        }
      }
    }
    const outputs = this.outputs ? outputsSection(this.outputs, this.showSecrets) : "";
    if (outputs) out.write(`\n${outputs}`);
    out.write(
      `\nResources:\n    ${summaryLine(summary, this.preview)}\n\nDuration: ${formatDuration(durationMs)}\n\n`,
    );
  }
}
