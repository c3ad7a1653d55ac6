/**
 * Pending creates a killed run left behind: the object may or may not exist, and only the user
 * can tell. As `pulumi refresh` does (pulumi/pulumi `pkg/cmd/pulumi/operations/refresh.go`),
 * `--import-pending-creates URN,ID,...` turns each into a resource with that id (the refresh then
 * reads it, and drops it if it is not there), `--clear-pending-creates` drops them, and otherwise
 * they stay. Pure.
 */
import { UsageError } from "../errors";
import type { Snapshot } from "./state";

/** What the user decided for the pending creates. */
export interface PendingCreateChoices {
  clear: boolean;
  skip: boolean;
  /** `URN ID` pairs, flat (the flag's values, split at commas). */
  imports: string[];
}

/** The snapshot with the pending creates resolved, and the URNs given that matched none. */
export function resolvePendingCreates(
  base: Snapshot,
  choices: PendingCreateChoices,
): { snapshot: Snapshot; unused: string[] } {
  if (choices.clear && choices.skip)
    throw new UsageError("cannot set both --skip-pending-creates and --clear-pending-creates");
  if (choices.imports.length % 2 !== 0)
    throw new UsageError(
      "--import-pending-creates takes pairs: each URN must be followed by an ID (found an odd number of entries)",
    );
  const ids = new Map<string, string>();
  for (let i = 0; i < choices.imports.length; i += 2) ids.set(choices.imports[i], choices.imports[i + 1]);
  const resources = [...base.resources];
  const pendingOperations = [];
  const used = new Set<string>();
  for (const op of base.pendingOperations) {
    if (op.type !== "creating") {
      pendingOperations.push(op);
      continue;
    }
    const id = ids.get(op.resource.urn);
    if (id) {
      used.add(op.resource.urn);
      resources.push({ ...op.resource, id });
    } else if (!choices.clear) pendingOperations.push(op);
  }
  return {
    snapshot: { resources, pendingOperations },
    unused: [...ids.keys()].filter((urn) => !used.has(urn)),
  };
}
