/** Everything one operation's steps share. */
import type { Project, StackConfig } from "../project";
import type { DeploymentEvents, ChangeSummary, StepInfo, StepOp } from "./events";
import type { Journal } from "./journal";
import type { Plugins } from "./plugins";
import type { Semaphore } from "./semaphore";
import { nameOf, typeOf } from "./urn";
import type { ResourceState } from "./state";

export interface OperationContext {
  project: Project;
  stack: string;
  organization: string;
  config: StackConfig;
  plugins: Plugins;
  events: DeploymentEvents;
  journal: Journal;
  semaphore: Semaphore;
  /** A preview plans steps and runs no create, update or delete. */
  dryRun: boolean;
  /** Counts per operation, filled as steps finish. */
  summary: ChangeSummary;
}

/** Counts a finished step in the summary. */
export function count(context: OperationContext, op: StepOp): void {
  const key = op === "create-replacement" || op === "delete-replaced" ? "replace" : op;
  context.summary[key] = (context.summary[key] ?? 0) + 1;
}

/** The step description of a resource. */
export function stepOf(op: StepOp, state: ResourceState, extra: Partial<StepInfo> = {}): StepInfo {
  return { op, urn: state.urn, type: typeOf(state.urn), name: nameOf(state.urn), ...extra };
}
