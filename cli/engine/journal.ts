/**
 * The stack's state while an operation runs: the previous snapshot, what this run registered, what
 * it deleted, and what is in flight. After every step (never during a preview) it writes the
 * checkpoint, so a killed command loses nothing that completed and leaves in-flight steps as
 * pending operations.
 */
import type { SecretsAccess } from "./checkpoint";
import { writeCheckpoint } from "./checkpoint";
import type { PendingOperation, ResourceState, Snapshot } from "./state";

export class Journal {
  /** Resources registered (or kept) by this run, in completion order. */
  private readonly news: ResourceState[] = [];
  private readonly newUrns = new Set<string>();
  /** Old states removed from the stack (deleted, or replaced and deleted). */
  private readonly removed = new Set<ResourceState>();
  private readonly inflight = new Set<PendingOperation>();

  constructor(
    /** The snapshot the operation started from. */
    readonly base: Snapshot,
    private readonly file: string | undefined,
    private readonly secrets: SecretsAccess,
  ) {}

  /** The live (not condemned) old state of a URN, if any. */
  old(urn: string): ResourceState | undefined {
    return this.base.resources.find((r) => r.urn === urn && !r.delete && !this.removed.has(r));
  }

  /** The state this run registered for a URN, if any. */
  registered(urn: string): ResourceState | undefined {
    return this.newUrns.has(urn) ? this.news.find((r) => r.urn === urn) : undefined;
  }

  /** Records a resource this run registered. */
  add(state: ResourceState): void {
    const i = this.news.findIndex((r) => r.urn === state.urn);
    if (i >= 0) this.news[i] = state;
    else this.news.push(state);
    this.newUrns.add(state.urn);
    this.save();
  }

  /** Marks an old state for deletion at the end of the run (it stays in the checkpoint until then). */
  condemn(state: ResourceState): void {
    state.delete = true;
    this.save();
  }

  /** Records that an old (or condemned) state is gone. */
  remove(state: ResourceState): void {
    this.removed.add(state);
    const i = this.news.indexOf(state);
    if (i >= 0) {
      this.news.splice(i, 1);
      this.newUrns.delete(state.urn);
    }
    this.save();
  }

  /** Records an operation in flight until `done` is called. */
  begin(resource: ResourceState, type: PendingOperation["type"]): () => void {
    const op: PendingOperation = { resource, type };
    this.inflight.add(op);
    this.save();
    return () => {
      this.inflight.delete(op);
    };
  }

  /** The stack as it is now: this run's resources, then old ones not yet handled. */
  snapshot(): Snapshot {
    return {
      resources: [...this.news, ...this.leftovers()],
      pendingOperations: [...this.inflight],
    };
  }

  /** Old states this run neither registered nor removed, and condemned ones, in snapshot order. */
  leftovers(): ResourceState[] {
    return this.base.resources.filter((r) => !this.removed.has(r) && (r.delete || !this.newUrns.has(r.urn)));
  }

  /** Writes the checkpoint (a preview has no file and writes nothing). */
  save(): void {
    if (this.file) writeCheckpoint(this.file, this.snapshot(), this.secrets);
  }
}
