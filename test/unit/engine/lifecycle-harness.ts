/**
 * In-process lifecycle tests of the engine, in the manner of pulumi/pulumi
 * `pkg/engine/lifecycletest` with its `deploytest` fakes: a scripted program (registrations), a
 * fake provider and fake analyzers drive the real step generator, step executor and snapshot
 * manager. Every snapshot the manager records is checked with the integrity check, as the
 * checkpoint's writes are.
 */
import { SnapshotManager, type SnapshotPersister } from "../../../cli/engine/backend/snapshot-manager";
import type { JournalEntry } from "../../../cli/engine/backend/journal";
import type { OperationContext } from "../../../cli/engine/context";
import { Deployment, destroy, refresh } from "../../../cli/engine/deploy/deployment";
import type { Alias, Goal } from "../../../cli/engine/deploy/goal";
import { verifyIntegrity } from "../../../cli/engine/deploy/integrity";
import type { PolicyAnalyzer, ResourceProvider } from "../../../cli/engine/deploy/plugins";
import type { RegistrationHandler, Source } from "../../../cli/engine/deploy/source";
import type { ChangeSummary, DeploymentEvents, Diagnostic, StepInfo } from "../../../cli/engine/events";
import type { PolicyViolation } from "../../../cli/engine/policy-pack";
import { InitFailedError, type DiffResult } from "../../../cli/engine/provider";
import { deepEqual, type PropertyMap } from "../../../cli/engine/properties";
import type { ResourceState, Snapshot } from "../../../cli/engine/state";

export const TYPE = "pulumi-nodejs:dynamic/test:Thing";
export const urnOf = (name: string, type = TYPE) => `urn:pulumi:test::test::${type}::${name}`;

/** A provider call, as the fake records it. */
export interface Call {
  method: "check" | "diff" | "create" | "update" | "delete" | "read";
  urn: string;
  id?: string;
  props?: PropertyMap;
}

/**
 * A provider of in-memory objects. By default every changed input is an update, keys in
 * `replaceKeys` replace, and `failOn` makes one method fail for one resource name.
 */
export class FakeProvider implements ResourceProvider {
  readonly calls: Call[] = [];
  readonly objects = new Map<string, PropertyMap>();
  private nextId = 1;
  replaceKeys: string[] = [];
  deleteBeforeReplace = false;
  /** `"create:a"` fails a's create; `"create-partial:a"` makes it but fails its initialization. */
  failOn = new Set<string>();
  checkFailures: Record<string, { property: string; reason: string }[]> = {};
  /** Resolves a create (for parallelism tests); called with the URN. */
  onCreate?: (urn: string) => Promise<void>;

  private name(urn: string) {
    return urn.split("::").pop()!;
  }

  private maybeFail(method: string, urn: string) {
    if (this.failOn.has(`${method}:${this.name(urn)}`))
      throw new Error(`${method} of ${this.name(urn)} failed`);
  }

  async check(urn: string, _olds: PropertyMap, news: PropertyMap) {
    this.calls.push({ method: "check", urn, props: news });
    return { inputs: news, failures: this.checkFailures[this.name(urn)] ?? [] };
  }

  async diff(
    id: string,
    urn: string,
    _olds: PropertyMap,
    news: PropertyMap,
    oldInputs: PropertyMap,
  ): Promise<DiffResult> {
    this.calls.push({ method: "diff", urn, id, props: news });
    const keys = [...new Set([...Object.keys(news), ...Object.keys(oldInputs)])].filter(
      (k) => !deepEqual(news[k], oldInputs[k]),
    );
    return {
      changes: keys.length > 0 ? "some" : "none",
      replaces: keys.filter((k) => this.replaceKeys.includes(k)),
      deleteBeforeReplace: this.deleteBeforeReplace,
      diffs: keys,
    };
  }

  async create(urn: string, properties: PropertyMap) {
    this.calls.push({ method: "create", urn, props: properties });
    await this.onCreate?.(urn);
    this.maybeFail("create", urn);
    const id = `id-${this.nextId++}`;
    if (this.failOn.has(`create-partial:${this.name(urn)}`)) {
      this.objects.set(id, properties);
      throw new InitFailedError("not initialized", id, properties, ["the object did not start"]);
    }
    this.objects.set(id, properties);
    return { id, outputs: { ...properties } };
  }

  async update(id: string, urn: string, _olds: PropertyMap, news: PropertyMap) {
    this.calls.push({ method: "update", urn, id, props: news });
    this.maybeFail("update", urn);
    this.objects.set(id, news);
    return { ...news };
  }

  async delete(id: string, urn: string) {
    this.calls.push({ method: "delete", urn, id });
    this.maybeFail("delete", urn);
    this.objects.delete(id);
  }

  async read(id: string, urn: string) {
    this.calls.push({ method: "read", urn, id });
    const object = this.objects.get(id);
    if (!object) return { id: "", outputs: {} };
    return { id, outputs: { ...object }, inputs: { ...object } };
  }

  /** The calls of one method, as `method name` strings. */
  made(...methods: Call["method"][]): string[] {
    return this.calls
      .filter((c) => methods.length === 0 || methods.includes(c.method))
      .map((c) => `${c.method} ${this.name(c.urn)}`);
  }
}

/** Options of one registration. */
export interface ResourceOptions {
  protect?: boolean;
  retainOnDelete?: boolean;
  dependsOn?: string[];
  propertyDependencies?: Record<string, string[]>;
  parent?: string;
  deleteBeforeReplace?: boolean;
  replaceOnChanges?: string[];
  ignoreChanges?: string[];
  aliases?: Alias[];
  importId?: string;
  replacementTrigger?: unknown;
  custom?: boolean;
  type?: string;
  additionalSecretOutputs?: string[];
  remote?: boolean;
}

/** What a scripted program registers with. */
export interface ProgramMonitor {
  register(name: string, inputs?: PropertyMap, options?: ResourceOptions): Promise<ResourceState>;
  /** `Resource.get`: reads the object with this id. */
  read(name: string, id: string): Promise<ResourceState>;
}

export type Program = (monitor: ProgramMonitor) => Promise<void>;

function scripted(program: Program): Source {
  return {
    async run(handler: RegistrationHandler) {
      const monitor: ProgramMonitor = {
        register: async (name, inputs = {}, o = {}) => {
          const goal: Goal = {
            type: o.type ?? TYPE,
            name,
            custom: o.custom ?? true,
            ...(o.parent && { parent: o.parent }),
            inputs,
            ...(o.protect !== undefined && { protect: o.protect }),
            dependencies: [...(o.dependsOn ?? []), ...Object.values(o.propertyDependencies ?? {}).flat()],
            propertyDependencies: o.propertyDependencies ?? {},
            ignoreChanges: o.ignoreChanges ?? [],
            replaceOnChanges: o.replaceOnChanges ?? [],
            ...(o.deleteBeforeReplace !== undefined && { deleteBeforeReplace: o.deleteBeforeReplace }),
            additionalSecretOutputs: o.additionalSecretOutputs ?? [],
            ...(o.retainOnDelete !== undefined && { retainOnDelete: o.retainOnDelete }),
            aliases: o.aliases ?? [],
            ...(o.importId && { importId: o.importId }),
            ...(o.replacementTrigger !== undefined && { replacementTrigger: o.replacementTrigger }),
            ...(o.remote && { remote: true }),
            acceptSecrets: true,
          };
          return (await handler.registerResource(goal)).state;
        },
        read: async (name, id) =>
          (
            await handler.readResource({
              type: TYPE,
              name,
              id,
              inputs: {},
              dependencies: [],
              additionalSecretOutputs: [],
              acceptSecrets: true,
            })
          ).state,
      };
      try {
        await program(monitor);
        return 0;
      } catch {
        return 1;
      }
    },
    kill: () => undefined,
  };
}

/** Records every entry and checks the integrity of the snapshot after each. */
export class CheckedPersister implements SnapshotPersister {
  readonly entries: JournalEntry[] = [];
  append(entry: JournalEntry, current: () => Snapshot): void {
    this.entries.push(entry);
    verifyIntegrity(current());
  }
}

/** What one run reported. */
export interface RunResult {
  ok: boolean;
  snapshot: Snapshot;
  steps: StepInfo[];
  failed: { op: string; urn: string; error: string }[];
  diagnostics: Diagnostic[];
  summary: ChangeSummary;
  entries: JournalEntry[];
}

export interface RunOptions {
  dryRun?: boolean;
  parallel?: number;
  analyzers?: PolicyAnalyzer[];
}

function contextOf(provider: FakeProvider, options: RunOptions, events: DeploymentEvents): OperationContext {
  return {
    project: { name: "test" },
    stack: "test",
    organization: "organization",
    config: { values: {}, secretKeys: [], hasPassphrase: () => true },
    plugins: { providerHost: async () => provider, policyPacks: async () => options.analyzers ?? [] },
    events,
    dryRun: options.dryRun ?? false,
    parallel: options.parallel ?? 16,
    summary: {},
  };
}

function recorder() {
  const steps: StepInfo[] = [];
  const failed: RunResult["failed"] = [];
  const diagnostics: Diagnostic[] = [];
  const violations: PolicyViolation[] = [];
  const events: DeploymentEvents = {
    stepStarted: () => undefined,
    stepFinished: (step, error) => {
      if (error) failed.push({ op: step.op, urn: step.urn, error });
      else steps.push(step);
    },
    diagnostic: (d) => diagnostics.push(d),
    policyViolation: (v) => violations.push(v),
    policyPackLoaded: () => undefined,
  };
  return { steps, failed, diagnostics, events };
}

type Pass = (context: OperationContext, base: Snapshot, snapshots?: SnapshotManager) => Promise<boolean>;

async function runPass(
  provider: FakeProvider,
  base: Snapshot,
  options: RunOptions,
  pass: Pass,
): Promise<RunResult> {
  const { steps, failed, diagnostics, events } = recorder();
  const context = contextOf(provider, options, events);
  const start = structuredClone(base);
  verifyIntegrity(start);
  const persister = new CheckedPersister();
  const snapshots = options.dryRun ? undefined : new SnapshotManager(start, persister);
  const ok = await pass(context, start, snapshots);
  const snapshot = snapshots ? snapshots.snap() : start;
  verifyIntegrity(snapshot);
  return { ok, snapshot, steps, failed, diagnostics, summary: context.summary, entries: persister.entries };
}

export const EMPTY: Snapshot = { resources: [], pendingOperations: [] };

/** An update (or, with `dryRun`, a preview) of the program over the snapshot. */
export function update(provider: FakeProvider, base: Snapshot, program: Program, options: RunOptions = {}) {
  return runPass(provider, base, options, (context, b, snapshots) =>
    new Deployment(context, b, scripted(program), snapshots, () => "2026-12-07T00:00:00.000Z").run(),
  );
}

export function runRefresh(provider: FakeProvider, base: Snapshot, options: RunOptions = {}) {
  return runPass(provider, base, options, (context, b, snapshots) => refresh(context, b, snapshots));
}

export function runDestroy(provider: FakeProvider, base: Snapshot, options: RunOptions = {}) {
  return runPass(provider, base, options, (context, b, snapshots) => destroy(context, b, snapshots));
}

/** The `op name` of each finished step, in order. */
export function opsOf(result: RunResult): string[] {
  return result.steps.map((s) => `${s.op} ${s.urn.split("::").pop()}`);
}

/** The snapshot's resource of a name. */
export function resourceOf(snapshot: Snapshot, name: string): ResourceState | undefined {
  return snapshot.resources.find((r) => r.urn.endsWith(`::${name}`) && !r.delete);
}
