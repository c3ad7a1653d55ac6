/**
 * Runs one deployment command end to end: project and stack files, lock, checkpoint, plugin hosts,
 * the passes (refresh, preview, update, destroy), output, exit code. Every host it starts is stopped
 * before it returns, also on errors and signals; Ctrl-C lets the steps in flight finish and saves
 * the checkpoint.
 */
import { relative } from "node:path";
import { createInterface } from "node:readline/promises";
import { checkpointPath, readCheckpoint, writeCheckpoint, type SecretsAccess } from "./engine/checkpoint";
import type { OperationContext } from "./engine/context";
import { deleteAll } from "./engine/deletes";
import { ProgramDeployment } from "./engine/deployment";
import type { ChangeSummary, DeploymentEvents, Diagnostic } from "./engine/events";
import { Journal } from "./engine/journal";
import { acquireLock } from "./engine/lock";
import { Plugins } from "./engine/plugins";
import { refreshSnapshot } from "./engine/refresh";
import { Semaphore } from "./engine/semaphore";
import type { Snapshot } from "./engine/state";
import { containsUnknown, deepEqual } from "./engine/properties";
import { ROOT_STACK_TYPE } from "./engine/urn";
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

/**
 * True when a preview found nothing to do: only `same` steps, and the stack resource's outputs equal
 * to the recorded ones (so an update would write the same checkpoint).
 */
export function nothingChanged(summary: ChangeSummary, before: Snapshot, after: Snapshot): boolean {
  if (Object.entries(summary).some(([op, n]) => op !== "same" && (n ?? 0) > 0)) return false;
  const outputsOf = (s: Snapshot) => s.resources.find((r) => r.type === ROOT_STACK_TYPE)?.outputs;
  const planned = outputsOf(after);
  const recorded = outputsOf(before);
  return (
    planned !== undefined &&
    recorded !== undefined &&
    !containsUnknown(planned) &&
    deepEqual(planned, recorded)
  );
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
  const lock = kind === "preview" ? undefined : acquireLock(file.replace(/\.json$/, ".lock"), kind);
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
  let current: ProgramDeployment | undefined;
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

  const contextFor = (journal: Journal, dryRun: boolean, summary: ChangeSummary): OperationContext => ({
    project,
    stack,
    organization: ORGANIZATION,
    config,
    plugins,
    events,
    journal,
    semaphore: new Semaphore(flags.parallel),
    dryRun,
    summary,
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
    let base: Snapshot = readCheckpoint(file, secrets);
    if (base.pendingOperations.length > 0) {
      const list = base.pendingOperations
        .map((p) => `  * ${p.resource.urn}, interrupted while ${p.type}`)
        .join("\n");
      carried.push({
        severity: "warning",
        message:
          `the previous deployment was interrupted with ${base.pendingOperations.length} operation(s) in flight:\n${list}\n` +
          "These resources are in an unknown state: check them on the host, then run `pulumi-hyperv refresh`. " +
          "Operations that never completed are removed from the checkpoint.",
      });
      base = { ...base, pendingOperations: [] };
      if (applies) writeCheckpoint(file, base, secrets);
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

    const refreshPass = async (preview: boolean): Promise<Snapshot | undefined> => {
      const summary: ChangeSummary = {};
      const passStarted = Date.now();
      begin(preview ? "Previewing refresh" : "Refreshing", preview);
      const journal = new Journal(base, undefined, secrets);
      const refreshed = await refreshSnapshot(contextFor(journal, preview, summary), base);
      if (refreshed && !preview) writeCheckpoint(file, refreshed, secrets);
      finish(summary, passStarted);
      return refreshed;
    };

    /** Whether the last preview found nothing to do: every step `same`, stack outputs as recorded. */
    let previewUnchanged = false;
    const programPass = async (preview: boolean): Promise<boolean> => {
      const summary: ChangeSummary = {};
      const passStarted = Date.now();
      begin(preview ? "Previewing update" : "Updating", preview);
      const journal = new Journal(structuredClone(base), preview ? undefined : file, secrets);
      const deployment = new ProgramDeployment(contextFor(journal, preview, summary));
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
      if (!preview && !flags.suppressOutputs) display.outputs = stackOutputs(journal.snapshot());
      previewUnchanged = preview && ok && nothingChanged(summary, base, journal.snapshot());
      finish(summary, passStarted);
      return ok && !cancelled;
    };

    const destroyPass = async (preview: boolean): Promise<boolean> => {
      const summary: ChangeSummary = {};
      const passStarted = Date.now();
      begin(preview ? "Previewing destroy" : "Destroying", preview);
      const journal = new Journal(structuredClone(base), preview ? undefined : file, secrets);
      const ok = await deleteAll(
        contextFor(journal, preview, summary),
        [...journal.base.resources].reverse(),
      );
      finish(summary, passStarted);
      return ok;
    };

    const approve = async (what: string): Promise<boolean> => {
      if (flags.yes || (await confirm(`Do you want to perform this ${what}?`))) return true;
      process.stdout.write(`confirmation declined, not proceeding with the ${what}\n`);
      return false;
    };

    let ok = true;
    switch (kind) {
      case "preview": {
        if (flags.refresh) {
          const refreshed = await refreshPass(true);
          if (!refreshed) return 1;
          base = refreshed;
        }
        ok = await programPass(true);
        break;
      }
      case "up": {
        if (flags.refresh) {
          const refreshed = await refreshPass(false);
          if (!refreshed) return 1;
          base = refreshed;
        }
        if (!flags.skipPreview) {
          if (!(await programPass(true))) return 1;
          // Running the program again would only rewrite the same checkpoint.
          if (previewUnchanged) {
            if (!digest) process.stdout.write("No changes: the preview found nothing to update.\n");
            break;
          }
          if (!(await approve("update"))) return 1;
        }
        ok = await programPass(false);
        break;
      }
      case "refresh": {
        if (!flags.skipPreview && !flags.yes) {
          if (!(await refreshPass(true))) return 1;
          if (!(await approve("refresh"))) return 1;
        }
        ok = (await refreshPass(false)) !== undefined;
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
