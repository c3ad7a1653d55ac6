/**
 * The `--json` document: the shape of `pulumi preview --json` (`display.PreviewDigest` in
 * pulumi/pulumi `pkg/display`): `config` (secrets blinded), `steps` (op, urn, provider, oldState,
 * newState with its `sourcePosition` and `stackTrace`, diffReasons, replaceReasons), `diagnostics` (urn, message, severity), `duration` in
 * nanoseconds, `changeSummary`. The CLI leaves policy events out of this document; this command
 * adds them under `policyViolations` so report tools need not parse diagnostics: present (an empty
 * list when nothing was found) whenever a policy pack ran, so a clean check reads as one.
 */
import type { ChangeSummary, DeploymentEvents, Diagnostic, StepInfo } from "../engine/events";
import type { PolicyViolation } from "../engine/policy-pack";
import { maskSecrets } from "../engine/properties";
import { withPulumiHypervCommands } from "./command-hints";
import { withResourceSource, type ResourceSource } from "../engine/source-position";
import { compactState, type ResourceState } from "../engine/state";

/** One step of the document. */
export interface PreviewStep {
  op: string;
  urn: string;
  provider?: string;
  oldState?: ResourceState;
  /** With the registration site (`sourcePosition`, `stackTrace`) when the program sent one. */
  newState?: ResourceState & ResourceSource;
  diffReasons?: string[];
  replaceReasons?: string[];
}

/** The whole document. */
export interface PreviewDocument {
  config?: Record<string, string>;
  steps?: PreviewStep[];
  diagnostics?: { urn?: string; message: string; severity: string }[];
  duration: number;
  changeSummary: ChangeSummary;
  policyViolations?: PolicyViolation[];
}

function forJson(state: ResourceState | undefined): ResourceState | undefined {
  if (!state) return undefined;
  return compactState({
    ...state,
    ...(state.inputs && { inputs: maskSecrets(state.inputs) }),
    ...(state.outputs && { outputs: maskSecrets(state.outputs) }),
  });
}

export class PreviewDigest implements DeploymentEvents {
  private steps: PreviewStep[] = [];
  private diagnostics: Diagnostic[] = [];
  private violations: PolicyViolation[] = [];
  private policyPacksRan = false;
  private sources = new Map<string, ResourceSource>();

  stepStarted(): void {}

  stepFinished(step: StepInfo): void {
    if (step.type.startsWith("pulumi:providers:")) return;
    const entry: PreviewStep = {
      op: step.op,
      urn: step.urn,
      ...(step.provider && { provider: step.provider }),
      ...(step.old && { oldState: forJson(step.old) }),
      ...(step.new && { newState: withResourceSource(forJson(step.new)!, this.sources.get(step.urn)) }),
      ...(step.diffs && step.diffs.length > 0 && step.op !== "same" && { diffReasons: step.diffs }),
      ...(step.replaceKeys && step.replaceKeys.length > 0 && { replaceReasons: step.replaceKeys }),
    };
    const i = this.steps.findIndex((s) => s.urn === step.urn && s.op === step.op);
    if (i >= 0) this.steps[i] = entry;
    else this.steps.push(entry);
  }

  resourceSource(urn: string, source: ResourceSource): void {
    this.sources.set(urn, source);
  }

  diagnostic(diagnostic: Diagnostic): void {
    if (diagnostic.severity !== "debug") {
      this.diagnostics.push({ ...diagnostic, message: withPulumiHypervCommands(diagnostic.message) });
    }
  }

  policyViolation(violation: PolicyViolation): void {
    this.violations.push(violation);
  }

  policyPackLoaded(): void {
    this.policyPacksRan = true;
  }

  /** Starts a new pass (an `up` reports its update, not its preview). */
  reset(): void {
    this.steps = [];
    this.diagnostics = [];
    this.violations = [];
  }

  document(
    config: Record<string, string>,
    secretKeys: string[],
    summary: ChangeSummary,
    durationMs: number,
  ): PreviewDocument {
    const blinded = Object.fromEntries(
      Object.entries(config).map(([k, v]) => [k, secretKeys.includes(k) ? "[secret]" : v]),
    );
    return {
      ...(Object.keys(blinded).length > 0 && { config: blinded }),
      ...(this.steps.length > 0 && { steps: this.steps }),
      ...(this.diagnostics.length > 0 && {
        diagnostics: this.diagnostics.map((d) => ({
          ...(d.urn && { urn: d.urn }),
          message: d.message,
          severity: d.severity,
        })),
      }),
      duration: Math.round(durationMs * 1e6),
      changeSummary: summary,
      ...((this.policyPacksRan || this.violations.length > 0) && { policyViolations: this.violations }),
    };
  }
}
