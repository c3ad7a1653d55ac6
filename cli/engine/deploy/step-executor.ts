/**
 * The step executor (pulumi/pulumi `pkg/resource/deploy/step_executor.go`): runs a registration's
 * chain of steps one after the other, at most `--parallel` operations at once across chains, and
 * the deletes at the end as antichains, each in parallel. Around every step it reports the step's
 * start and end and records the snapshot mutation (never in a preview); a failed step ends its
 * mutation as failed, so no pending operation is left behind.
 */
import { count, stepOf, type OperationContext } from "../context";
import type { DeploymentEvents, StepInfo } from "../events";
import type { SnapshotManager } from "../backend/snapshot-manager";
import { Semaphore } from "../semaphore";
import type { ResourceState } from "../state";
import { PROVIDER_TYPE_PREFIX } from "../urn";
import { PartialFailure, RefreshStep, Step, type StepContext } from "./step";
import { scheduleDeletes } from "./step-rules";
import { ReportedError } from "./step-generator";

function infoOf(step: Step): StepInfo {
  const state = (step.new ?? step.old)!;
  return stepOf(step.op, state, {
    ...(step.old && { old: step.old }),
    ...(step.new && { new: step.new }),
    ...(step.provider && { provider: step.provider }),
    ...(step.diffs && { diffs: step.diffs }),
    ...(step.replaceKeys && { replaceKeys: step.replaceKeys }),
  });
}

const SILENT: DeploymentEvents = {
  stepStarted: () => undefined,
  stepFinished: () => undefined,
  diagnostic: () => undefined,
  policyViolation: () => undefined,
  policyPackLoaded: () => undefined,
};

export class StepExecutor {
  private readonly semaphore: Semaphore;
  private readonly stepContext: StepContext;
  /** A step failed: no new chain starts. */
  failed = false;

  constructor(
    private readonly context: OperationContext,
    private readonly snapshots: SnapshotManager | undefined,
    now: () => string = () => new Date().toISOString(),
  ) {
    this.semaphore = new Semaphore(Math.max(1, context.parallel));
    this.stepContext = { dryRun: context.dryRun, provider: () => context.plugins.providerHost(), now };
  }

  /** Runs one chain within the parallelism limit; resolves with the last step's new state. */
  async executeChain(steps: Step[]): Promise<ResourceState | undefined> {
    return this.semaphore.run(async () => {
      let last: ResourceState | undefined;
      for (const step of steps) last = (await this.execute(step)) ?? last;
      return last;
    });
  }

  /** Runs one step outside the parallelism limit (a provider's registration). */
  async executeUnlimited(steps: Step[]): Promise<void> {
    for (const step of steps) await this.execute(step);
  }

  private async execute(step: Step): Promise<ResourceState | undefined> {
    // Default providers are the engine's own: the CLI neither shows nor counts their steps.
    const shown = !(step.new ?? step.old)!.type.startsWith(PROVIDER_TYPE_PREFIX);
    const events: DeploymentEvents = shown ? this.context.events : SILENT;
    const info = infoOf(step);
    events.stepStarted(info);
    const mutation = this.context.dryRun ? undefined : this.snapshots?.begin(step);
    try {
      await step.apply(this.stepContext);
    } catch (e) {
      const message = (e as Error).message;
      // A partial failure made the resource: its state (id, init errors) is kept.
      mutation?.end(e instanceof PartialFailure);
      events.stepFinished({ ...infoOf(step) }, message);
      if (!(e instanceof ReportedError)) events.diagnostic({ urn: step.urn, severity: "error", message });
      this.failed = true;
      throw new ReportedError(message);
    }
    mutation?.end(true);
    const finished = infoOf(step);
    if (step instanceof RefreshStep) finished.op = step.result;
    events.stepFinished(finished);
    if (shown) count(this.context, finished.op);
    return step.new;
  }

  /** Runs deletes in dependency order, each antichain in parallel; false when one failed. */
  async executeDeletes(steps: Step[]): Promise<boolean> {
    for (const chain of scheduleDeletes(steps)) {
      const results = await Promise.allSettled(chain.map((s) => this.semaphore.run(() => this.execute(s))));
      if (results.some((r) => r.status === "rejected")) return false;
    }
    return true;
  }

  /** Runs steps in parallel (refreshes); false when one failed. */
  async executeParallel(steps: Step[]): Promise<boolean> {
    const results = await Promise.allSettled(steps.map((s) => this.semaphore.run(() => this.execute(s))));
    return results.every((r) => r.status === "fulfilled");
  }
}
