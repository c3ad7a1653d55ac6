/**
 * Direct edits of a stack's state, with the Pulumi CLI's rules and messages (pulumi/pulumi
 * `pkg/cmd/pulumi/state/state_unprotect.go`, `state_delete.go`, `io.go` and `pkg/resource/edit`
 * `DeleteResource`). Pure: a snapshot in, the edited snapshot (or an error) out.
 */
import type { ResourceState, Snapshot } from "./state";

/** An edit the state does not allow; the message says why and what to do. */
export class StateEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StateEditError";
  }
}

/** Case-insensitive Levenshtein distance between two URNs. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[y.length];
}

/** `similarURNs`: up to three URNs within max(2, len/4) edits, closest first. */
function similarUrns(urn: string, candidates: string[]): string[] {
  const threshold = Math.max(2, Math.floor(urn.length / 4));
  return candidates
    .map((candidate) => ({ candidate, d: distance(urn, candidate) }))
    .filter(({ d }) => d <= threshold)
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map(({ candidate }) => candidate);
}

/** `resourceNotFoundError`: the URN, the closest ones in the state, and how to list them. */
function notFound(snapshot: Snapshot, urn: string, stateFile: string): StateEditError {
  const candidates = [...new Set(snapshot.resources.filter((r) => !r.delete).map((r) => r.urn))];
  const similar = similarUrns(urn, candidates);
  return new StateEditError(
    `No such resource "${urn}" exists in the current state\n` +
      (similar.length > 0 ? `Did you mean:\n${similar.map((u) => `  ${u}\n`).join("")}` : "") +
      `To list the resource URNs in the stack, read the "urn" fields of ${stateFile}.`,
  );
}

/** Clears `protect` on the resources with these URNs (resources pending deletion excluded). */
export function unprotect(
  snapshot: Snapshot,
  urns: string[],
  stateFile: string,
): { snapshot: Snapshot; count: number } {
  const eligible = new Set(snapshot.resources.filter((r) => !r.delete).map((r) => r.urn));
  const errors = urns
    .filter((urn) => !eligible.has(urn))
    .map((urn) => notFound(snapshot, urn, stateFile).message);
  if (errors.length > 0) throw new StateEditError(errors.join("\n"));
  const wanted = new Set(urns);
  const resources = snapshot.resources.map((r) =>
    wanted.has(r.urn) && !r.delete && r.protect ? { ...r, protect: false } : r,
  );
  return { snapshot: { ...snapshot, resources }, count: urns.length };
}

/** Clears `protect` on every resource not pending deletion (`--all`). */
export function unprotectAll(snapshot: Snapshot): Snapshot {
  return {
    ...snapshot,
    resources: snapshot.resources.map((r) => (r.delete || !r.protect ? r : { ...r, protect: false })),
  };
}

/** The resources that depend on `condemned`: its children, dependents, property dependents and provider users. */
export function dependentsOf(snapshot: Snapshot, condemned: ResourceState): ResourceState[] {
  const providerRef = `${condemned.urn}::${condemned.id ?? ""}`;
  return snapshot.resources.filter(
    (r) =>
      r !== condemned &&
      (r.parent === condemned.urn ||
        (r.dependencies ?? []).includes(condemned.urn) ||
        Object.values(r.propertyDependencies ?? {}).some((deps) => deps.includes(condemned.urn)) ||
        r.provider === providerRef),
  );
}

/**
 * Removes one resource from the state. Refused when it is protected (unless `force`, which warns)
 * or when other resources depend on it; an ambiguous URN (a resource and its pending replacement)
 * is refused too.
 */
export function deleteFromState(
  snapshot: Snapshot,
  urn: string,
  options: { force: boolean; stateFile: string; warn(message: string): void },
): Snapshot {
  const matches = snapshot.resources.filter((r) => r.urn === urn);
  if (matches.length === 0) throw notFound(snapshot, urn, options.stateFile);
  if (matches.length > 1) {
    throw new StateEditError(
      "Resource URN ambiguously referred to multiple resources. Did you mean:\n" +
        matches.map((r) => `  ${r.id ?? ""}`).join("\n"),
    );
  }
  const condemned = matches[0];
  if (condemned.protect) {
    if (!options.force) {
      throw new StateEditError(
        `${urn} can't be safely deleted because it is protected. Re-run this command with --force to force deletion`,
      );
    }
    options.warn(`deleting protected resource ${urn} due to presence of --force`);
  }
  const dependents = dependentsOf(snapshot, condemned);
  if (dependents.length > 0) {
    const nameOf = (u: string) => u.slice(u.lastIndexOf("::") + 2);
    throw new StateEditError(
      `${urn} can't be safely deleted because the following resources depend on it:\n` +
        dependents.map((d) => ` * ${JSON.stringify(nameOf(d.urn)).padEnd(15)} (${d.urn})\n`).join("") +
        "\nDelete those resources first.",
    );
  }
  return {
    resources: snapshot.resources.filter((r) => r !== condemned),
    pendingOperations: snapshot.pendingOperations,
  };
}
