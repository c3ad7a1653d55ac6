/**
 * The step generator's decisions, as pure functions of a goal, the old state and the provider's
 * answers (pulumi/pulumi `pkg/resource/deploy/step_generator.go`): replaceOnChanges,
 * replacementTrigger, protection of replaced resources, and the order of deletes.
 */
import type { DiffResult } from "../provider";
import { changedKeys, containsUnknown, deepEqual, revealSecrets, type PropertyMap } from "../properties";
import { referencesOf, type ResourceState } from "../state";

/** A provider's diff, made definite: `unknown` becomes the engine's own comparison of the inputs. */
export interface Diff {
  changes: boolean;
  replaceKeys: string[];
  changedKeys: string[];
  deleteBeforeReplace: boolean;
}

/** The diff the generator works with (`diffResource`: an unknown answer is the engine's own input diff). */
export function definiteDiff(diff: DiffResult, oldInputs: PropertyMap, newInputs: PropertyMap): Diff {
  let keys = diff.diffs;
  let changes = diff.changes === "some";
  if (diff.changes === "unknown") {
    keys = changedKeys(revealSecrets(oldInputs), revealSecrets(newInputs));
    changes = keys.length > 0;
  }
  if (changes && keys.length === 0) keys = changedKeys(revealSecrets(oldInputs), revealSecrets(newInputs));
  return {
    changes,
    replaceKeys: changes ? [...diff.replaces] : [],
    changedKeys: changes ? keys : [],
    deleteBeforeReplace: diff.deleteBeforeReplace,
  };
}

/** `applyReplaceOnChanges`: a changed key under a `replaceOnChanges` path forces a replacement. */
export function applyReplaceOnChanges(diff: Diff, replaceOnChanges: string[], hasInitErrors: boolean): Diff {
  if (!diff.changes && !hasInitErrors) return diff;
  const covered = (key: string) =>
    replaceOnChanges.some(
      (p) => p === "*" || p === key || key.startsWith(`${p}.`) || key.startsWith(`${p}[`),
    );
  const replaceKeys = [...new Set([...diff.replaceKeys, ...diff.changedKeys.filter(covered)])];
  return { ...diff, replaceKeys };
}

/**
 * `shouldTriggerReplace`: a changed `replacementTrigger` replaces the resource; unknown values
 * always count as changed, and no trigger (null) on either side never replaces.
 */
export function shouldTriggerReplace(next: unknown, old: unknown): boolean {
  const a = revealSecrets(next ?? null);
  const b = revealSecrets(old ?? null);
  if (containsUnknown(a) || containsUnknown(b)) return true;
  if (a === null || b === null) return false;
  return !deepEqual(a, b);
}

/** The CLI's refusal to replace a protected resource. */
export function protectedReplaceMessage(urn: string): string {
  return (
    `unable to replace resource "${urn}"\nas it is currently marked for protection. To unprotect the resource, ` +
    "remove the `protect` flag from the resource in your Pulumi program and run `pulumi up`"
  );
}

/** The refusal to delete a protected dependent of a delete-before-replace. */
export function protectedDependentMessage(dependent: string, root: string): string {
  return (
    `unable to replace resource "${dependent}" as part of replacing "${root}" ` +
    "as it is currently marked for protection. To unprotect the resource, remove the `protect` flag from " +
    "the resource in your Pulumi program and run `pulumi up`, or use the command:\n" +
    `\`pulumi state unprotect '${dependent}'\``
  );
}

/**
 * The old resources that depend on `root` (parent, dependencies, property dependencies, provider),
 * transitively, in snapshot order (`DependencyGraph.DependingOn`).
 */
export function dependingOn(resources: ResourceState[], root: ResourceState): ResourceState[] {
  const found = new Set<string>([root.urn]);
  const rootProvider = root.id ? `${root.urn}::${root.id}` : undefined;
  const result: ResourceState[] = [];
  for (const r of resources) {
    if (r === root || r.delete) continue;
    const refs = referencesOf(r);
    if (refs.some((d) => found.has(d)) || (rootProvider && r.provider === rootProvider)) {
      found.add(r.urn);
      result.push(r);
    }
  }
  return result;
}

/** A dependent's inputs for the diff that decides whether it is replaced too: inputs from a replaced resource are unknown. */
export function inputsWithReplacedUnknown(
  dependent: ResourceState,
  replaced: Set<string>,
  unknown: unknown,
): PropertyMap | undefined {
  let hit = false;
  const inputs: PropertyMap = {};
  for (const [key, value] of Object.entries(dependent.inputs ?? {})) {
    const fromReplaced = (dependent.propertyDependencies?.[key] ?? []).some((d) => replaced.has(d));
    if (fromReplaced) hit = true;
    inputs[key] = fromReplaced ? unknown : value;
  }
  return hit ? inputs : undefined;
}

/**
 * Antichains of deletes (`ScheduleDeletes`): each resource is deleted only after every resource in
 * the set that depends on it, and the deletes of one antichain run in parallel.
 */
export function scheduleDeletes<T extends { old?: ResourceState }>(steps: T[]): T[][] {
  const byUrn = new Map<string, T[]>();
  for (const s of steps) {
    const urn = s.old!.urn;
    byUrn.set(urn, [...(byUrn.get(urn) ?? []), s]);
  }
  // blockers(s): the steps whose resources depend on s's resource.
  const blockedBy = new Map<T, Set<T>>(steps.map((s) => [s, new Set<T>()]));
  for (const s of steps) {
    const old = s.old!;
    const provider = old.provider ? old.provider.slice(0, old.provider.lastIndexOf("::")) : undefined;
    for (const ref of [...referencesOf(old), ...(provider ? [provider] : [])]) {
      for (const dependency of byUrn.get(ref) ?? []) if (dependency !== s) blockedBy.get(dependency)!.add(s);
    }
  }
  const chains: T[][] = [];
  const done = new Set<T>();
  let left = steps.filter((s) => !done.has(s));
  while (left.length > 0) {
    const ready = left.filter((s) => [...blockedBy.get(s)!].every((b) => done.has(b)));
    // A cycle cannot come from a valid snapshot; delete in list order rather than never.
    const chain = ready.length > 0 ? ready : [left[0]];
    chains.push(chain);
    chain.forEach((s) => done.add(s));
    left = left.filter((s) => !done.has(s));
  }
  return chains;
}
