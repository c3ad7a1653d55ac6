/**
 * The snapshot manager (pulumi/pulumi `pkg/backend/snapshot.go`, `SnapshotManager`): turns each
 * step's start and end into journal entries, keeps the current snapshot by replaying them, and
 * hands every entry to a persister. A step's start records a pending operation (creating,
 * updating, deleting, reading, importing); its end records the new state, or only that the
 * operation is over when it failed, so a failed step never leaves a pending operation behind.
 * Same steps always record their new state: Pulumi writes a same step whose options,
 * dependencies or secret-ness changed (`sameSnapshotMutation.mustWrite`), and when nothing did,
 * the entry only says to keep the old state.
 */
import { isPlainObject, isSecret } from "../properties";
import type { PendingOperation, ResourceState, Snapshot } from "../state";
import { JournalReplayer, type JournalEntry } from "./journal";

/** Where journal entries go (a file beside the checkpoint, or memory in tests). */
export interface SnapshotPersister {
  /** Records one entry; `current` gives the snapshot with it applied, should the persister compact. */
  append(entry: JournalEntry, current: () => Snapshot): void;
}

/** What the manager needs to know of a step. */
export interface MutationStep {
  op: string;
  urn: string;
  old?: ResourceState;
  new?: ResourceState;
  /** The old URN the resource was found under (an alias). */
  aliasOf?: string;
  /** A create-before-delete replacement: its success condemns the old state. */
  pendingDelete?: boolean;
  /** A delete ahead of a replacement: its success keeps the old state as `pendingReplacement`. */
  pendingReplace?: boolean;
  /** A skipped create (an untargeted new resource): never written. */
  skippedCreate?: boolean;
}

/** The end of one step's mutation. */
export interface SnapshotMutation {
  end(successful: boolean): void;
}

const PENDING_TYPE: Partial<Record<string, PendingOperation["type"]>> = {
  create: "creating",
  "create-replacement": "creating",
  update: "updating",
  delete: "deleting",
  "delete-replaced": "deleting",
  "discard-replaced": "deleting",
  read: "reading",
  "read-replacement": "reading",
  import: "importing",
  "import-replacement": "importing",
};

/** Equality of property values in wire form: a secret differs from its plaintext. */
function identical(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isSecret(a) !== isSecret(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => identical(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => identical(a[k], b[k]));
  }
  return false;
}

/**
 * True when a same step's new state differs from the old one in anything the checkpoint keeps
 * (`sameSnapshotMutation.mustWrite`): secret-ness is part of the values compared.
 */
export function mustWrite(old: ResourceState, next: ResourceState): boolean {
  const sameSet = (a: string[] = [], b: string[] = []) =>
    a.length === b.length && a.every((x) => b.includes(x));
  if (old.urn !== next.urn || old.type !== next.type || old.custom !== next.custom) return true;
  if (!identical(old.customTimeouts ?? {}, next.customTimeouts ?? {})) return true;
  if (!!old.retainOnDelete !== !!next.retainOnDelete) return true;
  if ((old.provider ?? "") !== (next.provider ?? "")) return true;
  if ((old.parent ?? "") !== (next.parent ?? "")) return true;
  if (!!old.protect !== !!next.protect) return true;
  if (!identical(old.inputs ?? {}, next.inputs ?? {})) return true;
  if (!identical(old.outputs ?? {}, next.outputs ?? {})) return true;
  if (!sameSet(old.dependencies, next.dependencies)) return true;
  const oldDeps = old.propertyDependencies ?? {};
  const newDeps = next.propertyDependencies ?? {};
  const keys = new Set([...Object.keys(oldDeps), ...Object.keys(newDeps)]);
  for (const k of keys) if (!sameSet(oldDeps[k], newDeps[k])) return true;
  if (!sameSet(old.additionalSecretOutputs, next.additionalSecretOutputs)) return true;
  if (!sameSet(old.aliases, next.aliases)) return true;
  if (!sameSet(old.ignoreChanges, next.ignoreChanges)) return true;
  if (!sameSet(old.replaceOnChanges, next.replaceOnChanges)) return true;
  if (!identical(old.replacementTrigger ?? null, next.replacementTrigger ?? null)) return true;
  if (!sameSet(old.initErrors, next.initErrors)) return true;
  if (!!old.external !== !!next.external || (old.importID ?? "") !== (next.importID ?? "")) return true;
  return false;
}

export class SnapshotManager {
  private readonly replayer: JournalReplayer;
  private readonly baseIndex = new Map<ResourceState, number>();
  private readonly newOp = new Map<ResourceState, number>();
  private nextOp = 0;

  constructor(
    readonly base: Snapshot,
    private readonly persister: SnapshotPersister,
  ) {
    base.resources.forEach((r, i) => this.baseIndex.set(r, i));
    this.replayer = new JournalReplayer(base);
  }

  /** The snapshot as it stands. */
  snap(): Snapshot {
    return this.replayer.snapshot();
  }

  private record(entry: JournalEntry): void {
    this.replayer.add(entry);
    this.persister.append(entry, () => this.replayer.snapshot());
  }

  /** Where a state stands: a base index, or the operation of this run that produced it. */
  private removal(state: ResourceState | undefined): { removeOld?: number; removeNew?: number } {
    if (!state) return {};
    const old = this.baseIndex.get(state);
    if (old !== undefined) return { removeOld: old };
    const op = this.newOp.get(state);
    return op !== undefined ? { removeNew: op } : {};
  }

  /** Starts a step's mutation (`BeginMutation`). */
  begin(step: MutationStep): SnapshotMutation {
    const op = this.nextOp++;
    const pending = PENDING_TYPE[step.op];
    const subject = pending === "deleting" ? step.old : step.new;
    if (pending && subject)
      this.record({ kind: "begin", op, operation: { resource: subject, type: pending } });
    return { end: (successful) => this.end(op, step, successful, pending !== undefined) };
  }

  private end(op: number, step: MutationStep, successful: boolean, began: boolean): void {
    if (!successful) {
      if (began) this.record({ kind: "failure", op });
      return;
    }
    switch (step.op) {
      case "same": {
        if (step.skippedCreate || !step.new) return;
        const keep = step.old !== undefined && !step.aliasOf && !mustWrite(step.old, step.new);
        if (keep) this.record({ kind: "success", op, keepOld: true, ...this.removal(step.old) });
        else
          this.record({
            kind: "success",
            op,
            state: step.new,
            ...this.removal(step.old),
            ...this.alias(step),
          });
        this.newOp.set(keep ? step.old! : step.new, op);
        if (keep) this.newOp.set(step.new, op);
        return;
      }
      case "create":
      case "create-replacement":
      case "import":
      case "import-replacement": {
        const old = step.old;
        this.record({
          kind: "success",
          op,
          state: step.new,
          ...(old?.pendingReplacement ? this.removal(old) : {}),
          ...(step.pendingDelete && old && this.baseIndex.has(old) && { deleteOld: this.baseIndex.get(old) }),
          ...this.alias(step),
        });
        this.newOp.set(step.new!, op);
        return;
      }
      case "update":
      case "read":
      case "read-replacement": {
        this.record({ kind: "success", op, state: step.new, ...this.removal(step.old), ...this.alias(step) });
        this.newOp.set(step.new!, op);
        return;
      }
      case "delete":
      case "delete-replaced":
      case "discard-replaced": {
        const index = step.pendingReplace ? this.baseIndex.get(step.old!) : undefined;
        if (index !== undefined) this.record({ kind: "success", op, pendingReplacementOld: index });
        else this.record({ kind: "success", op, ...this.removal(step.old) });
        return;
      }
      case "remove-pending-replace":
        this.record({ kind: "success", op, ...this.removal(step.old) });
        return;
      case "refresh":
        this.record({
          kind: "refresh-success",
          op,
          ...(step.new && { state: step.new }),
          ...this.removal(step.old),
        });
        if (step.new) this.newOp.set(step.new, op);
        return;
      default:
        return;
    }
  }

  private alias(step: MutationStep): { aliasOf?: string } {
    return step.aliasOf ? { aliasOf: step.aliasOf } : {};
  }

  /** Records a resource's registered outputs (components and the root stack). */
  registerOutputs(state: ResourceState, next: ResourceState): void {
    const op = this.newOp.get(state);
    if (op === undefined) return;
    this.record({ kind: "outputs", state: next, removeNew: op });
    this.newOp.set(next, op);
  }

  /** Replaces the base state wholesale (a refresh that runs before an update). */
  write(snapshot: Snapshot): void {
    this.record({ kind: "write", snapshot });
  }
}
