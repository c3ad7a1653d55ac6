/**
 * One pass of a deployment (pulumi/pulumi `pkg/resource/deploy/deployment_executor.go`): runs the
 * source, hands each registration to the step generator and its steps to the step executor, then
 * generates and runs the deletes and the stack policies. Also the refresh pass (`refresh.go`).
 */
import type { SnapshotManager } from "../backend/snapshot-manager";
import type { OperationContext } from "../context";
import { judgeStack } from "../policies";
import { revealSecrets, containsSecret, type PropertyMap } from "../properties";
import type { ResourceState, Snapshot } from "../state";
import { nameOf, PROVIDER_TYPE_PREFIX } from "../urn";
import type { Goal, ReadGoal } from "./goal";
import type { RegistrationHandler, Source } from "./source";
import { ImportStep, RefreshStep } from "./step";
import { StepExecutor } from "./step-executor";
import { ReportedError, StepGenerator } from "./step-generator";

export class Deployment implements RegistrationHandler {
  private readonly generator: StepGenerator;
  private readonly executor: StepExecutor;
  private readonly tasks = new Set<Promise<unknown>>();
  /** This run's state of each registered URN. */
  private readonly registered = new Map<string, ResourceState>();
  private failed = false;
  private cancelled = false;
  /** Milliseconds from start to the program's first registration (for the benchmark). */
  programStartMs = 0;
  private readonly startedAt = Date.now();

  constructor(
    private readonly context: OperationContext,
    base: Snapshot,
    private readonly source: Source,
    private readonly snapshots: SnapshotManager | undefined,
    now?: () => string,
  ) {
    this.executor = new StepExecutor(context, snapshots, now);
    this.generator = new StepGenerator(context, base, (steps) => this.executor.executeUnlimited(steps));
  }

  /** Stops starting new steps; the ones in flight finish (Ctrl-C). */
  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.context.events.diagnostic({
      severity: "warning",
      message: "update canceled: waiting for the steps in flight",
    });
    void this.settle().then(() => this.source.kill());
  }

  /** Stops the pass at once (a policy pack failed to start). */
  abort(): void {
    this.failed = true;
    this.source.kill();
  }

  /** Runs the pass; true when every step succeeded and no mandatory policy was violated. */
  async run(): Promise<boolean> {
    const code = await this.source.run(this);
    await this.settle();
    if (this.cancelled) return false;
    if (code !== 0 && !this.failed) {
      this.failed = true;
      this.context.events.diagnostic({
        severity: "error",
        message: `an unhandled error occurred: program exited with non-zero exit code: ${code}`,
      });
    }
    if (this.failed) return false;
    if (!(await this.executor.executeDeletes(this.generator.generateDeletes()))) return false;
    const current = this.snapshots?.snap().resources ?? [...this.registered.values()];
    const stackValid = await judgeStack(
      this.context,
      current
        .filter((r) => !r.type.startsWith(PROVIDER_TYPE_PREFIX) && !r.delete)
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
    return stackValid && !this.generator.policyFailed && !this.generator.sawError;
  }

  private async settle(): Promise<void> {
    while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
  }

  log(
    severity: "debug" | "info" | "warning" | "error",
    message: string,
    urn: string,
    ephemeral: boolean,
  ): void {
    if (severity === "debug" || ephemeral) return;
    this.context.events.diagnostic({ ...(urn && { urn }), severity, message });
  }

  private track<T>(work: () => Promise<T>, urnHint: string): Promise<T> {
    if (this.programStartMs === 0) this.programStartMs = Date.now() - this.startedAt;
    if (this.cancelled) return Promise.reject(new Error("update canceled"));
    if (this.failed || this.executor.failed)
      return Promise.reject(new Error("the update stopped after a failed step"));
    const task = work().catch((e: unknown) => {
      if (!this.failed && !this.cancelled) {
        this.failed = true;
        void this.settle().then(() => this.source.kill());
      }
      if (!(e instanceof ReportedError)) {
        this.context.events.diagnostic({
          ...(urnHint && { urn: urnHint }),
          severity: "error",
          message: (e as Error).message,
        });
      }
      throw e;
    });
    this.tasks.add(task);
    void task.finally(() => this.tasks.delete(task)).catch(() => undefined);
    return task;
  }

  private requirePassphrase(props: PropertyMap, urn: string, secretOutputs = false): void {
    if (
      !this.context.dryRun &&
      (containsSecret(props) || secretOutputs) &&
      !this.context.config.hasPassphrase()
    ) {
      throw new Error(
        `${urn} has secret values, which the checkpoint stores encrypted: set PULUMI_CONFIG_PASSPHRASE ` +
          "(or PULUMI_CONFIG_PASSPHRASE_FILE) to the stack's passphrase",
      );
    }
  }

  registerResource(goal: Goal): Promise<{ urn: string; state: ResourceState }> {
    return this.track(async () => {
      this.requirePassphrase(goal.inputs, goal.name, goal.additionalSecretOutputs.length > 0);
      const generated = await this.generator.generateSteps(goal);
      const { urn } = generated;
      let { steps } = generated;
      let state: ResourceState | undefined;
      if (steps[0] instanceof ImportStep) {
        const imported = steps[0];
        state = await this.executor.executeChain([imported]);
        steps = await this.generator.continueFromImport(goal, imported);
      }
      if (steps.length > 0) state = await this.executor.executeChain(steps);
      if (!state) throw new Error(`${urn}: no step produced a state`);
      this.registered.set(urn, state);
      return { urn, state };
    }, "");
  }

  readResource(goal: ReadGoal): Promise<{ urn: string; state: ResourceState }> {
    return this.track(async () => {
      const { urn, steps } = await this.generator.generateReadSteps(goal);
      const state = (await this.executor.executeChain(steps))!;
      this.registered.set(urn, state);
      return { urn, state };
    }, "");
  }

  async registerResourceOutputs(urn: string, outputs: PropertyMap): Promise<void> {
    const state = this.registered.get(urn);
    if (!state) throw new Error(`RegisterResourceOutputs: unknown resource ${urn}`);
    this.requirePassphrase(outputs, urn);
    const next = { ...state, outputs };
    this.registered.set(urn, next);
    if (!this.context.dryRun) this.snapshots?.registerOutputs(state, next);
  }
}

/**
 * A refresh pass: every managed resource read back from its provider in parallel; a resource
 * found gone leaves the state, and references to it with it.
 */
export async function refresh(
  context: OperationContext,
  base: Snapshot,
  snapshots: SnapshotManager | undefined,
): Promise<boolean> {
  const executor = new StepExecutor(context, snapshots);
  const steps = base.resources
    .filter(
      (r) =>
        r.custom && !r.type.startsWith(PROVIDER_TYPE_PREFIX) && r.id && !r.delete && !r.pendingReplacement,
    )
    .map((r) => new RefreshStep(r.urn, r));
  return executor.executeParallel(steps);
}

/** A destroy pass: the deletes of every resource, in dependency order. */
export async function destroy(
  context: OperationContext,
  base: Snapshot,
  snapshots: SnapshotManager | undefined,
): Promise<boolean> {
  const executor = new StepExecutor(context, snapshots);
  const generator = new StepGenerator(context, base, async () => undefined);
  return executor.executeDeletes(generator.generateDeletes());
}
