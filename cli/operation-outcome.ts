/** What an operation's result says: whether it changed anything, the stack's outputs. Pure. */
import type { ChangeSummary } from "./engine/events";
import type { Snapshot } from "./engine/state";
import { ROOT_STACK_TYPE } from "./engine/urn";

/** Whether a change summary has anything but unchanged resources (the engine's `HasChanges`). */
export function hasChanges(summary: ChangeSummary): boolean {
  return Object.entries(summary).some(([op, n]) => op !== "same" && (n ?? 0) > 0);
}

/** The stack resource's outputs in a snapshot (wire form: secrets still marked). */
export function stackOutputs(snapshot: Snapshot): Record<string, unknown> {
  return snapshot.resources.find((r) => r.type === ROOT_STACK_TYPE)?.outputs ?? {};
}
