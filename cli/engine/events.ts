/** What a deployment reports while it runs; the output renderers and the JSON document consume it. */
import type { PolicyViolation } from "./policy-pack";
import type { ResourceSource } from "./source-position";
import type { ResourceState } from "./state";

/** Step operations, named as the CLI names them (`deploy.StepOp`). */
export type StepOp =
  | "same"
  | "create"
  | "update"
  | "delete"
  | "replace"
  | "create-replacement"
  | "delete-replaced"
  | "read"
  | "read-replacement"
  | "refresh"
  | "import"
  | "import-replacement"
  | "remove-pending-replace"
  | "discard-replaced";

/** One resource step. */
export interface StepInfo {
  op: StepOp;
  urn: string;
  type: string;
  name: string;
  provider?: string;
  old?: ResourceState;
  new?: ResourceState;
  /** Keys that changed (updates and replacements). */
  diffs?: string[];
  /** Keys that force a replacement. */
  replaceKeys?: string[];
}

export type DiagnosticSeverity = "debug" | "info" | "infoerr" | "warning" | "error";

/** A message for the user, optionally about one resource. */
export interface Diagnostic {
  urn?: string;
  severity: DiagnosticSeverity;
  message: string;
}

/** Counts per operation, as the CLI's change summary keys them. */
export type ChangeSummary = Partial<Record<StepOp, number>>;

/** Sink of deployment events. */
export interface DeploymentEvents {
  /** A step was chosen (preview) or started (update). */
  stepStarted(step: StepInfo): void;
  /** A step finished (update) or was planned (preview); failed steps have `error`. */
  stepFinished(step: StepInfo, error?: string): void;
  diagnostic(diagnostic: Diagnostic): void;
  policyViolation(violation: PolicyViolation): void;
  /** Policy packs that were loaded, for the summary. */
  policyPackLoaded(pack: { name: string; version: string; path: string }): void;
  /** Where the program registered a resource (before its step is planned); sinks that show it listen. */
  resourceSource?(urn: string, source: ResourceSource): void;
}
