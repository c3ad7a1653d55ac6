import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPool, type PoolOptions, type SessionPool } from "../../provider/powershell";

/** The test-only operation scripts (`test/powershell/operations/*.ps1`). */
export const TEST_OPERATIONS = join(__dirname, "operations");

/** True while a process with this id runs (a zombie waiting to be reaped counts as ended). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return process.platform !== "linux";
  }
}

/** Polls `condition` every 20 ms until it holds; fails after `limitMs`. */
export async function waitFor(condition: () => boolean, what: string, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A scratch directory removed by `dispose()`. */
export function scratchDirectory(): { path: string; dispose(): void } {
  const path = mkdtempSync(join(tmpdir(), "hyperv-ps-test-"));
  return { path, dispose: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * Creates pools that see the test operations and remembers them, so an `after`/`afterEach` hook can close
 * every pool a suite started (no pwsh outlives the tests).
 */
export class PoolTracker {
  private readonly pools: SessionPool[] = [];

  create(options: PoolOptions = {}): SessionPool {
    const pool = createPool({
      size: 2,
      ...options,
      scriptDirectories: [TEST_OPERATIONS, ...(options.scriptDirectories ?? [])],
    });
    this.pools.push(pool);
    return pool;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.pools.splice(0).map((pool) => pool.close()));
  }
}
