/**
 * One update at a time per stack: a lock file beside the checkpoint, created exclusively. A lock
 * left by a process that no longer runs (killed) is taken over; a live one makes the command refuse.
 *
 * A takeover is an atomic compare-and-replace: the processes that found the same stale lock claim
 * its takeover by creating `<lock>.takeover-<digest of its content>` exclusively; the one that gets
 * the claim reads the lock again and, only while it is still that stale content, renames its own
 * lock file (written under a unique name) over it. So of any number of processes starting from one
 * stale lock, exactly one holds it, and that one says it took the lock over.
 */
import { createHash, randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { UsageError } from "../errors";
import { ensurePrivateDirectory, PRIVATE_FILE_MODE } from "./private-file";

/** What a lock file holds: who holds the stack. */
export interface LockInfo {
  pid: number;
  hostname: string;
  time: string;
  command: string;
}

/** How long a process waits for another one that is taking a stale lock over, and how often it looks. */
const TAKEOVER_WAIT_MS = 60_000;
const PAUSE_MS = 10;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

function parseHolder(text: string): LockInfo | undefined {
  try {
    const holder = JSON.parse(text) as Partial<LockInfo>;
    return typeof holder.pid === "number" && typeof holder.hostname === "string"
      ? (holder as LockInfo)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Creates `file` with `text` unless it exists; true when this call created it. */
function createExclusive(file: string, text: string): boolean {
  try {
    writeFileSync(file, text, { flag: "wx", mode: PRIVATE_FILE_MODE });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
}

/**
 * Replaces the lock `file` with `text` if it still holds `stale`, under the takeover claim of that
 * content. "replaced": this process holds the lock now; "busy": another process holds the claim;
 * "changed": the lock is no longer that stale one (taken over or released), so nothing was touched.
 */
function replaceStale(file: string, stale: string, text: string): "replaced" | "busy" | "changed" {
  const claim = takeoverClaim(file, stale);
  if (!createExclusive(claim, String(process.pid))) return "busy";
  const temp = `${file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  try {
    // Under the claim no other process replaces `stale` (creating the lock fails while it exists, and
    // its holder is dead), so what is read here is what the rename below replaces. The rename leaves
    // no moment without a lock file, in which a process arriving late would create one of its own.
    if (readText(file) !== stale) return "changed";
    writeFileSync(temp, text, { flag: "wx", mode: PRIVATE_FILE_MODE });
    renameSync(temp, file);
    return "replaced";
  } finally {
    rmSync(temp, { force: true });
    rmSync(claim, { force: true });
  }
}

/** The file whose exclusive creation claims the takeover of the lock content `stale`. */
function takeoverClaim(file: string, stale: string): string {
  return `${file}.takeover-${createHash("sha256").update(stale).digest("hex").slice(0, 16)}`;
}

function lockedError(file: string, holder: LockInfo | undefined): UsageError {
  return new UsageError(
    `the stack is locked: another ${holder?.command ?? "update"} is running (pid ${holder?.pid ?? "?"} on ` +
      `${holder?.hostname ?? "?"}, since ${holder?.time ?? "?"}). Wait for it to finish; if no update is ` +
      `running, delete ${file}`,
  );
}

/** The line a process that took over a stale lock prints. */
export function takeoverMessage(holder: LockInfo): string {
  return (
    `took over the stack lock from process ${holder.pid} (${holder.command} on ${holder.hostname}, since ` +
    `${holder.time}), which no longer runs`
  );
}

/**
 * Takes the lock or throws a UsageError naming the holder; returns the release function. A stale
 * lock taken over is reported through `onTakeover` (and returned as `tookOverFrom`).
 */
export function acquireLock(
  file: string,
  command: string,
  onTakeover?: (message: string) => void,
): { release(): void; tookOverFrom?: LockInfo } {
  ensurePrivateDirectory(dirname(file));
  const info: LockInfo = { pid: process.pid, hostname: hostname(), time: new Date().toISOString(), command };
  const text = JSON.stringify(info);
  const release = () => rmSync(file, { force: true });
  let claim: string | undefined;
  for (const deadline = Date.now() + TAKEOVER_WAIT_MS; Date.now() < deadline;) {
    if (createExclusive(file, text)) return { release };
    const held = readText(file);
    if (held === undefined) continue; // released in between
    const holder = parseHolder(held);
    if (!holder || holder.hostname !== info.hostname || alive(holder.pid)) throw lockedError(file, holder);
    const outcome = replaceStale(file, held, text);
    if (outcome === "replaced") {
      onTakeover?.(takeoverMessage(holder));
      return { release, tookOverFrom: holder };
    }
    if (outcome === "busy") {
      // Another process is taking it over: look at the lock again once it is done, unless that
      // process was killed in the middle and left its claim behind.
      claim = takeoverClaim(file, held);
      const taker = Number(readText(claim) || Number.NaN);
      if (Number.isInteger(taker) && !alive(taker)) break;
      pause(PAUSE_MS);
    }
  }
  throw new UsageError(
    `could not take over the stale stack lock ${file}: the takeover was claimed by a process that did not ` +
      `finish. If no update is running, delete ${file}${claim === undefined ? "" : ` and ${claim}`}`,
  );
}
