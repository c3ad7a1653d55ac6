import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { TimeoutError, type SessionPool } from "../../provider/powershell";
import { PoolTracker, isAlive, scratchDirectory, waitFor } from "./support";

describe("PowerShell session pool, a call's time limit covers its time in the queue", function () {
  const pools = new PoolTracker();
  const scratch = scratchDirectory();
  afterEach(() => pools.closeAll());
  after(() => scratch.dispose());

  /** Starts a `sleep` call and resolves, once its script runs, with its pwsh pid and the call's promise. */
  async function sleeping(pool: SessionPool, milliseconds: number, timeoutMs?: number) {
    const pidFile = join(scratch.path, `${randomBytes(6).toString("hex")}.pid`);
    const call = pool.invoke<number>("sleep", { pidFile, milliseconds }, { timeoutMs });
    call.catch(() => undefined);
    await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, "utf8").length > 0, "the sleep script");
    return { pid: Number(readFileSync(pidFile, "utf8")), call };
  }

  it("times out calls queued behind busy sessions without running them, and keeps the busy sessions", async () => {
    // growAfterMs 0: both sessions start at once, so both sleep for the whole test.
    const pool = pools.create({ size: 2, growAfterMs: 0 });
    const busy = await Promise.all([sleeping(pool, 8000), sleeping(pool, 8000)]);
    const queued = Array.from({ length: 6 }, (_, i) => pool.invoke("echo", { i }, { timeoutMs: 1500 }));
    const outcomes = await Promise.allSettled(queued);
    for (const outcome of outcomes) {
      assert.equal(outcome.status, "rejected", "a queued call outlived its time limit and succeeded");
      const error = (outcome as PromiseRejectedResult).reason as unknown;
      assert.ok(error instanceof TimeoutError, String(error));
      assert.equal(error.operation, "echo");
      assert.equal(error.timeoutMs, 1500);
      assert.match(error.message, /did not get a PowerShell session within 1500 ms/);
    }
    assert.equal(pool.stats.waiting, 0, "timed-out callers left the queue");
    assert.ok(
      busy.every(({ pid }) => isAlive(pid)),
      "the sessions running calls were not touched",
    );
    assert.deepEqual(
      await Promise.all(busy.map(({ call }) => call)),
      busy.map(({ pid }) => pid),
    );
    assert.deepEqual(await pool.invoke("echo", "after"), "after");
    assert.equal(pool.stats.busy + pool.stats.idle, 2, "both sessions went back to the pool");
  });

  it("gives a call that waited for a session only what is left of its limit", async () => {
    const pool = pools.create({ size: 1 });
    const first = await sleeping(pool, 2500);
    const pidFile = join(scratch.path, "second.pid");
    const second = pool.invoke("sleep", { pidFile, milliseconds: 2000 }, { timeoutMs: 3000 });
    await assert.rejects(second, (error: unknown) => {
      assert.ok(error instanceof TimeoutError, String(error));
      assert.equal(error.timeoutMs, 3000);
      return true;
    });
    assert.equal(await first.call, first.pid);
  });
});
