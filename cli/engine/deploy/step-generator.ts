/**
 * The step generator (pulumi/pulumi `pkg/resource/deploy/step_generator.go`): turns each
 * registration, with the old state, into the steps that bring the stack to it, and at the end
 * generates the deletes of what the program no longer declares. It calls the provider's Check and
 * Diff and the policy analyzers through the interfaces it is given; every decision is one of the
 * pure rules in `step-rules.ts`.
 */
import { randomUUID } from "node:crypto";
import type { OperationContext } from "../context";
import { judgeResource } from "../policies";
import { redactCheckFailures } from "../redact";
import {
  applyIgnoreChanges,
  containsUnknown,
  markSecret,
  revealSecrets,
  secretKeys,
  UNKNOWN,
} from "../properties";
import type { ResourceState, Snapshot } from "../state";
import { makeUrn, packageOf, PROVIDER_TYPE_PREFIX, providerReference, ROOT_STACK_TYPE } from "../urn";
import { providerUrnOf, referencesOf } from "../state";
import { untargeted, type TargetOptions, type UrnTargets } from "./targets";
import { aliasUrns, type Goal, type ReadGoal } from "./goal";
import {
  CreateStep,
  DeleteStep,
  ImportStep,
  ReadStep,
  RemovePendingReplaceStep,
  ReplaceStep,
  SameStep,
  Step,
  UpdateStep,
} from "./step";
import {
  applyReplaceOnChanges,
  definiteDiff,
  dependingOn,
  inputsWithReplacedUnknown,
  protectedDependentMessage,
  protectedReplaceMessage,
  shouldTriggerReplace,
} from "./step-rules";

/** The package of dynamic providers, the only one this engine runs. */
export const DYNAMIC_PACKAGE = "pulumi-nodejs";
export const DEFAULT_PROVIDER_TYPE = `${PROVIDER_TYPE_PREFIX}${DYNAMIC_PACKAGE}`;

/** An error the generator already reported as a diagnostic: the registration just fails. */
export class ReportedError extends Error {}

/** Steps for one registration; an import step comes first and is continued after it ran. */
export interface GeneratedSteps {
  urn: string;
  steps: Step[];
}

export class StepGenerator {
  /** Old states by URN, condemned ones left out (`Deployment.Olds`). */
  private readonly olds = new Map<string, ResourceState>();
  /** URNs registered by this run. */
  private readonly urns = new Set<string>();
  /** Old URN -> the new URN that claimed it by an alias. */
  private readonly aliased = new Map<string, string>();
  /** URNs deleted ahead of a delete-before-replace, not (yet) registered again. */
  private readonly deletes = new Set<string>();
  private readonly pendingDeletes = new Set<ResourceState>();
  /** Replacement keys of dependents deleted ahead of a delete-before-replace. */
  private readonly dependentReplaceKeys = new Map<string, string[]>();
  private defaultProvider?: Promise<string>;
  private readonly targeting: TargetOptions;
  /** The targets, grown by their dependents with `--target-dependents` (`targetsActual`). */
  private readonly targetsActual: UrnTargets;
  private readonly excludesActual: UrnTargets;
  /** New resources outside the targets: not created, not recorded. */
  private readonly skippedCreates = new Set<string>();
  /** A mandatory policy failed in a preview (the preview goes on, then fails). */
  policyFailed = false;
  /** An error was reported but the preview went on (a protected replace). */
  sawError = false;

  constructor(
    private readonly context: OperationContext,
    private readonly base: Snapshot,
    /** Runs a provider resource's same or create step (the default provider's registration). */
    private readonly registerProvider: (steps: Step[]) => Promise<void>,
  ) {
    for (const r of base.resources) if (!r.delete) this.olds.set(r.urn, r);
    this.targeting = context.targeting ?? untargeted();
    this.targetsActual = this.targeting.targets.clone();
    this.excludesActual = this.targeting.excludes.clone();
  }

  /** `isTargetedForUpdate`: named by `--target`, or (with `--target-dependents`) depending on a target. */
  private isTargetedForUpdate(urn: string, deps: string[]): boolean {
    const { targets, targetDependents } = this.targeting;
    if (targets.names(urn)) return true;
    return targetDependents && deps.some((d) => this.targetsActual.names(d));
  }

  /** `isExcludedFromUpdate`: named by `--exclude`, or (with `--exclude-dependents`) depending on one. */
  private isExcludedFromUpdate(urn: string, deps: string[]): boolean {
    const { excludes, excludeDependents } = this.targeting;
    if (excludes.names(urn)) return true;
    return excludeDependents && deps.some((d) => this.excludesActual.names(d));
  }

  /** `isIncludedInOperation`. */
  private isIncluded(urn: string, deps: string[]): boolean {
    if (this.targeting.targets.isConstrained()) return this.isTargetedForUpdate(urn, deps);
    if (this.targeting.excludes.isConstrained()) return !this.isExcludedFromUpdate(urn, deps);
    return true;
  }

  /**
   * An untargeted resource keeps its old state (`NewUntargetedSameStep`), after same steps for the
   * old resources it depends on that the program did not register, so the snapshot stays ordered.
   */
  private untargetedSames(old: ResourceState): Step[] {
    const steps: Step[] = [];
    const provider = old.provider?.slice(0, old.provider.lastIndexOf("::"));
    for (const ref of [...referencesOf(old), ...(provider ? [provider] : [])]) {
      const dependency = this.olds.get(ref);
      if (!dependency || this.urns.has(ref) || dependency.type.startsWith(PROVIDER_TYPE_PREFIX)) continue;
      this.urns.add(ref);
      steps.push(...this.untargetedSames(dependency));
    }
    steps.push(new SameStep(old.urn, old, { ...old }));
    return steps;
  }

  private fail(urn: string, message: string): never {
    this.context.events.diagnostic({ urn, severity: "error", message });
    throw new ReportedError(message);
  }

  /** The old state a registration continues (`getOldResource`): by URN first, then by its aliases. */
  private oldResource(urn: string, aliases: string[]): { old?: ResourceState; aliasOf?: string } {
    if (this.aliased.has(urn)) {
      this.fail(urn, `Duplicate resource URN '${urn}': it is already an alias of ${this.aliased.get(urn)}`);
    }
    const own = this.olds.get(urn);
    if (own) return { old: own };
    for (const alias of aliases) {
      const old = this.olds.get(alias);
      if (!old) continue;
      if (this.urns.has(alias))
        this.fail(urn, `resource ${urn} is aliased to ${alias}, which has already been registered`);
      const previous = this.aliased.get(alias);
      if (previous) this.fail(urn, `resources ${previous} and ${urn} both alias ${alias}`);
      this.aliased.set(alias, urn);
      return { old, aliasOf: alias };
    }
    return {};
  }

  /** The default provider's reference, registering its state (a same or create step) on first use. */
  private providerRef(): Promise<string> {
    this.defaultProvider ??= (async () => {
      const { context } = this;
      const urn = makeUrn(context.stack, context.project.name, undefined, DEFAULT_PROVIDER_TYPE, "default");
      this.urns.add(urn);
      const old = this.olds.get(urn);
      const id = old?.id ?? (context.dryRun ? UNKNOWN : randomUUID());
      const state: ResourceState = {
        urn,
        custom: true,
        id,
        type: DEFAULT_PROVIDER_TYPE,
        inputs: old?.inputs ?? {},
        outputs: old?.outputs ?? {},
        ...(old?.created && { created: old.created }),
        ...(old?.modified && { modified: old.modified }),
      };
      await this.registerProvider([
        old ? new SameStep(urn, old, state) : new CreateStep(urn, undefined, state),
      ]);
      return providerReference(urn, id);
    })();
    return this.defaultProvider;
  }

  /** Steps for one registration (`GenerateSteps`). */
  async generateSteps(goal: Goal): Promise<GeneratedSteps> {
    const { context } = this;
    const urn = makeUrn(context.stack, context.project.name, goal.parent, goal.type, goal.name);
    if (goal.remote) {
      this.fail(
        urn,
        `${goal.type} is a remote (multi-language) component, which needs its provider plugin: ` +
          "this command runs dynamic providers only; deploy this program with the Pulumi CLI",
      );
    }
    if (goal.custom && packageOf(goal.type) !== DYNAMIC_PACKAGE) {
      this.fail(
        urn,
        `resource type ${goal.type} needs the "${packageOf(goal.type)}" provider plugin, which this command does not run ` +
          "(it runs dynamic providers only): deploy this program with the Pulumi CLI",
      );
    }
    if (goal.custom && goal.provider) {
      this.fail(urn, "the `provider` option names an explicit provider, which this command does not run");
    }
    if (this.urns.has(urn)) this.fail(urn, `Duplicate resource URN '${urn}'; try giving it a unique name`);
    this.urns.add(urn);
    const aliases = aliasUrns(context.stack, context.project.name, goal).filter((a) => a !== urn);
    const { old, aliasOf } = this.oldResource(urn, aliases);

    const state: ResourceState = {
      urn,
      custom: goal.custom,
      type: goal.type,
      inputs: goal.inputs,
      ...(goal.parent && { parent: goal.parent }),
      protect: goal.protect ?? false,
      dependencies: goal.dependencies,
      propertyDependencies: goal.propertyDependencies,
      additionalSecretOutputs: goal.additionalSecretOutputs,
      retainOnDelete: goal.retainOnDelete ?? false,
      ...(aliases.length > 0 && { aliases }),
      ...(goal.customTimeouts && { customTimeouts: goal.customTimeouts }),
      ...(goal.importId && { importID: goal.importId }),
      ...(goal.ignoreChanges.length > 0 && { ignoreChanges: goal.ignoreChanges }),
      ...(goal.replaceOnChanges.length > 0 && { replaceOnChanges: goal.replaceOnChanges }),
      ...(goal.replacementTrigger !== undefined && { replacementTrigger: goal.replacementTrigger }),
    };
    const deps = [
      ...goal.dependencies,
      ...Object.values(goal.propertyDependencies).flat(),
      ...(goal.parent ? [goal.parent] : []),
    ];
    const included = goal.type === ROOT_STACK_TYPE || this.isIncluded(urn, deps);
    if (included && this.targeting.targets.isConstrained() && this.isTargetedForUpdate(urn, deps))
      this.targetsActual.add(urn);
    if (!included && this.isExcludedFromUpdate(urn, deps)) this.excludesActual.add(urn);
    if (!included) {
      if (goal.custom) await this.providerRef();
      if (old)
        return {
          urn,
          steps: this.untargetedSames(old).map((s) => this.tagged(s, s.urn === urn ? aliasOf : undefined)),
        };
      // An untargeted create: nothing is made or recorded (`NewSkippedCreateStep`).
      this.skippedCreates.add(urn);
      const skipped = new SameStep(urn, undefined, { ...state, outputs: goal.inputs });
      skipped.skippedCreate = true;
      return { urn, steps: [skipped] };
    }
    const skippedDependency = deps.find((d) => this.skippedCreates.has(d));
    if (skippedDependency) {
      this.fail(
        urn,
        `resource ${urn} is targeted but depends on ${skippedDependency}, which is not created in this update: ` +
          "target it too (--target), or pass --target-dependents on its target",
      );
    }
    if (!goal.custom) {
      // Components have no provider: only their state changes.
      state.inputs = {};
      if (old) {
        state.outputs = old.outputs ?? {};
        if (old.created) state.created = old.created;
        if (old.modified) state.modified = old.modified;
        return { urn, steps: [this.tagged(new SameStep(urn, old, state), aliasOf)] };
      }
      return { urn, steps: [new CreateStep(urn, undefined, state)] };
    }
    state.provider = await this.providerRef();

    const recreating = this.deletes.has(urn);
    if (goal.importId && (!old || old.external)) {
      return { urn, steps: [new ImportStep(urn, state, goal.importId)] };
    }
    return { urn, steps: await this.stepsFor(goal, urn, old, state, { recreating, aliasOf }) };
  }

  /** Continues a registration after its import step read the object (`ContinueStepsFromImport`). */
  async continueFromImport(goal: Goal, imported: ImportStep): Promise<Step[]> {
    const state: ResourceState = { ...imported.new!, inputs: goal.inputs };
    const steps = await this.stepsFor(goal, imported.urn, imported.imported!, state, {
      recreating: false,
      imported: true,
    });
    // Nothing differs from what was imported: the import step was the resource's step.
    return steps.length === 1 && steps[0] instanceof SameStep ? [] : steps;
  }

  private tagged<T extends Step>(step: T, aliasOf: string | undefined): T {
    if (aliasOf) step.aliasOf = aliasOf;
    return step;
  }

  /** Check, policies, then the diff decides (`continueStepsFromImport` and `continueStepsFromDiff`). */
  private async stepsFor(
    goal: Goal,
    urn: string,
    old: ResourceState | undefined,
    state: ResourceState,
    how: { recreating: boolean; aliasOf?: string; imported?: boolean },
  ): Promise<Step[]> {
    const { context } = this;
    const provider = await context.plugins.providerHost();
    const wasExternal = old?.external === true && !how.imported;
    const targetedReplace = this.targeting.replaceTargets.names(urn);
    const freshCheck = how.recreating || wasExternal || !old || targetedReplace;
    const news =
      old && !freshCheck
        ? applyIgnoreChanges(goal.inputs, old.inputs ?? {}, goal.ignoreChanges)
        : goal.inputs;
    const secretInputs = secretKeys(news);
    const checked = await provider.check(
      urn,
      freshCheck ? {} : revealSecrets(old?.inputs ?? {}),
      revealSecrets(news),
    );
    this.checkFailures(urn, redactCheckFailures(checked.failures, news));
    const judged = await judgeResource(context, {
      urn,
      type: goal.type,
      name: goal.name,
      properties: checked.inputs,
      parent: goal.parent,
      protect: state.protect,
      dependencies: goal.dependencies,
      ignoreChanges: goal.ignoreChanges,
      deleteBeforeReplace: goal.deleteBeforeReplace,
      additionalSecretOutputs: goal.additionalSecretOutputs,
    });
    state.inputs = markSecret(judged.properties, secretInputs);
    if (!judged.valid) {
      if (context.dryRun) this.policyFailed = true;
      else
        this.fail(
          urn,
          "this resource violates a mandatory policy, so it is not deployed (see the policy violations)",
        );
    }

    if (how.recreating) {
      // Deleted earlier in this run as a dependent of a delete-before-replace: it is a replacement.
      this.deletes.delete(urn);
      const create = new CreateStep(urn, old, state, "create-replacement");
      create.replaceKeys = this.dependentReplaceKeys.get(urn) ?? [];
      return [new ReplaceStep(urn, old, state), create];
    }
    if (wasExternal) {
      const create = new CreateStep(urn, old, state, "create-replacement");
      create.pendingDelete = true;
      return [create, new ReplaceStep(urn, old, state)];
    }
    if (!old) return [new CreateStep(urn, undefined, state)];
    return this.stepsFromDiff(goal, urn, old, state, how.aliasOf);
  }

  private checkFailures(urn: string, failures: { property: string; reason: string }[]): void {
    if (failures.length === 0) return;
    const reasons = failures.map((f) => (f.property ? `${f.property}: ${f.reason}` : f.reason));
    this.fail(urn, reasons.join("\n"));
  }

  private async stepsFromDiff(
    goal: Goal,
    urn: string,
    old: ResourceState,
    state: ResourceState,
    aliasOf: string | undefined,
  ): Promise<Step[]> {
    const { context } = this;
    const provider = await context.plugins.providerHost();
    if (!context.dryRun && containsUnknown(state.replacementTrigger)) {
      this.fail(urn, `replacement trigger contains unknowns for ${urn}`);
    }
    // `--replace` replaces the resource whatever its diff (`isTargetedReplace`).
    const triggerReplace =
      this.targeting.replaceTargets.names(urn) ||
      shouldTriggerReplace(state.replacementTrigger, old.replacementTrigger);
    const hasInitErrors = (old.initErrors ?? []).length > 0;
    let diff = triggerReplace
      ? { changes: true, replaceKeys: [], changedKeys: [], deleteBeforeReplace: false }
      : definiteDiff(
          await provider.diff(
            old.id ?? "",
            urn,
            revealSecrets(old.outputs ?? {}),
            revealSecrets(state.inputs ?? {}),
            revealSecrets(old.inputs ?? {}),
            goal.ignoreChanges,
          ),
          old.inputs ?? {},
          state.inputs ?? {},
        );
    diff = applyReplaceOnChanges(diff, goal.replaceOnChanges, hasInitErrors);
    const tag = <T extends Step>(step: T): T => {
      step.diffs = diff.changedKeys;
      if (diff.replaceKeys.length > 0) step.replaceKeys = diff.replaceKeys;
      return this.tagged(step, aliasOf);
    };

    if (diff.changes || old.pendingReplacement) {
      if (diff.replaceKeys.length > 0 || triggerReplace || old.pendingReplacement) {
        // Unprotecting and replacing in one run is allowed: only a resource protected before and after is refused.
        if (state.protect && old.protect) {
          if (!context.dryRun) this.fail(urn, protectedReplaceMessage(urn));
          context.events.diagnostic({ urn, severity: "error", message: protectedReplaceMessage(urn) });
          this.sawError = true;
        }
        if (goal.importId) {
          const message =
            "previously-imported resources that still specify an ID may not be replaced; " +
            "please remove the `import` declaration from your program";
          if (!context.dryRun) this.fail(urn, message);
          context.events.diagnostic({ urn, severity: "warning", message });
        }
        // The replacement is a new resource: check its inputs again without the old ones.
        const secretInputs = secretKeys(goal.inputs);
        const rechecked = await provider.check(urn, {}, revealSecrets(goal.inputs));
        this.checkFailures(urn, redactCheckFailures(rechecked.failures, goal.inputs));
        state.inputs = markSecret(rechecked.inputs, secretInputs);

        const deleteBeforeReplace = goal.deleteBeforeReplace ?? diff.deleteBeforeReplace;
        if (deleteBeforeReplace)
          return [...(await this.deleteBeforeReplace(urn, old)), ...this.dbrTail(urn, old, state, tag)];
        const create = tag(new CreateStep(urn, old, state, "create-replacement"));
        create.pendingDelete = true;
        return [create, tag(new ReplaceStep(urn, old, state))];
      }
      return [tag(new UpdateStep(urn, old, state, goal.ignoreChanges))];
    }
    // No change, but the last create or update did not finish: try it again.
    if (hasInitErrors) return [tag(new UpdateStep(urn, old, state, goal.ignoreChanges))];
    state.id = old.id;
    state.outputs = old.outputs ?? {};
    if (old.created) state.created = old.created;
    if (old.modified) state.modified = old.modified;
    return [this.tagged(new SameStep(urn, old, state), aliasOf)];
  }

  private dbrTail(
    urn: string,
    old: ResourceState,
    state: ResourceState,
    tag: <T extends Step>(step: T) => T,
  ): Step[] {
    return [
      tag(new ReplaceStep(urn, old, state)),
      tag(new CreateStep(urn, old, state, "create-replacement")),
    ];
  }

  /**
   * The deletes ahead of a delete-before-replace: the dependents that must be replaced too
   * (`calculateDependentReplacements`: each dependent whose inputs come from a replaced resource
   * is diffed with those inputs unknown, and goes when that diff asks for a replacement), in
   * reverse dependency order, then the resource itself. A protected dependent stops the run.
   */
  private async deleteBeforeReplace(urn: string, old: ResourceState): Promise<Step[]> {
    const provider = await this.context.plugins.providerHost();
    const replaced = new Set([old.urn]);
    const toReplace: { res: ResourceState; keys: string[] }[] = [];
    for (const dependent of dependingOn(this.base.resources, old)) {
      // Resources registered already in this run cannot depend on the root.
      if (this.urns.has(dependent.urn) || !dependent.custom || dependent.external) continue;
      const inputs = inputsWithReplacedUnknown(dependent, replaced, UNKNOWN);
      if (!inputs) continue;
      const diff = await provider.diff(
        dependent.id ?? "",
        dependent.urn,
        revealSecrets(dependent.outputs ?? {}),
        revealSecrets(inputs),
        revealSecrets(dependent.inputs ?? {}),
        [],
      );
      if (diff.replaces.length > 0) {
        replaced.add(dependent.urn);
        toReplace.push({ res: dependent, keys: diff.replaces });
      }
    }
    const steps: Step[] = [];
    for (const { res, keys } of toReplace.reverse()) {
      if (this.pendingDeletes.has(res)) continue;
      if (res.protect) this.fail(urn, protectedDependentMessage(res.urn, urn));
      if (
        this.targeting.targets.isConstrained() &&
        !this.targeting.targets.names(res.urn) &&
        !this.targeting.targetDependents
      ) {
        this.fail(
          urn,
          `unable to replace resource "${urn}": its dependent ${res.urn} must be replaced too, and is not targeted. ` +
            "Target it too (--target), or pass --target-dependents",
        );
      }
      this.dependentReplaceKeys.set(res.urn, keys);
      const step = new DeleteStep(res.urn, res, "delete-replaced");
      step.pendingReplace = true;
      steps.push(step);
      this.deletes.add(res.urn);
      this.pendingDeletes.add(res);
    }
    if (!old.pendingReplacement) {
      const step = new DeleteStep(urn, old, "delete-replaced");
      step.pendingReplace = true;
      steps.push(step);
    }
    return steps;
  }

  /** Steps for a `Resource.get` (`GenerateReadSteps`): the object is read, never owned. */
  async generateReadSteps(goal: ReadGoal): Promise<GeneratedSteps> {
    const { context } = this;
    const urn = makeUrn(context.stack, context.project.name, goal.parent, goal.type, goal.name);
    if (packageOf(goal.type) !== DYNAMIC_PACKAGE) {
      this.fail(
        urn,
        `resource type ${goal.type} needs the "${packageOf(goal.type)}" provider plugin: deploy this program with the Pulumi CLI`,
      );
    }
    if (this.urns.has(urn)) this.fail(urn, `Duplicate resource URN '${urn}'; try giving it a unique name`);
    this.urns.add(urn);
    const old = this.olds.get(urn);
    const state: ResourceState = {
      urn,
      custom: true,
      external: true,
      id: goal.id,
      type: goal.type,
      inputs: goal.inputs,
      ...(goal.parent && { parent: goal.parent }),
      dependencies: goal.dependencies,
      additionalSecretOutputs: goal.additionalSecretOutputs,
      provider: await this.providerRef(),
      ...(old?.created && { created: old.created }),
    };
    if (old && !old.external) {
      // The program now reads what it used to own: the owned object is deleted at the end.
      const read = new ReadStep(urn, old, state, "read-replacement");
      read.pendingDelete = true;
      return { urn, steps: [read, new ReplaceStep(urn, old, state)] };
    }
    return { urn, steps: [new ReadStep(urn, old, state)] };
  }

  /**
   * The deletes at the end of an update (`GenerateDeletes`), in reverse snapshot order: condemned
   * states (replaced, create-before-delete), and old resources the program did not register,
   * claim by an alias or delete ahead of a replacement; a pending replacement's state only leaves.
   */
  generateDeletes(): Step[] {
    const steps: Step[] = [];
    const resources = this.base.resources;
    const inScope = this.deleteScope();
    for (let i = resources.length - 1; i >= 0; i--) {
      const res = resources[i];
      if (!inScope(res)) continue;
      if (res.delete) {
        steps.push(new DeleteStep(res.urn, res, "delete-replaced"));
        continue;
      }
      if (this.urns.has(res.urn) || this.aliased.has(res.urn)) continue;
      if (this.pendingDeletes.has(res) || res.pendingReplacement) {
        steps.push(new RemovePendingReplaceStep(res.urn, res));
        continue;
      }
      steps.push(new DeleteStep(res.urn, res, "delete"));
    }
    const kept = this.keptProviders(steps);
    const narrowed = steps.filter((s) => !kept.has(s.urn));
    this.refuseDanglingDeletes(narrowed);
    return narrowed;
  }

  /**
   * Which old resources a delete may touch (`determineAllowedResourcesToDeleteFromTargets`,
   * `determineForbiddenResourcesToDeleteFromExcludes`): the targets (and their dependents with
   * `--target-dependents`), or everything but the excluded (and their dependents).
   */
  private deleteScope(): (res: ResourceState) => boolean {
    const { targets, targetDependents, excludes, excludeDependents } = this.targeting;
    const grow = (named: (urn: string) => boolean, withDependents: boolean) => {
      const found = new Set<string>();
      for (const r of this.base.resources) {
        if (named(r.urn) || (withDependents && referencesOf(r).some((d) => found.has(d)))) found.add(r.urn);
      }
      return found;
    };
    if (targets.isConstrained()) {
      const allowed = grow((u) => targets.names(u) || this.targetsActual.names(u), targetDependents);
      return (r) => allowed.has(r.urn);
    }
    if (excludes.isConstrained()) {
      const forbidden = grow((u) => excludes.names(u) || this.excludesActual.names(u), excludeDependents);
      return (r) => !forbidden.has(r.urn);
    }
    return () => true;
  }

  /** Providers a kept resource still uses are kept too (`TestExcludeProviderImplicitly`). */
  private keptProviders(steps: Step[]): Set<string> {
    const { targets, excludes } = this.targeting;
    if (!targets.isConstrained() && !excludes.isConstrained()) return new Set();
    const deleted = new Set(steps.map((s) => s.urn));
    const used = new Set<string>();
    for (const r of this.base.resources) {
      const provider = providerUrnOf(r);
      if (provider && (!deleted.has(r.urn) || this.urns.has(r.urn))) used.add(provider);
    }
    return new Set(
      [...deleted].filter((u) => used.has(u) && this.olds.get(u)?.type.startsWith(PROVIDER_TYPE_PREFIX)),
    );
  }

  /** A narrowed delete may not leave a kept resource depending on a deleted one. */
  private refuseDanglingDeletes(steps: Step[]): void {
    const { targets, excludes } = this.targeting;
    if (!targets.isConstrained() && !excludes.isConstrained()) return;
    const deleted = new Set(steps.filter((s) => s.op === "delete").map((s) => s.urn));
    for (const r of this.base.resources) {
      if (deleted.has(r.urn) || r.delete || this.urns.has(r.urn) || this.aliased.has(r.urn)) continue;
      const on = referencesOf(r).find((d) => deleted.has(d));
      if (on) {
        this.fail(
          on,
          `unable to delete resource "${on}": ${r.urn} depends on it and is not part of this operation. ` +
            "Include it (--target, or --target-dependents), or stop excluding it",
        );
      }
    }
  }
}
