/**
 * The deployment journal: one entry per step mutation, and the replay that turns a base snapshot
 * plus entries into the new snapshot. A port of `JournalReplayer` in pulumi/pulumi
 * `pkg/backend/journal.go`: old states are named by their index in the base snapshot, new ones by
 * the operation that produced them, so an entry is as small as the state it carries and the cost
 * of recording a run grows with the number of steps, not with the square of the stack. Pure.
 */
import type { PendingOperation, ResourceState, Snapshot } from "../state";

/** One journal entry (`apitype.JournalEntry`, the kinds this engine writes). */
export type JournalEntry =
  /** An operation started: it is pending until its success or failure. */
  | { kind: "begin"; op: number; operation: PendingOperation }
  /** An operation finished: its new state (if any) joins the snapshot, and old states leave or change. */
  | {
      kind: "success";
      op: number;
      state?: ResourceState;
      /** The base state this operation replaces or removes. */
      removeOld?: number;
      /** A state an earlier operation of this run produced, now removed. */
      removeNew?: number;
      /** A base state now condemned (`delete: true`, a create-before-delete replacement). */
      deleteOld?: number;
      /** A base state deleted ahead of its replacement (`pendingReplacement: true`). */
      pendingReplacementOld?: number;
      /** The state was found under this old URN (an alias): references to it now name the new URN. */
      aliasOf?: string;
      /** The new state is the old one unchanged (`removeOld`'s state), so the entry does not repeat it. */
      keepOld?: boolean;
    }
  /** A refresh read a resource: its state replaces the old one, or (no state) the resource is gone. */
  | { kind: "refresh-success"; op: number; state?: ResourceState; removeOld?: number; removeNew?: number }
  | { kind: "failure"; op: number }
  /** Outputs of a registered resource (`RegisterResourceOutputs`, components and the stack). */
  | { kind: "outputs"; state: ResourceState; removeOld?: number; removeNew?: number }
  /** The whole snapshot, rewritten (a refresh before an update rebuilt the base state). */
  | { kind: "write"; snapshot: Snapshot };

/**
 * Drops references to resources a refresh found gone, as `FilterRefreshDeletes` and the journal's
 * `rebuildDependencies` do: a dependency that is no longer in the list before a resource goes.
 */
export function rebuildDependencies(resources: ResourceState[]): ResourceState[] {
  const present = new Set<string>();
  const parents = new Map<string, string | undefined>();
  return resources.map((r) => {
    let next = r;
    if (r.dependencies?.some((d) => !present.has(d))) {
      next = { ...next, dependencies: r.dependencies.filter((d) => present.has(d)) };
    }
    if (
      r.propertyDependencies &&
      Object.values(r.propertyDependencies)
        .flat()
        .some((d) => !present.has(d))
    ) {
      const kept: Record<string, string[]> = {};
      for (const [key, deps] of Object.entries(r.propertyDependencies)) {
        const left = deps.filter((d) => present.has(d));
        if (left.length > 0) kept[key] = left;
      }
      next = { ...next, propertyDependencies: kept };
    }
    if (r.parent && !present.has(r.parent)) {
      // The parent is gone: the nearest ancestor still present adopts the child.
      let parent: string | undefined = parents.get(r.parent);
      while (parent !== undefined && !present.has(parent)) parent = parents.get(parent);
      next = { ...next, parent };
      if (parent === undefined) delete next.parent;
    }
    present.add(r.urn);
    parents.set(r.urn, next.parent);
    return next;
  });
}

/**
 * References to a resource found by an alias name its new URN (`Snapshot.NormalizeURNReferences`),
 * so resources the program did not register again still point at it.
 */
function renameReferences(r: ResourceState, renamed: Map<string, string>): ResourceState {
  const to = (urn: string) => renamed.get(urn) ?? urn;
  const refers = [
    r.parent,
    ...(r.dependencies ?? []),
    ...Object.values(r.propertyDependencies ?? {}).flat(),
  ].some((u) => u !== undefined && renamed.has(u));
  const provider = r.provider && renamed.has(r.provider.slice(0, r.provider.lastIndexOf("::")));
  if (!refers && !provider) return r;
  const next: ResourceState = { ...r };
  if (r.parent) next.parent = to(r.parent);
  if (r.dependencies) next.dependencies = r.dependencies.map(to);
  if (r.propertyDependencies)
    next.propertyDependencies = Object.fromEntries(
      Object.entries(r.propertyDependencies).map(([k, deps]) => [k, deps.map(to)]),
    );
  if (provider) {
    const at = r.provider!.lastIndexOf("::");
    next.provider = `${to(r.provider!.slice(0, at))}${r.provider!.slice(at)}`;
  }
  return next;
}

/** Replays journal entries over a base snapshot. */
export class JournalReplayer {
  private base: Snapshot;
  private news: (ResourceState | undefined)[] = [];
  private readonly newIndexOf = new Map<number, number>();
  private removedOld = new Set<number>();
  private replacedOld = new Map<number, ResourceState>();
  private condemnedOld = new Set<number>();
  private pendingReplacementOld = new Set<number>();
  private incomplete = new Map<number, PendingOperation>();
  private renamed = new Map<string, string>();
  private refreshed = false;

  constructor(base: Snapshot) {
    this.base = base;
  }

  add(entry: JournalEntry): void {
    switch (entry.kind) {
      case "begin":
        this.incomplete.set(entry.op, entry.operation);
        break;
      case "success":
        this.incomplete.delete(entry.op);
        {
          const state = entry.keepOld ? this.base.resources[entry.removeOld!] : entry.state;
          if (state) {
            this.newIndexOf.set(entry.op, this.news.length);
            this.news.push(state);
          }
        }
        if (entry.aliasOf && entry.state) this.renamed.set(entry.aliasOf, entry.state.urn);
        if (entry.removeOld !== undefined) this.removedOld.add(entry.removeOld);
        if (entry.removeNew !== undefined) this.removeNew(entry.removeNew);
        if (entry.deleteOld !== undefined) this.condemnedOld.add(entry.deleteOld);
        if (entry.pendingReplacementOld !== undefined)
          this.pendingReplacementOld.add(entry.pendingReplacementOld);
        break;
      case "refresh-success":
        this.incomplete.delete(entry.op);
        this.refreshed = true;
        if (entry.removeOld !== undefined) {
          if (entry.state) this.replacedOld.set(entry.removeOld, entry.state);
          else this.removedOld.add(entry.removeOld);
        }
        if (entry.removeNew !== undefined) {
          if (entry.state) this.news[this.newIndexOf.get(entry.removeNew)!] = entry.state;
          else this.removeNew(entry.removeNew);
        }
        break;
      case "failure":
        this.incomplete.delete(entry.op);
        break;
      case "outputs":
        if (entry.removeOld !== undefined) this.replacedOld.set(entry.removeOld, entry.state);
        if (entry.removeNew !== undefined) this.news[this.newIndexOf.get(entry.removeNew)!] = entry.state;
        break;
      case "write":
        this.base = entry.snapshot;
        this.news = [];
        this.newIndexOf.clear();
        this.removedOld = new Set();
        this.replacedOld = new Map();
        this.condemnedOld = new Set();
        this.pendingReplacementOld = new Set();
        this.incomplete = new Map();
        this.renamed = new Map();
        break;
    }
  }

  private removeNew(op: number): void {
    const index = this.newIndexOf.get(op);
    if (index !== undefined) this.news[index] = undefined;
  }

  /**
   * The snapshot: this run's new states in the order they were produced, then the base states no
   * operation removed (so a resource still comes after everything it depends on), then the pending
   * operations: those still in flight, and the base snapshot's pending creates, which only a
   * refresh resolves.
   */
  snapshot(): Snapshot {
    let resources: ResourceState[] = this.news.filter((r): r is ResourceState => r !== undefined);
    this.base.resources.forEach((r, i) => {
      if (this.removedOld.has(i)) return;
      const replaced = this.replacedOld.get(i);
      if (replaced) {
        resources.push(replaced);
        return;
      }
      let state = r;
      if (this.condemnedOld.has(i)) state = { ...state, delete: true };
      if (this.pendingReplacementOld.has(i)) state = { ...state, pendingReplacement: true };
      resources.push(state);
    });
    if (this.renamed.size > 0) resources = resources.map((r) => renameReferences(r, this.renamed));
    if (this.refreshed) resources = rebuildDependencies(resources);
    const pendingOperations = [
      ...this.incomplete.values(),
      ...this.base.pendingOperations.filter((p) => p.type === "creating"),
    ];
    return { resources, pendingOperations };
  }
}

/** The snapshot a base and its journal make. */
export function replay(base: Snapshot, entries: Iterable<JournalEntry>): Snapshot {
  const replayer = new JournalReplayer(base);
  for (const entry of entries) replayer.add(entry);
  return replayer.snapshot();
}
