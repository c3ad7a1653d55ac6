/**
 * Snapshot integrity, ported from `Snapshot.VerifyIntegrity` in pulumi/pulumi
 * `pkg/resource/deploy/snapshot.go`: every resource has a URN and a type, only custom resources
 * have ids, a resource's provider, parent, dependencies and property dependencies come before it,
 * and a URN appears twice only when all (or all but one) of its states are marked for deletion.
 * The checkpoint is verified before every write, so `pulumi stack import` always takes it. Pure.
 */
import type { Snapshot } from "../state";
import { PROVIDER_TYPE_PREFIX } from "../urn";

/** A snapshot that fails the integrity check (`snapshot.SnapshotIntegrityError`). */
export class SnapshotIntegrityError extends Error {
  constructor(message: string) {
    super(`snapshot integrity failure: ${message}`);
    this.name = "SnapshotIntegrityError";
  }
}

/** `<provider urn>::<id>` split at the last `::`. */
function parseProviderReference(ref: string): { urn: string; id: string } | undefined {
  const at = ref.lastIndexOf("::");
  if (at <= 0) return undefined;
  return { urn: ref.slice(0, at), id: ref.slice(at + 2) };
}

/** Throws a {@link SnapshotIntegrityError} describing the first problem found. */
export function verifyIntegrity(snapshot: Snapshot): void {
  const fail = (message: string): never => {
    throw new SnapshotIntegrityError(message);
  };
  const seen = new Map<string, number>();
  const deletes = new Map<string, number>();
  const providers = new Set<string>();
  const resources = snapshot.resources;
  const after = (i: number, urn: string) => resources.slice(i + 1).some((o) => o.urn === urn);
  resources.forEach((state, i) => {
    const urn = state.urn;
    if (!urn) fail(`resource at index ${i} missing required 'urn' field`);
    if (!state.type) fail(`resource '${urn}' missing required 'type' field`);
    if (!state.custom && state.id) fail(`resource '${urn}' has 'custom' false but non-empty ID`);
    if (state.type.startsWith(PROVIDER_TYPE_PREFIX)) {
      if (!state.id) fail(`provider ${urn} is not referenceable: it has no id`);
      providers.add(`${urn}::${state.id}`);
    }
    if (state.provider) {
      const ref = parseProviderReference(state.provider);
      if (!ref) fail(`failed to parse provider reference for resource ${urn}: ${state.provider}`);
      if (!providers.has(state.provider) && !state.pendingReplacement)
        fail(`resource ${urn} refers to unknown provider ${state.provider}`);
    }
    if (state.parent && !seen.has(state.parent)) {
      fail(
        after(i, state.parent)
          ? `child resource ${urn}'s parent ${state.parent} comes after it`
          : `child resource ${urn} refers to missing parent ${state.parent}`,
      );
    }
    for (const dep of state.dependencies ?? []) {
      if (seen.has(dep)) continue;
      fail(
        after(i, dep)
          ? `resource ${urn}'s dependency ${dep} comes after it`
          : `resource ${urn}'s dependency ${dep} refers to missing resource`,
      );
    }
    for (const [key, deps] of Object.entries(state.propertyDependencies ?? {})) {
      for (const dep of deps) {
        if (seen.has(dep)) continue;
        fail(
          after(i, dep)
            ? `resource ${urn}'s property dependency ${dep} (from property ${key}) comes after it`
            : `resource ${urn}'s property dependency ${dep} (from property ${key}) refers to missing resource`,
        );
      }
    }
    seen.set(urn, (seen.get(urn) ?? 0) + 1);
    if (state.delete) deletes.set(urn, (deletes.get(urn) ?? 0) + 1);
  });
  for (const [urn, count] of seen) {
    if (count === 1) continue;
    const deleted = deletes.get(urn) ?? 0;
    if (deleted !== count - 1 && deleted !== count)
      fail(`duplicate resource ${urn} (not marked for deletion)`);
  }
  for (const op of snapshot.pendingOperations) {
    if (!op.resource.urn) fail("pending operation missing its resource's 'urn' field");
  }
}
