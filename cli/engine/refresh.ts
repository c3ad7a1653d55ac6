/**
 * Refresh: read every managed resource back from its provider (`Read` with the stored id, outputs
 * and inputs). An empty id means the resource is gone; changed outputs are drift. Reads have no side
 * effects, so the new snapshot is computed first and written once by the caller.
 */
import { count, stepOf, type OperationContext } from "./context";
import { changedKeys, markSecret, revealSecrets, secretKeys } from "./properties";
import type { ResourceState, Snapshot } from "./state";
import { PROVIDER_TYPE_PREFIX } from "./urn";

/** The refreshed snapshot, or undefined when a read failed (reported as a diagnostic). */
export async function refreshSnapshot(
  context: OperationContext,
  base: Snapshot,
): Promise<Snapshot | undefined> {
  const { events } = context;
  const managed = base.resources.filter(
    (r) => r.custom && !r.type.startsWith(PROVIDER_TYPE_PREFIX) && r.id && !r.delete,
  );
  const provider = managed.length > 0 ? await context.plugins.providerHost() : undefined;
  const results = new Map<ResourceState, ResourceState | null>();
  let ok = true;
  await Promise.all(
    managed.map(async (old) => {
      const step = stepOf("refresh", old, { old, provider: old.provider });
      events.stepStarted(step);
      try {
        const read = await context.semaphore.run(() =>
          provider!.read(old.id!, old.urn, revealSecrets(old.outputs ?? {}), revealSecrets(old.inputs ?? {})),
        );
        if (!read.id) {
          results.set(old, null);
          events.stepFinished({ ...step, op: "delete" });
          count(context, "delete");
          return;
        }
        const outputs = markSecret(read.outputs, [
          ...secretKeys(old.outputs ?? {}),
          ...(old.additionalSecretOutputs ?? []),
        ]);
        const inputs = read.inputs ? markSecret(read.inputs, secretKeys(old.inputs ?? {})) : old.inputs;
        const diffs = changedKeys(revealSecrets(old.outputs ?? {}), revealSecrets(outputs)).filter(
          (k) => k !== "__provider",
        );
        const fresh: ResourceState = { ...old, id: read.id, outputs, ...(inputs && { inputs }) };
        results.set(old, fresh);
        const op = diffs.length > 0 ? "update" : "same";
        events.stepFinished({ ...step, op, new: fresh, diffs });
        count(context, op);
      } catch (e) {
        ok = false;
        events.stepFinished(step, (e as Error).message);
        events.diagnostic({ urn: old.urn, severity: "error", message: (e as Error).message });
      }
    }),
  );
  if (!ok) return undefined;
  const resources: ResourceState[] = [];
  for (const r of base.resources) {
    const refreshed = results.get(r);
    if (refreshed === null) continue;
    resources.push(refreshed ?? r);
  }
  return { resources, pendingOperations: [] };
}
