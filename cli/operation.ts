/**
 * Runs one deployment command end to end: project and stack files, lock, checkpoint, plugin hosts,
 * the passes (refresh, preview, update, destroy), output, exit code. Every host it starts is stopped
 * before it returns, also on errors and signals; Ctrl-C lets the steps in flight finish and saves
 * the checkpoint.
 */
import { relative } from "node:path";
import { createInterface } from "node:readline/promises";
import { CheckpointPersister, readStackState } from "./engine/backend/checkpoint-store";
import { SnapshotManager } from "./engine/backend/snapshot-manager";
import { checkpointPath, type SecretsAccess } from "./engine/checkpoint";
import type { OperationContext } from "./engine/context";
import { Deployment, destroy, refresh } from "./engine/deploy/deployment";
import { UrnTargets } from "./engine/deploy/targets";
import { EvalSource } from "./engine/deploy/source-eval";
import type { ChangeSummary, DeploymentEvents, Diagnostic } from "./engine/events";
import { acquireLock } from "./engine/lock";
import { resolvePendingCreates } from "./engine/pending-creates";
import { Plugins } from "./engine/plugins";
import type { Snapshot } from "./engine/state";
import { CancelledError, EXIT, NoChangesExpectedError, UsageError } from "./errors";
import { recordedConfig, startUpdate } from "./history";
import { hasChanges, stackOutputs } from "./operation-outcome";
import type { DeploymentFlags } from "./commands/deployment-flags";
import { ProgressDisplay } from "./output/progress";
import { PreviewDigest, type PreviewDocument } from "./output/preview-json";
import { loadProject, loadStackConfig, type StackConfig } from "./project";
import { resolveStack } from "./stacks";

export type OperationKind = "preview" | "up" | "refresh" | "destroy";

/** Timings of the last run, for the benchmark (milliseconds). */
export interface OperationTimings {
  /** First pass: from its start to the program's first registration. */
  programStartMs?: number;
  /** Last pass: the same. */
  lastProgramStartMs?: number;
  /** From the command's start until every policy pack was configured. */
  policyPackStartMs?: number;
  /** Duration of the last program pass. */
  passMs?: number;
  totalMs: number;
}

/** The organization programs see (`pulumi.getOrganization()`), as the CLI's local backend names it. */
const ORGANIZATION = "organization";

/** The stack a command works on (see `stacks.ts`). */
export const selectStack = resolveStack;

function secretsOf(config: StackConfig): SecretsAccess {
  return { crypter: () => config.crypter(), salt: () => config.encryptionSalt() };
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = (await rl.question(`${question} [yes/no] `)).trim().toLowerCase();
    return answer === "yes" || answer === "y";
  } finally {
    rl.close();
  }
}

/** The CLI's warning about operations a killed deployment left in flight. */
export function pendingOperationsWarning(base: Snapshot): string {
  const list = base.pendingOperations
    .map((p) => `  * ${p.resource.urn}, interrupted while ${p.type}`)
    .join("\n");
  const creates = base.pendingOperations.some((p) => p.type === "creating");
  return (
    `Attempting to deploy or update resources with ${base.pendingOperations.length} pending operations from previous deployment.\n${list}\n` +
    "These resources are in an unknown state because pulumi-hyperv was interrupted while waiting for changes to " +
    "these resources to complete. You should confirm whether or not the operations listed completed successfully " +
    "by checking the state of the resources on their Hyper-V host (Get-VM, Get-VHD, Get-VMSwitch).\n\n" +
    "Once you have confirmed the status of the interrupted operations, you can repair your stack using " +
    "`pulumi-hyperv refresh` (or `pulumi refresh`) which will refresh the state from the provider you are using " +
    "and clear the pending operations if there are any." +
    (creates
      ? "\n\nA pending create stays until `pulumi-hyperv refresh` resolves it: `--import-pending-creates URN,ID` " +
        "adopts the object that was made, `--clear-pending-creates` drops it (the create failed)."
      : "")
  );
}

/** Runs a deployment command; resolves with its exit code. */
export async function runOperation(
  kind: OperationKind,
  flags: DeploymentFlags,
  timings?: OperationTimings,
): Promise<number> {
  const started = Date.now();
  const project = loadProject(flags.cwd);
  const stack = selectStack(project, flags.stack);
  const config = loadStackConfig(project, stack, flags.config, flags);
  const secrets = secretsOf(config);
  const file = checkpointPath(project.dir, stack);
  const interactive = process.stdout.isTTY === true && !flags.json;
  const display = new ProgressDisplay(process.stdout, interactive, flags.diff, flags.showSecrets);
  const digest = flags.json ? new PreviewDigest() : undefined;
  const events: DeploymentEvents = digest ?? display;
  const applies = kind !== "preview";
  if (applies && !flags.yes && !process.stdin.isTTY) {
    throw new UsageError("--yes must be passed in to proceed when running in non-interactive mode");
  }
  const lock =
    kind === "preview"
      ? undefined
      : acquireLock(file.replace(/\.json$/, ".lock"), kind, (line) => process.stderr.write(`${line}\n`));
  const update = applies
    ? startUpdate(project.dir, stack, {
        kind: kind === "up" ? "update" : kind,
        message: flags.message,
        config: recordedConfig(config.values, config.secretKeys),
      })
    : undefined;
  let lastSummary: ChangeSummary = {};
  let succeeded = false;
  const plugins = new Plugins(project.dir, config, (text) =>
    events.diagnostic({ severity: "infoerr", message: text.trimEnd() }),
  );
  let current: Deployment | undefined;
  let cancelled = false;
  const onSignal = () => {
    if (cancelled) {
      void plugins.stop().finally(() => process.exit(130));
      return;
    }
    cancelled = true;
    process.stderr.write(
      "\nreceived an interrupt: finishing the steps in flight, then saving the checkpoint\n",
    );
    current?.cancel();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const contextFor = (dryRun: boolean, summary: ChangeSummary): OperationContext => ({
    project,
    stack,
    organization: ORGANIZATION,
    config,
    plugins,
    events,
    dryRun,
    parallel: flags.parallel,
    summary,
    targeting: {
      targets: new UrnTargets(flags.targets),
      targetDependents: flags.targetDependents,
      excludes: new UrnTargets(flags.excludes),
      excludeDependents: flags.excludeDependents,
      replaceTargets: new UrnTargets(flags.replaces),
    },
    continueOnError: flags.continueOnError,
  });
  let lastDocument: PreviewDocument | undefined;
  const finish = (summary: ChangeSummary, passStarted: number) => {
    lastSummary = summary;
    if (digest)
      lastDocument = digest.document(config.values, config.secretKeys, summary, Date.now() - passStarted);
    else display.end(summary, Date.now() - passStarted);
  };
  // Warnings found before the first pass (interrupted operations) are reported with every pass.
  const carried: Diagnostic[] = [];
  const begin = (title: string, preview: boolean) => {
    digest?.reset();
    if (!digest) display.begin(`${title} (${stack}):`, preview);
    carried.forEach((d) => events.diagnostic(d));
  };

  try {
    let base: Snapshot = readStackState(file, secrets);
    if (kind === "refresh") {
      const resolved = resolvePendingCreates(base, flags.pendingCreates);
      base = resolved.snapshot;
      for (const urn of resolved.unused)
        carried.push({ severity: "warning", message: `"${urn}" did not correspond to a pending create` });
    }
    if (base.pendingOperations.length > 0) {
      carried.push({ severity: "warning", message: pendingOperationsWarning(base) });
      // Only pending creates outlive the warning: the object may exist, and only a refresh can tell.
      base = { ...base, pendingOperations: base.pendingOperations.filter((p) => p.type === "creating") };
    }
    if (kind !== "refresh" && kind !== "destroy") {
      plugins.start(flags.policyPacks, {
        project: project.name,
        stack,
        organization: ORGANIZATION,
        dryRun: kind === "preview",
        config: config.values,
        secretKeys: config.secretKeys,
      });
      void plugins
        .policyPacks()
        .then((packs) =>
          packs.forEach((p) =>
            events.policyPackLoaded({
              name: p.name,
              version: p.version,
              path: relative(project.dir, p.path) || ".",
            }),
          ),
        )
        .catch(() => undefined);
    }

    /**
     * Runs one pass over the current base: a preview on a copy (steps mark old states), an update
     * with a snapshot manager whose journal and checkpoint record every step; the final
     * checkpoint is written whatever the outcome.
     */
    const pass = async (
      title: [string, string],
      preview: boolean,
      work: (context: OperationContext, base: Snapshot, snapshots?: SnapshotManager) => Promise<boolean>,
    ): Promise<boolean> => {
      const summary: ChangeSummary = {};
      const passStarted = Date.now();
      begin(preview ? title[0] : title[1], preview);
      let ok: boolean;
      if (preview) ok = await work(contextFor(true, summary), structuredClone(base));
      else {
        const persister = new CheckpointPersister(file, secrets, base);
        const snapshots = new SnapshotManager(base, persister);
        try {
          ok = await work(contextFor(false, summary), base, snapshots);
        } finally {
          const final = snapshots.snap();
          try {
            persister.close(final);
          } catch (e) {
            persister.release();
            events.diagnostic({ severity: "error", message: (e as Error).message });
            ok = false;
          }
          base = final;
          if (title[1] === "Updating" && !flags.suppressOutputs) display.outputs = stackOutputs(final);
        }
      }
      finish(summary, passStarted);
      return ok;
    };

    const refreshPass = (preview: boolean) =>
      pass(["Previewing refresh", "Refreshing"], preview, (context, b, snapshots) =>
        refresh(context, b, snapshots),
      );

    const programPass = (preview: boolean) =>
      pass(["Previewing update", "Updating"], preview, async (context, b, snapshots) => {
        const passStarted = Date.now();
        const deployment = new Deployment(context, b, new EvalSource(context, project), snapshots);
        current = deployment;
        if (cancelled) deployment.cancel();
        plugins.policyPacks().catch(() => deployment.abort());
        const ok = await deployment.run();
        // A pack that failed to start or to take its config fails the command with its own error.
        await plugins.policyPacks();
        if (timings) {
          timings.programStartMs ??= deployment.programStartMs;
          timings.policyPackStartMs = plugins.policyPackStartMs;
          timings.passMs = Date.now() - passStarted;
          timings.lastProgramStartMs = deployment.programStartMs;
        }
        current = undefined;
        return ok && !cancelled;
      });

    const destroyPass = (preview: boolean) =>
      pass(["Previewing destroy", "Destroying"], preview, (context, b, snapshots) =>
        destroy(context, b, snapshots, { excludeProtected: flags.excludeProtected }),
      );

    const approve = async (what: string): Promise<boolean> => {
      if (flags.yes || (await confirm(`Do you want to perform this ${what}?`))) return true;
      process.stdout.write(`confirmation declined, not proceeding with the ${what}\n`);
      return false;
    };

    let ok = true;
    switch (kind) {
      case "preview": {
        if (flags.refresh && !(await refreshPass(true))) return 1;
        ok = await programPass(true);
        break;
      }
      case "up": {
        if (flags.refresh && !(await refreshPass(false))) return 1;
        if (!flags.skipPreview) {
          if (!(await programPass(true))) return 1;
          if (!(await approve("update"))) return 1;
        }
        ok = await programPass(false);
        break;
      }
      case "refresh": {
        if (!flags.skipPreview) {
          if (!(await refreshPass(true))) return 1;
          if (!(await approve("refresh"))) return 1;
        }
        ok = await refreshPass(false);
        break;
      }
      case "destroy": {
        if (!flags.skipPreview) {
          if (!(await destroyPass(true))) return 1;
          if (!(await approve("destroy"))) return 1;
        }
        ok = await destroyPass(false);
        break;
      }
    }
    if (cancelled) throw new CancelledError(kind === "up" ? "update" : kind);
    if (ok && flags.expectNoChanges && hasChanges(lastSummary))
      throw new NoChangesExpectedError(kind === "up" ? "update" : kind);
    succeeded = ok;
    return ok ? EXIT.success : EXIT.error;
  } finally {
    update?.finish(succeeded, lastSummary);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await plugins.stop();
    lock?.release();
    if (timings) timings.totalMs = Date.now() - started;
    if (digest && lastDocument) process.stdout.write(JSON.stringify(lastDocument, null, 4) + "\n");
  }
}
