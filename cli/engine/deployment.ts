/**
 * One pass of a program against the stack (a preview or an update), playing the CLI engine's part:
 * serve the resource monitor, run the program, turn each registration into a step (Check, policies,
 * Diff, then same / create / update / replace), run the steps in parallel as registrations arrive
 * (the program's own awaits give dependency order), then delete what the program no longer
 * declares in reverse dependency order and run the stack policies. Mirrors
 * `pkg/resource/deploy/step_generator.go` for what dynamic-resource programs use.
 */
import { randomUUID } from "node:crypto";
import type * as rpb from "@pulumi/pulumi/proto/resource_pb";
import { RegisterResourceResponse } from "@pulumi/pulumi/proto/resource_pb";
import { count, stepOf, type OperationContext } from "./context";
import { deleteAll, deleteResource } from "./deletes";
import type { StepInfo } from "./events";
import { startMonitor, type MonitorHandler, type Severity } from "./monitor";
import { judgeResource, judgeStack } from "./policies";
import { startProgram, type RunningProgram } from "./program";
import {
  applyIgnoreChanges,
  changedKeys,
  containsSecret,
  fromStruct,
  markSecret,
  revealSecrets,
  secretKeys,
  toStruct,
  UNKNOWN,
  type PropertyMap,
} from "./properties";
import { InitFailedError } from "./provider";
import type { ResourceState } from "./state";
import { makeUrn, nameOf, packageOf, PROVIDER_TYPE_PREFIX, providerReference } from "./urn";

const DYNAMIC_PACKAGE = "pulumi-nodejs";
const DEFAULT_PROVIDER_TYPE = `${PROVIDER_TYPE_PREFIX}${DYNAMIC_PACKAGE}`;

/** What a registration asks for. */
interface Goal {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  parent?: string;
  inputs: PropertyMap;
  protect: boolean;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  ignoreChanges: string[];
  replaceOnChanges: string[];
  deleteBeforeReplace?: boolean;
  additionalSecretOutputs: string[];
  retainOnDelete: boolean;
  acceptSecrets: boolean;
}

/** The CLI's refusal to replace a protected resource. */
export function protectedReplaceMessage(urn: string): string {
  return (
    `unable to replace resource "${urn}"\nas it is currently marked for protection. To unprotect the resource, ` +
    "remove the `protect` flag from the resource in your Pulumi program and run `pulumi up`"
  );
}

/** An error already reported as a diagnostic (the registration just fails). */
class ReportedError extends Error {}

export class ProgramDeployment implements MonitorHandler {
  private program?: RunningProgram;
  private readonly registered = new Set<string>();
  private readonly tasks = new Set<Promise<unknown>>();
  /** Old dependents deleted ahead of a delete-before-replace, by URN. */
  private readonly deletedForReplacement = new Map<string, ResourceState>();
  private providerRef?: Promise<string>;
  private failed = false;
  private cancelled = false;
  private policyFailed = false;
  /** Milliseconds from start to the program's first registration (for the benchmark). */
  programStartMs = 0;
  private readonly startedAt = Date.now();

  constructor(private readonly context: OperationContext) {}

  /** Stops starting new steps; the ones in flight finish (Ctrl-C). */
  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.context.events.diagnostic({
      severity: "warning",
      message: "update canceled: waiting for the steps in flight",
    });
    void this.stopProgramWhenSettled();
  }

  /** Stops the pass at once, without waiting for the program (a policy pack failed to start). */
  abort(): void {
    this.failed = true;
    this.program?.kill();
  }

  /** Runs the pass; true when everything succeeded and no mandatory policy was violated. */
  async run(): Promise<boolean> {
    const { context } = this;
    const monitor = await startMonitor(this);
    try {
      this.program = startProgram({
        project: context.project,
        stack: context.stack,
        organization: context.organization,
        monitorAddress: monitor.address,
        dryRun: context.dryRun,
        parallel: 16,
        config: context.config.values,
        secretKeys: context.config.secretKeys,
        onOutput: (stream, line) =>
          context.events.diagnostic({ severity: stream === "stdout" ? "info" : "infoerr", message: line }),
      });
      const code = await this.program.exited;
      await this.settle();
      if (this.cancelled) return false;
      if (code !== 0 && !this.failed) {
        this.failed = true;
        context.events.diagnostic({
          severity: "error",
          message: `an unhandled error occurred: program exited with non-zero exit code: ${code}`,
        });
      }
      if (this.failed) return false;
      if (!(await deleteAll(context, [...context.journal.leftovers()].reverse()))) return false;
      const stackValid = await judgeStack(
        context,
        context.journal
          .snapshot()
          .resources.filter((r) => !r.type.startsWith(PROVIDER_TYPE_PREFIX) && !r.delete)
          .map((r) => ({
            urn: r.urn,
            type: r.type,
            name: nameOf(r.urn),
            properties: revealSecrets(r.outputs ?? {}),
            parent: r.parent,
            protect: r.protect,
            dependencies: r.dependencies,
          })),
      );
      return stackValid && !this.policyFailed;
    } finally {
      this.program?.kill();
      await monitor.stop();
    }
  }

  private async settle(): Promise<void> {
    while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
  }

  private async stopProgramWhenSettled(): Promise<void> {
    await this.settle();
    this.program?.kill();
  }

  log(severity: Severity, message: string, urn: string, ephemeral: boolean): void {
    if (severity === "debug" || ephemeral) return;
    this.context.events.diagnostic({ ...(urn && { urn }), severity, message });
  }

  async registerResourceOutputs(request: rpb.RegisterResourceOutputsRequest): Promise<void> {
    const { journal } = this.context;
    const state = journal.registered(request.getUrn());
    if (!state) throw new Error(`RegisterResourceOutputs: unknown resource ${request.getUrn()}`);
    const outputs = fromStruct(request.getOutputs());
    this.requirePassphraseFor(outputs, request.getUrn());
    journal.add({ ...state, outputs });
  }

  async registerResource(request: rpb.RegisterResourceRequest): Promise<rpb.RegisterResourceResponse> {
    if (this.programStartMs === 0) this.programStartMs = Date.now() - this.startedAt;
    if (this.cancelled) throw new Error("update canceled");
    if (this.failed) throw new Error("the update stopped after a failed step");
    const goal = this.goalOf(request);
    if (this.registered.has(goal.urn)) {
      throw new Error(`Duplicate resource URN '${goal.urn}'; try giving it a unique name`);
    }
    this.registered.add(goal.urn);
    const task = goal.custom ? this.stepCustom(goal) : this.stepComponent(goal);
    this.tasks.add(task);
    try {
      const state = await task;
      const outputs = state.outputs ?? {};
      return new RegisterResourceResponse()
        .setUrn(goal.urn)
        .setId(state.id ?? "")
        .setObject(toStruct(goal.acceptSecrets ? outputs : revealSecrets(outputs)));
    } catch (e) {
      if (!this.failed && !this.cancelled) {
        this.failed = true;
        void this.stopProgramWhenSettled();
      }
      if (!(e instanceof ReportedError)) {
        this.context.events.diagnostic({ urn: goal.urn, severity: "error", message: (e as Error).message });
      }
      throw e;
    } finally {
      this.tasks.delete(task);
    }
  }

  private goalOf(request: rpb.RegisterResourceRequest): Goal {
    const { context } = this;
    const type = request.getType();
    const parent = request.getParent() || undefined;
    const propertyDependencies: Record<string, string[]> = {};
    request
      .getPropertydependenciesMap()
      .forEach((deps: rpb.RegisterResourceRequest.PropertyDependencies, key: string) => {
        if (deps.getUrnsList().length > 0) propertyDependencies[key] = deps.getUrnsList();
      });
    return {
      urn: makeUrn(context.stack, context.project.name, parent, type, request.getName()),
      type,
      name: request.getName(),
      custom: request.getCustom(),
      parent,
      inputs: fromStruct(request.getObject()),
      protect: request.getProtect() === true,
      dependencies: request.getDependenciesList(),
      propertyDependencies,
      ignoreChanges: request.getIgnorechangesList(),
      replaceOnChanges: request.getReplaceonchangesList(),
      deleteBeforeReplace: request.getDeletebeforereplacedefined()
        ? request.getDeletebeforereplace()
        : undefined,
      additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
      retainOnDelete: request.getRetainondelete() === true,
      acceptSecrets: request.getAcceptsecrets(),
    };
  }

  private requirePassphraseFor(props: PropertyMap, urn: string, secretOutputs = false): void {
    const needed = containsSecret(props) || secretOutputs;
    if (!this.context.dryRun && needed && !this.context.config.hasPassphrase()) {
      throw new Error(
        `${urn} has secret values, which the checkpoint stores encrypted: set PULUMI_CONFIG_PASSPHRASE ` +
          "(or PULUMI_CONFIG_PASSPHRASE_FILE) to the stack's passphrase",
      );
    }
  }

  /** Components and the root stack: no provider, only state. */
  private async stepComponent(goal: Goal): Promise<ResourceState> {
    const { journal, events } = this.context;
    const old = journal.old(goal.urn);
    const state: ResourceState = {
      urn: goal.urn,
      custom: false,
      type: goal.type,
      outputs: old?.outputs ?? {},
      ...(goal.parent && { parent: goal.parent }),
      protect: goal.protect,
      dependencies: goal.dependencies,
      retainOnDelete: goal.retainOnDelete,
    };
    const step = stepOf(old ? "same" : "create", state, { old, new: state });
    events.stepStarted(step);
    journal.add(state);
    events.stepFinished(step);
    count(this.context, step.op);
    return state;
  }

  /** The default provider's reference, registering its state on first use. */
  private defaultProvider(): Promise<string> {
    if (!this.providerRef) {
      this.providerRef = (async () => {
        const { context } = this;
        const { journal } = context;
        const urn = makeUrn(context.stack, context.project.name, undefined, DEFAULT_PROVIDER_TYPE, "default");
        const old = journal.old(urn);
        const id = old?.id ?? (context.dryRun ? UNKNOWN : randomUUID());
        journal.add({
          urn,
          custom: true,
          id,
          type: DEFAULT_PROVIDER_TYPE,
          inputs: old?.inputs ?? {},
          outputs: old?.outputs ?? {},
        });
        return providerReference(urn, id);
      })();
    }
    return this.providerRef;
  }

  private async stepCustom(goal: Goal): Promise<ResourceState> {
    const { context } = this;
    const { journal, events, dryRun } = context;
    if (packageOf(goal.type) !== DYNAMIC_PACKAGE) {
      throw new Error(
        `resource type ${goal.type} needs the "${packageOf(goal.type)}" provider plugin, which this command does not run ` +
          "(it runs dynamic providers only): deploy this program with the Pulumi CLI",
      );
    }
    this.requirePassphraseFor(goal.inputs, goal.urn, goal.additionalSecretOutputs.length > 0);
    const providerRef = await this.defaultProvider();
    const provider = await context.plugins.providerHost();
    // A dependent deleted ahead of a delete-before-replace is created again (a replacement).
    const replacedDependent = this.deletedForReplacement.get(goal.urn);
    const old = replacedDependent ? undefined : journal.old(goal.urn);
    const news = old ? applyIgnoreChanges(goal.inputs, old.inputs ?? {}, goal.ignoreChanges) : goal.inputs;
    const secretInputs = secretKeys(news);

    const checked = await provider.check(goal.urn, revealSecrets(old?.inputs ?? {}), revealSecrets(news));
    if (checked.failures.length > 0) {
      const reasons = checked.failures.map((f) => (f.property ? `${f.property}: ${f.reason}` : f.reason));
      events.diagnostic({ urn: goal.urn, severity: "error", message: reasons.join("\n") });
      throw new ReportedError(`${goal.urn}: invalid inputs: ${reasons.join("; ")}`);
    }
    const judged = await judgeResource(context, {
      urn: goal.urn,
      type: goal.type,
      name: goal.name,
      properties: checked.inputs,
      parent: goal.parent,
      protect: goal.protect,
      dependencies: goal.dependencies,
      ignoreChanges: goal.ignoreChanges,
      deleteBeforeReplace: goal.deleteBeforeReplace,
      additionalSecretOutputs: goal.additionalSecretOutputs,
    });
    const inputs = markSecret(judged.properties, secretInputs);
    const state: ResourceState = {
      urn: goal.urn,
      custom: true,
      type: goal.type,
      inputs,
      ...(goal.parent && { parent: goal.parent }),
      protect: goal.protect,
      dependencies: goal.dependencies,
      provider: providerRef,
      propertyDependencies: goal.propertyDependencies,
      additionalSecretOutputs: goal.additionalSecretOutputs,
      retainOnDelete: goal.retainOnDelete,
    };
    if (!judged.valid) {
      if (dryRun) this.policyFailed = true;
      else {
        const message =
          "this resource violates a mandatory policy, so it is not deployed (see the policy violations)";
        events.diagnostic({ urn: goal.urn, severity: "error", message });
        throw new ReportedError(`${goal.urn}: ${message}`);
      }
    }

    if (!old) {
      const op = replacedDependent ? "replace" : "create";
      return this.create(
        goal,
        state,
        secretInputs,
        stepOf(op, state, { new: state, old: replacedDependent, provider: providerRef }),
      );
    }

    const diff = await provider.diff(
      old.id ?? "",
      goal.urn,
      revealSecrets(old.outputs ?? {}),
      revealSecrets(inputs),
      revealSecrets(old.inputs ?? {}),
      goal.ignoreChanges,
    );
    let diffs = diff.diffs;
    let changed = diff.changes === "some";
    if (diff.changes === "unknown") {
      diffs = changedKeys(revealSecrets(old.inputs ?? {}), revealSecrets(inputs));
      changed = diffs.length > 0;
    }
    if (changed && diffs.length === 0)
      diffs = changedKeys(revealSecrets(old.inputs ?? {}), revealSecrets(inputs));
    const replaceKeys = changed
      ? [
          ...new Set([
            ...diff.replaces,
            ...diffs.filter((k) => goal.replaceOnChanges.includes(k) || goal.replaceOnChanges.includes("*")),
          ]),
        ]
      : [];
    const base = { old, new: state, provider: providerRef, diffs };

    if (!changed) {
      const same: ResourceState = {
        ...state,
        id: old.id,
        outputs: old.outputs,
        ...(old.initErrors && { initErrors: old.initErrors }),
      };
      const step = stepOf("same", same, { ...base, new: same });
      events.stepStarted(step);
      journal.add(same);
      events.stepFinished(step);
      count(context, "same");
      return same;
    }
    if (replaceKeys.length === 0)
      return this.update(goal, old, state, secretInputs, stepOf("update", state, base));

    if (goal.protect || old.protect) {
      const message = protectedReplaceMessage(goal.urn);
      events.diagnostic({ urn: goal.urn, severity: "error", message });
      throw new ReportedError(message);
    }
    const deleteFirst = goal.deleteBeforeReplace ?? diff.deleteBeforeReplace;
    const step = stepOf("replace", state, { ...base, replaceKeys });
    if (deleteFirst) {
      // Delete before replace: dependents that must be replaced too go first, then the resource.
      for (const dependent of (await this.dependentReplacements(goal.urn)).reverse()) {
        this.deletedForReplacement.set(dependent.urn, dependent);
        await deleteResource(context, dependent, true);
      }
      await deleteResource(context, old, true);
      return this.create(goal, state, secretInputs, step);
    }
    const created = await this.create(goal, state, secretInputs, step);
    if (!dryRun) journal.condemn(old);
    return created;
  }

  /**
   * The dependents a delete-before-replace of `urn` replaces too, as the engine's
   * `calculateDependentReplacements` finds them: every resource whose inputs come from a replaced one
   * is diffed with those inputs unknown, and is replaced when that diff says so.
   */
  private async dependentReplacements(urn: string): Promise<ResourceState[]> {
    const provider = await this.context.plugins.providerHost();
    const replaced = new Set([urn]);
    const result: ResourceState[] = [];
    for (const dependent of this.context.journal.snapshot().resources) {
      if (
        !dependent.custom ||
        dependent.delete ||
        this.registered.has(dependent.urn) ||
        replaced.has(dependent.urn)
      )
        continue;
      const viaProperty = Object.entries(dependent.propertyDependencies ?? {})
        .filter(([, deps]) => deps.some((d) => replaced.has(d)))
        .map(([key]) => key);
      if (viaProperty.length === 0) continue;
      const news = {
        ...(dependent.inputs ?? {}),
        ...Object.fromEntries(viaProperty.map((k) => [k, UNKNOWN])),
      };
      const diff = await provider.diff(
        dependent.id ?? "",
        dependent.urn,
        revealSecrets(dependent.outputs ?? {}),
        revealSecrets(news),
        revealSecrets(dependent.inputs ?? {}),
        [],
      );
      if (diff.replaces.length > 0) {
        replaced.add(dependent.urn);
        result.push(dependent);
      }
    }
    return result;
  }

  private async create(
    goal: Goal,
    state: ResourceState,
    secretInputs: string[],
    step: StepInfo,
  ): Promise<ResourceState> {
    const { context } = this;
    const { journal, events } = context;
    events.stepStarted(step);
    if (context.dryRun) {
      const planned: ResourceState = { ...state, outputs: state.inputs };
      events.stepFinished({ ...step, new: planned });
      count(context, step.op);
      return planned;
    }
    const provider = await context.plugins.providerHost();
    const done = journal.begin(state, "creating");
    try {
      const created = await context.semaphore.run(() =>
        provider.create(goal.urn, revealSecrets(state.inputs ?? {})),
      );
      const result: ResourceState = {
        ...state,
        id: created.id,
        outputs: markSecret(created.outputs, [...secretInputs, ...goal.additionalSecretOutputs]),
      };
      done();
      journal.add(result);
      events.stepFinished({ ...step, new: result });
      count(context, step.op);
      return result;
    } catch (e) {
      done();
      this.recordInitFailure(e, state, secretInputs, goal);
      events.stepFinished(step, (e as Error).message);
      throw e;
    }
  }

  private async update(
    goal: Goal,
    old: ResourceState,
    state: ResourceState,
    secretInputs: string[],
    step: StepInfo,
  ): Promise<ResourceState> {
    const { context } = this;
    const { journal, events } = context;
    events.stepStarted(step);
    if (context.dryRun) {
      const planned: ResourceState = { ...state, id: old.id, outputs: state.inputs };
      events.stepFinished({ ...step, new: planned });
      count(context, "update");
      return planned;
    }
    const provider = await context.plugins.providerHost();
    const done = journal.begin(old, "updating");
    try {
      const outputs = await context.semaphore.run(() =>
        provider.update(
          old.id ?? "",
          goal.urn,
          revealSecrets(old.outputs ?? {}),
          revealSecrets(state.inputs ?? {}),
          revealSecrets(old.inputs ?? {}),
          goal.ignoreChanges,
        ),
      );
      const result: ResourceState = {
        ...state,
        id: old.id,
        outputs: markSecret(outputs, [...secretInputs, ...goal.additionalSecretOutputs]),
      };
      done();
      journal.add(result);
      events.stepFinished({ ...step, new: result });
      count(context, "update");
      return result;
    } catch (e) {
      done();
      this.recordInitFailure(e, { ...state, id: old.id }, secretInputs, goal);
      events.stepFinished(step, (e as Error).message);
      throw e;
    }
  }

  /**
   * A create or update that reported ErrorResourceInitFailed made the resource: keep it in state with
   * its id and the reasons, so the next run updates or deletes it instead of leaking it.
   */
  private recordInitFailure(e: unknown, state: ResourceState, secretInputs: string[], goal: Goal): void {
    if (!(e instanceof InitFailedError)) return;
    const outputs = { ...e.outputs };
    // The host does not add the serialized provider to an error's properties; a later delete needs it.
    if (outputs.__provider === undefined && state.inputs?.__provider !== undefined)
      outputs.__provider = state.inputs.__provider;
    this.context.journal.add({
      ...state,
      id: e.id,
      outputs: markSecret(outputs, [...secretInputs, ...goal.additionalSecretOutputs]),
      initErrors: e.reasons.length > 0 ? e.reasons : [e.message],
    });
  }
}
