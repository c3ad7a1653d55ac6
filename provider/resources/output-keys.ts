/**
 * The output properties of a resource class. The Pulumi SDK gives a resource an output property
 * only for the keys of the props it is constructed with, so every declared output must be among
 * them (as `undefined` when it is no input): the SDK then fills it from what the provider returns.
 */
import type * as pulumi from "@pulumi/pulumi";

/** The names of a resource's own `pulumi.Output` properties (not the SDK's `urn` and `id`). */
export type OutputNames<R> = Exclude<
  { [K in keyof R]-?: R[K] extends pulumi.Output<infer _> ? K : never }[keyof R],
  "urn" | "id"
>;

/**
 * `keys` when they name every output of `R` (a missing one is a compile error naming it).
 *
 * @example
 * const OUTPUT_KEYS = outputKeys<VirtualSwitch>()(["switchId", "switchName", ...]);
 */
export function outputKeys<R>() {
  return <const K extends readonly OutputNames<R>[]>(
    keys: K &
      ([Exclude<OutputNames<R>, K[number]>] extends [never]
        ? unknown
        : { missingOutputs: Exclude<OutputNames<R>, K[number]> }),
  ): K => keys;
}

/** Props that give every output in `keys` a property: each `undefined`, for inputs to override. */
export function unsetOutputs(keys: readonly string[]): Record<string, undefined> {
  return Object.fromEntries(keys.map((key) => [key, undefined]));
}
