/**
 * The step kinds (pulumi/pulumi `pkg/resource/deploy/step.go`), each with `apply()`: same, create,
 * update, replace (a marker between create-replacement and delete-replaced), delete, read, import,
 * refresh and remove-pending-replace. A step changes the provider's world and its own `new` state;
 * the snapshot manager records it, the step executor schedules it.
 */
import type { StepOp } from "../events";
import { InitFailedError } from "../provider";
import { markSecret, revealSecrets, secretKeys, type PropertyMap } from "../properties";
import type { ResourceState } from "../state";
import { PROVIDER_TYPE_PREFIX } from "../urn";
import type { ResourceProvider } from "./plugins";

/** What a step may use while it applies. */
export interface StepContext {
  dryRun: boolean;
  provider(): Promise<ResourceProvider>;
  /** The time recorded as `created` / `modified`. */
  now(): string;
}

/**
 * A create or update that made the resource but could not finish it (`resource.StatusPartialFailure`):
 * the step's new state holds the id and the reasons, and is recorded; the step still fails.
 */
export class PartialFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PartialFailure";
  }
}

/** One step of a deployment. */
export abstract class Step {
  abstract readonly op: StepOp;
  /** Keys that changed (updates and replacements). */
  diffs?: string[];
  /** Keys that force a replacement. */
  replaceKeys?: string[];
  /** The old URN the resource was found under (an alias). */
  aliasOf?: string;
  /** Create-before-delete: the old state is condemned when the replacement exists. */
  pendingDelete?: boolean;
  /** Delete-before-replace: the deleted state stays as `pendingReplacement` until its replacement exists. */
  pendingReplace?: boolean;
  /** A same step for a new resource outside `--target`: nothing is created or recorded. */
  skippedCreate?: boolean;

  /** The state the step produces (none for deletes, or for a refresh that found the resource gone). */
  new: ResourceState | undefined;

  constructor(
    readonly urn: string,
    readonly old: ResourceState | undefined,
    next: ResourceState | undefined,
  ) {
    this.new = next;
  }

  /** The provider reference of the step's resource. */
  get provider(): string | undefined {
    return (this.new ?? this.old)?.provider;
  }

  abstract apply(context: StepContext): Promise<void>;
}

function managedByProvider(state: ResourceState): boolean {
  return state.custom && !state.type.startsWith(PROVIDER_TYPE_PREFIX);
}

/** Outputs as the state keeps them: secret where the inputs were, and the additional secret outputs. */
function outputsOf(state: ResourceState, outputs: PropertyMap): PropertyMap {
  return markSecret(outputs, [...secretKeys(state.inputs ?? {}), ...(state.additionalSecretOutputs ?? [])]);
}

/** Records a create or update that reported `ErrorResourceInitFailed`, then fails the step. */
function partial(state: ResourceState, e: unknown): never {
  if (!(e instanceof InitFailedError)) throw e;
  const outputs = { ...e.outputs };
  // The host does not add the serialized provider to an error's properties; a later delete needs it.
  if (outputs.__provider === undefined && state.inputs?.__provider !== undefined)
    outputs.__provider = state.inputs.__provider;
  state.id = e.id;
  state.outputs = outputsOf(state, outputs);
  state.initErrors = e.reasons.length > 0 ? e.reasons : [e.message];
  throw new PartialFailure(e.message);
}

/** Nothing to do: the new state takes the old one's id and outputs (`SameStep`). */
export class SameStep extends Step {
  readonly op = "same" as const;
  async apply(): Promise<void> {}
}

/** Creates the resource (`CreateStep`), also as the first half of a replacement. */
export class CreateStep extends Step {
  constructor(
    urn: string,
    old: ResourceState | undefined,
    next: ResourceState,
    readonly op: "create" | "create-replacement" = "create",
  ) {
    super(urn, old, next);
  }

  async apply(context: StepContext): Promise<void> {
    const state = this.new!;
    if (state.custom && context.dryRun) {
      // A dynamic provider has no preview: the planned outputs are the inputs.
      state.outputs = state.inputs;
    } else if (managedByProvider(state)) {
      const provider = await context.provider();
      try {
        const created = await provider.create(state.urn, revealSecrets(state.inputs ?? {}));
        state.id = created.id;
        state.outputs = outputsOf(state, created.outputs);
      } catch (e) {
        partial(state, e);
      }
    }
    state.created = context.now();
    state.modified = state.created;
    if (this.pendingDelete && this.old) this.old.delete = true;
  }
}

/** Updates the resource in place (`UpdateStep`); also retries one whose create left init errors. */
export class UpdateStep extends Step {
  readonly op = "update" as const;

  constructor(
    urn: string,
    old: ResourceState,
    next: ResourceState,
    private readonly ignoreChanges: string[],
  ) {
    super(urn, old, next);
  }

  async apply(context: StepContext): Promise<void> {
    const old = this.old!;
    const state = this.new!;
    state.id = old.id;
    state.created = old.created;
    if (context.dryRun) {
      state.outputs = state.inputs;
      return;
    }
    const provider = await context.provider();
    try {
      const outputs = await provider.update(
        old.id ?? "",
        state.urn,
        revealSecrets(old.outputs ?? {}),
        revealSecrets(state.inputs ?? {}),
        revealSecrets(old.inputs ?? {}),
        this.ignoreChanges,
      );
      state.outputs = outputsOf(state, outputs);
      delete state.initErrors;
    } catch (e) {
      partial(state, e);
    }
    state.modified = context.now();
  }
}

/** The marker of a replacement (`ReplaceStep`): the work is in its create and delete halves. */
export class ReplaceStep extends Step {
  readonly op = "replace" as const;
  async apply(): Promise<void> {}
}

/**
 * Deletes the resource (`DeleteStep`): `delete`, or `delete-replaced` for the old half of a
 * replacement. A retained resource, a component or a provider only leaves the state.
 */
export class DeleteStep extends Step {
  constructor(
    urn: string,
    old: ResourceState,
    readonly op: "delete" | "delete-replaced" = "delete",
  ) {
    super(urn, old, undefined);
  }

  async apply(context: StepContext): Promise<void> {
    const old = this.old!;
    if (old.protect && this.op === "delete") throw new Error(protectedDeleteMessage(old.urn));
    if (context.dryRun) return;
    if (managedByProvider(old) && !old.retainOnDelete && !old.external && old.id) {
      const provider = await context.provider();
      await provider.delete(
        old.id,
        old.urn,
        revealSecrets(old.outputs ?? {}),
        revealSecrets(old.inputs ?? {}),
      );
    }
    if (this.pendingReplace) old.pendingReplacement = true;
  }
}

/** Drops a pending-replacement state whose resource the program no longer declares (`RemovePendingReplaceStep`). */
export class RemovePendingReplaceStep extends Step {
  readonly op = "remove-pending-replace" as const;
  constructor(urn: string, old: ResourceState) {
    super(urn, old, undefined);
  }
  async apply(): Promise<void> {}
}

/** Reads an object the program does not own (`Resource.get`, `ReadStep`). */
export class ReadStep extends Step {
  constructor(
    urn: string,
    old: ResourceState | undefined,
    next: ResourceState,
    readonly op: "read" | "read-replacement" = "read",
  ) {
    super(urn, old, next);
  }

  async apply(context: StepContext): Promise<void> {
    const state = this.new!;
    const provider = await context.provider();
    const read = await provider.read(state.id ?? "", state.urn, {}, revealSecrets(state.inputs ?? {}));
    if (!read.id) throw new Error(`resource '${state.id}' does not exist`);
    state.id = read.id;
    state.outputs = outputsOf(state, read.outputs);
    if (!this.old) state.created = context.now();
    state.modified = context.now();
  }
}

/**
 * Adopts an existing object (`ImportStep`): reads it by the `import` id; its inputs as read become
 * the old inputs the program's inputs are then checked and diffed against.
 */
export class ImportStep extends Step {
  readonly op = "import" as const;
  /** The object as read: what the following diff compares the program with. */
  imported?: ResourceState;

  constructor(
    urn: string,
    next: ResourceState,
    readonly importId: string,
  ) {
    super(urn, undefined, next);
  }

  async apply(context: StepContext): Promise<void> {
    const state = this.new!;
    const provider = await context.provider();
    const read = await provider.read(this.importId, state.urn, {}, {});
    if (!read.id) throw new Error(`resource '${this.importId}' does not exist`);
    if (!read.inputs)
      throw new Error("provider does not support importing resources: its read returns no inputs");
    state.id = read.id;
    state.inputs = markSecret(read.inputs, secretKeys(state.inputs ?? {}));
    state.outputs = outputsOf(state, read.outputs);
    state.importID = this.importId;
    state.created = context.now();
    state.modified = state.created;
    this.imported = state;
  }
}

/** Reads a resource back from its provider (`RefreshStep`); a read without an id means it is gone. */
export class RefreshStep extends Step {
  readonly op = "refresh" as const;
  /** What the refresh found: `update` (drift), `same`, or `delete` (gone). */
  result: "same" | "update" | "delete" = "same";

  constructor(urn: string, old: ResourceState) {
    super(urn, old, { ...old });
  }

  async apply(context: StepContext): Promise<void> {
    const old = this.old!;
    const provider = await context.provider();
    const read = await provider.read(
      old.id!,
      old.urn,
      revealSecrets(old.outputs ?? {}),
      revealSecrets(old.inputs ?? {}),
    );
    if (!read.id) {
      this.new = undefined;
      this.result = "delete";
      return;
    }
    const state = this.new!;
    state.id = read.id;
    state.outputs = markSecret(read.outputs, [
      ...secretKeys(old.outputs ?? {}),
      ...(old.additionalSecretOutputs ?? []),
    ]);
    if (read.inputs) state.inputs = markSecret(read.inputs, secretKeys(old.inputs ?? {}));
    this.diffs = changedOutputKeys(old.outputs ?? {}, state.outputs);
    this.result = this.diffs.length > 0 ? "update" : "same";
  }
}

function changedOutputKeys(olds: PropertyMap, news: PropertyMap): string[] {
  const a = revealSecrets(olds);
  const b = revealSecrets(news);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => k !== "__provider")
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/** The CLI's refusal to delete a protected resource. */
export function protectedDeleteMessage(urn: string): string {
  return (
    `unable to delete resource "${urn}"\nas it is currently marked for protection. To unprotect the resource, ` +
    "either remove the `protect` flag from the resource in your Pulumi program and run `pulumi up`, or use the " +
    `command:\n\`pulumi state unprotect '${urn}'\``
  );
}
