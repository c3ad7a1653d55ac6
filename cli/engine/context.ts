/** Everything one deployment's steps share. */
import type { DeploymentEvents, ChangeSummary, StepInfo, StepOp } from "./events";
import type { PluginSet } from "./deploy/plugins";
import { nameOf, typeOf } from "./urn";
import type { ResourceState } from "./state";

/** The stack config as the engine uses it. */
export interface DeploymentConfig {
  /** Namespaced key to value (secrets decrypted). */
  values: Record<string, string>;
  /** Keys whose values are secret. */
  secretKeys: string[];
  /** Whether the stack's passphrase is set, so secrets can be written encrypted. */
  hasPassphrase(): boolean;
}

export interface OperationContext {
  project: { name: string };
  stack: string;
  organization: string;
  config: DeploymentConfig;
  plugins: PluginSet;
  events: DeploymentEvents;
  /** A preview plans steps and runs no create, update or delete. */
  dryRun: boolean;
  /** At most this many resource operations at once (`--parallel`). */
  parallel: number;
  /** Counts per operation, filled as steps finish. */
  summary: ChangeSummary;
}

/** The change summary's key for a step operation (replacement halves count as one replace). */
export function summaryKey(op: StepOp): StepOp | undefined {
  if (op === "create-replacement" || op === "delete-replaced") return undefined;
  if (op === "import-replacement") return "replace";
  if (op === "remove-pending-replace" || op === "discard-replaced" || op === "refresh") return undefined;
  return op;
}

/** Counts a finished step in the summary. */
export function count(context: OperationContext, op: StepOp): void {
  const key = summaryKey(op);
  if (key) context.summary[key] = (context.summary[key] ?? 0) + 1;
}

/** The step description of a resource. */
export function stepOf(op: StepOp, state: ResourceState, extra: Partial<StepInfo> = {}): StepInfo {
  return { op, urn: state.urn, type: typeOf(state.urn), name: nameOf(state.urn), ...extra };
}
