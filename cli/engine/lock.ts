/**
 * One update at a time per stack: a lock file beside the checkpoint, created exclusively. A lock
 * left by a process that no longer runs (killed) is taken over; a live one makes the command refuse.
 */
import { hostname } from "node:os";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { UsageError } from "../errors";

interface LockInfo {
  pid: number;
  hostname: string;
  time: string;
  command: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock or throws a UsageError naming the holder; returns the release function. */
export function acquireLock(file: string, command: string): { release(): void; tookOverFrom?: LockInfo } {
  mkdirSync(dirname(file), { recursive: true });
  const info: LockInfo = { pid: process.pid, hostname: hostname(), time: new Date().toISOString(), command };
  let tookOverFrom: LockInfo | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(info), { flag: "wx" });
      return { release: () => rmSync(file, { force: true }), tookOverFrom };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      let holder: LockInfo | undefined;
      try {
        holder = JSON.parse(readFileSync(file, "utf8")) as LockInfo;
      } catch {
        holder = undefined;
      }
      if (holder && holder.hostname === info.hostname && !alive(holder.pid)) {
        tookOverFrom = holder;
        rmSync(file, { force: true });
        continue;
      }
      throw new UsageError(
        `the stack is locked: another ${holder?.command ?? "update"} is running (pid ${holder?.pid ?? "?"} on ` +
          `${holder?.hostname ?? "?"}, since ${holder?.time ?? "?"}). Wait for it to finish; if no update is ` +
          `running, delete ${file}`,
      );
    }
  }
  throw new UsageError(`could not take the stack lock ${file}`);
}
