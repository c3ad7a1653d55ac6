/** Errors a provider method raises for the engine. */
import type { CheckFailure } from "../model";

/** Inputs that did not pass `check()` reached create or update (the engine never does this). */
export function invalidInputsError(resource: string, failures: CheckFailure[]): Error {
  return new Error(`${resource} inputs are invalid: ${failures.map((f) => f.reason).join("; ")}`);
}

/**
 * Pulumi's partial-failure error: the object exists (its id is recorded in the state, so a later
 * update or destroy can deal with it) although the operation failed. `properties` must carry every
 * input, `__provider` included, or the recorded resource cannot be read or deleted later.
 */
export function partialFailureError(
  message: string,
  id: string,
  properties: Record<string, unknown>,
): Error & { id: string; properties: Record<string, unknown>; reasons: string[] } {
  return Object.assign(new Error(message), { id, properties, reasons: [message] });
}
