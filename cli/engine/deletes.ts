/**
 * Delete steps, in the order given (callers pass reverse dependency order): a protected resource
 * stops the run with the CLI's message, `retainOnDelete` drops the state without calling the
 * provider, components and providers only leave the state.
 */
import { count, stepOf, type OperationContext } from "./context";
import { revealSecrets } from "./properties";
import type { ResourceState } from "./state";
import { PROVIDER_TYPE_PREFIX } from "./urn";

/** The CLI's refusal to delete a protected resource. */
export function protectedDeleteMessage(urn: string): string {
  return (
    `unable to delete resource "${urn}"\nas it is currently marked for protection. To unprotect the resource, ` +
    "either remove the `protect` flag from the resource in your Pulumi program and run `pulumi up`, or use the " +
    `command:\n\`pulumi state unprotect '${urn}'\``
  );
}

/** Deletes one resource; throws (after reporting) when it cannot. */
export async function deleteResource(
  context: OperationContext,
  state: ResourceState,
  replaced = false,
): Promise<void> {
  const op = replaced ? "delete-replaced" : "delete";
  const step = stepOf(op, state, { old: state, provider: state.provider });
  context.events.stepStarted(step);
  try {
    if (state.protect && !replaced) throw new Error(protectedDeleteMessage(state.urn));
    if (!context.dryRun) {
      const needsProvider =
        state.custom && !state.type.startsWith(PROVIDER_TYPE_PREFIX) && !state.retainOnDelete;
      if (needsProvider && state.id) {
        const provider = await context.plugins.providerHost();
        const done = context.journal.begin(state, "deleting");
        try {
          await context.semaphore.run(() =>
            provider.delete(
              state.id!,
              state.urn,
              revealSecrets(state.outputs ?? {}),
              revealSecrets(state.inputs ?? {}),
            ),
          );
        } finally {
          done();
        }
      }
      context.journal.remove(state);
    }
  } catch (e) {
    context.events.stepFinished(step, (e as Error).message);
    context.events.diagnostic({ urn: state.urn, severity: "error", message: (e as Error).message });
    throw e;
  }
  context.events.stepFinished(step);
  if (!replaced) count(context, op);
}

/** Deletes resources one after the other; stops at the first failure (returns false). */
export async function deleteAll(context: OperationContext, states: ResourceState[]): Promise<boolean> {
  for (const state of states) {
    try {
      await deleteResource(context, state, state.delete === true);
    } catch {
      return false;
    }
  }
  return true;
}
