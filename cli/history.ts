/**
 * What each update of a stack did, as the Pulumi CLI's local backend records it in
 * `.pulumi/history/<project>/<stack>/<stack>-<time>.history.json` (`backend.UpdateInfo`): here one file
 * per `up`, `refresh` or `destroy` in `.pulumi-hyperv/history/<stack>/`. Config values are recorded,
 * secure ones only as such (never their value). `stack history` reads them back, newest first.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ChangeSummary } from "./engine/events";

/** The kinds of update the CLI records (`apitype.UpdateKind`). */
export type UpdateKind = "update" | "refresh" | "destroy";

/** One config value as recorded (`configValueJSON` of `stack history --json`). */
export interface RecordedConfigValue {
  value?: string;
  secret: boolean;
}

/** One update (`backend.UpdateInfo`): times are Unix seconds, as the CLI records them. */
export interface UpdateRecord {
  version: number;
  kind: UpdateKind;
  startTime: number;
  message: string;
  environment: Record<string, string>;
  config: Record<string, RecordedConfigValue>;
  result: "succeeded" | "failed" | "in-progress";
  endTime?: number;
  resourceChanges?: Record<string, number>;
}

export function historyDir(projectDir: string, stack: string): string {
  return join(projectDir, ".pulumi-hyperv", "history", stack);
}

/** The stack's updates, newest first. */
export function readHistory(projectDir: string, stack: string): UpdateRecord[] {
  const dir = historyDir(projectDir, stack);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".history.json"))
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as UpdateRecord)
    .sort((a, b) => b.version - a.version);
}

/** Forgets a stack's history (`stack rm`). */
export function removeHistory(projectDir: string, stack: string): void {
  rmSync(historyDir(projectDir, stack), { recursive: true, force: true });
}

/** The config as recorded: plaintext values, secure keys without their value. */
export function recordedConfig(
  values: Record<string, string>,
  secretKeys: string[],
): Record<string, RecordedConfigValue> {
  return Object.fromEntries(
    Object.keys(values)
      .sort()
      .map((k) => [k, secretKeys.includes(k) ? { secret: true } : { value: values[k], secret: false }]),
  );
}

/** Starts recording an update: writes it as in progress; `finish` writes its result and changes. */
export function startUpdate(
  projectDir: string,
  stack: string,
  update: { kind: UpdateKind; message?: string; config: Record<string, RecordedConfigValue> },
): { finish(ok: boolean, summary: ChangeSummary): void } {
  const dir = historyDir(projectDir, stack);
  mkdirSync(dir, { recursive: true });
  const version = (readHistory(projectDir, stack)[0]?.version ?? 0) + 1;
  const file = join(dir, `${stack}-${String(version).padStart(6, "0")}.history.json`);
  const record: UpdateRecord = {
    version,
    kind: update.kind,
    startTime: Math.floor(Date.now() / 1000),
    message: update.message ?? "",
    environment: { "exec.kind": "cli", "exec.command": "pulumi-hyperv" },
    config: update.config,
    result: "in-progress",
  };
  const write = () => writeFileSync(file, `${JSON.stringify(record, null, 4)}\n`);
  write();
  return {
    finish(ok, summary) {
      record.result = ok ? "succeeded" : "failed";
      record.endTime = Math.floor(Date.now() / 1000);
      record.resourceChanges = Object.fromEntries(
        Object.entries(summary).filter((entry): entry is [string, number] => (entry[1] ?? 0) > 0),
      );
      write();
    },
  };
}
