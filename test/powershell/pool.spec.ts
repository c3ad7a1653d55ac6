import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  HyperVError,
  PowerShellNotInstalledError,
  ProtocolError,
  TimeoutError,
  type SessionPool,
} from "../../provider/powershell";
import { PoolTracker, isAlive, scratchDirectory, waitFor } from "./support";

interface Identity {
  payload: { caller: number; token: string };
  processId: number;
}

/** Starts a `sleep` call and resolves, once the script runs, with its pwsh pid and the call's promise. */
async function startSleeping(pool: SessionPool, directory: string, options: { timeoutMs?: number } = {}) {
  const pidFile = join(directory, `${randomBytes(6).toString("hex")}.pid`);
  const call = pool.invoke("sleep", { pidFile, milliseconds: 600_000 }, options);
  call.catch(() => undefined);
  await waitFor(
    () => existsSync(pidFile) && readFileSync(pidFile, "utf8").length > 0,
    "the sleep script to start",
  );
  return { pid: Number(readFileSync(pidFile, "utf8")), call };
}

describe("PowerShell session pool", function () {
  const pools = new PoolTracker();
  const scratch = scratchDirectory();
  afterEach(() => pools.closeAll());
  after(() => scratch.dispose());

  it("answers 200 concurrent calls on a pool of 2, each to its own caller", async () => {
    // growAfterMs 0: a session for every waiting call at once, so that both sessions take calls.
    const pool = pools.create({ size: 2, growAfterMs: 0 });
    const payloads = Array.from({ length: 200 }, (_, caller) => ({
      caller,
      token: randomBytes(8).toString("hex"),
    }));
    const answers = await Promise.all(
      payloads.map((payload) => pool.invoke<Identity>("session-identity", payload)),
    );
    answers.forEach((answer, index) => assert.deepEqual(answer.payload, payloads[index]));
    const pids = new Set(answers.map((answer) => answer.processId));
    assert.equal(pids.size, 2, "the calls were spread over exactly the pool's 2 sessions");
    assert.deepEqual(pool.stats, { idle: 2, busy: 0, starting: 0, waiting: 0 });
    await pool.close();
    for (const pid of pids) assert.equal(isAlive(pid), false, `pwsh ${pid} still runs after close()`);
  });

  it("short calls share the sessions there are: 12 at once on a pool of 3 start one pwsh", async () => {
    const pool = pools.create({ size: 3 });
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, caller) =>
        pool.invoke<Identity>("session-identity", { caller, token: "t" }),
      ),
    );
    assert.deepEqual(
      answers.map((a) => a.payload.caller),
      Array.from({ length: 12 }, (_, i) => i),
    );
    assert.equal(new Set(answers.map((a) => a.processId)).size, 1, "served by the one session started");
    assert.deepEqual(pool.stats, { idle: 1, busy: 0, starting: 0, waiting: 0 });
  });

  it("grows when calls wait longer than growAfterMs: three long calls at once get three sessions", async () => {
    const pool = pools.create({ size: 3, growAfterMs: 100 });
    // Calls that never end on their own: only new sessions can serve the ones still waiting.
    const sleepers = await Promise.all(Array.from({ length: 3 }, () => startSleeping(pool, scratch.path)));
    assert.equal(new Set(sleepers.map((s) => s.pid)).size, 3);
    assert.deepEqual(pool.stats, { idle: 0, busy: 3, starting: 0, waiting: 0 });
  });

  it("kills a session whose call times out, replaces it, and leaves concurrent calls alone", async () => {
    const pool = pools.create({ size: 2, growAfterMs: 0 });
    // A call's limit covers its whole life, session start included: start both sessions first, so
    // the 1.5 s are spent running the script.
    await Promise.all([pool.invoke("echo", {}), pool.invoke("echo", {})]);
    const hung = await startSleeping(pool, scratch.path, { timeoutMs: 1500 });
    const others = Promise.all(Array.from({ length: 20 }, (_, i) => pool.invoke("echo", { i })));
    await assert.rejects(hung.call, (error: unknown) => {
      assert.ok(error instanceof TimeoutError);
      assert.equal(error.operation, "sleep");
      assert.equal(error.timeoutMs, 1500);
      assert.match(error.message, /did not finish within 1500 ms/);
      return true;
    });
    assert.deepEqual(
      await others,
      Array.from({ length: 20 }, (_, i) => ({ i })),
    );
    assert.equal(isAlive(hung.pid), false, "the timed-out pwsh was killed");
    const next = await Promise.all(
      [0, 1].map((caller) => pool.invoke<Identity>("session-identity", { caller, token: "t" })),
    );
    assert.ok(next.every((answer) => answer.processId !== hung.pid));
  });

  it("fails only the in-flight call when its pwsh is killed with SIGKILL; the next call succeeds", async () => {
    const pool = pools.create({ size: 1 });
    const victim = await startSleeping(pool, scratch.path);
    process.kill(victim.pid, "SIGKILL");
    await assert.rejects(victim.call, (error: unknown) => {
      assert.ok(error instanceof ProtocolError, String(error));
      assert.equal(error.operation, "sleep");
      assert.match(error.message, /killed by SIGKILL/);
      return true;
    });
    const answer = await pool.invoke<Identity>("session-identity", { caller: 1, token: "after" });
    assert.deepEqual(answer.payload, { caller: 1, token: "after" });
    assert.notEqual(answer.processId, victim.pid);
    const leftovers = readdirSync(tmpdir()).filter((name) =>
      new RegExp(`^(clr-debug-pipe|dotnet-diagnostic)-${victim.pid}-`).test(name),
    );
    assert.deepEqual(leftovers, [], "a killed session leaves no .NET diagnostic pipes behind");
  });

  it("ignores stray console output and returns warnings separately from data", async () => {
    const pool = pools.create({ size: 1 });
    const outcome = await pool.invokeWithDetails("noisy", { question: "42" });
    assert.deepEqual(outcome.data, { answer: "42" });
    assert.deepEqual(outcome.warnings, ["first warning", "second warning"]);
    const again = await pool.invokeWithDetails("noisy", { question: "43" });
    assert.equal(again.processId, outcome.processId, "the noisy session stays in use");
  });

  it("reports stderr output as a protocol error and discards the session", async () => {
    const pool = pools.create({ size: 1 });
    const before = await pool.invokeWithDetails("echo", 1);
    await assert.rejects(pool.invoke("stderr"), (error: unknown) => {
      assert.ok(error instanceof ProtocolError);
      assert.equal(error.stderr, "something went to stderr");
      assert.match(error.message, /wrote to stderr.*something went to stderr/);
      return true;
    });
    const after = await pool.invokeWithDetails("echo", 2);
    assert.equal(after.data, 2);
    assert.notEqual(after.processId, before.processId);
    await waitFor(() => !isAlive(before.processId), "the discarded session to exit");
  });

  it("with size 0 starts a fresh pwsh for every call and ends it afterwards", async () => {
    const pool = pools.create({ size: 0 });
    const first = await pool.invokeWithDetails("echo", "a");
    const second = await pool.invokeWithDetails("echo", "b");
    assert.deepEqual([first.data, second.data], ["a", "b"]);
    assert.notEqual(first.processId, second.processId);
    await waitFor(() => !isAlive(first.processId) && !isAlive(second.processId), "fresh sessions to exit");
  });

  it("ends sessions that stay idle", async () => {
    const pool = pools.create({ size: 1, idleTimeoutMs: 100 });
    const outcome = await pool.invokeWithDetails("echo", "x");
    await waitFor(() => !isAlive(outcome.processId), "the idle session to exit");
    assert.equal(pool.stats.idle, 0);
    assert.equal(await pool.invoke("echo", "again"), "again");
  });

  it("close() interrupts calls in flight and refuses new ones", async () => {
    const pool = pools.create({ size: 1 });
    const running = await startSleeping(pool, scratch.path);
    const queued = pool.invoke("echo", "queued");
    queued.catch(() => undefined);
    await pool.close();
    await assert.rejects(running.call, (error: unknown) => {
      assert.ok(error instanceof ProtocolError);
      assert.match(error.message, /session pool was closed/);
      return true;
    });
    await assert.rejects(
      queued,
      (error: unknown) => error instanceof HyperVError && /is closed/.test(error.message),
    );
    await assert.rejects(pool.invoke("echo", 1), /is closed/);
    assert.equal(isAlive(running.pid), false);
  });

  it("reports a missing pwsh clearly, for a path and for a bare command name", async () => {
    for (const pwshPath of [
      join(scratch.path, "no-such-pwsh"),
      `no-such-pwsh-${randomBytes(4).toString("hex")}`,
    ]) {
      const pool = pools.create({ size: 2, pwshPath });
      const failures = await Promise.allSettled([1, 2, 3].map((i) => pool.invoke("echo", i)));
      for (const failure of failures) {
        assert.equal(failure.status, "rejected");
        const error = (failure as PromiseRejectedResult).reason;
        assert.ok(error instanceof PowerShellNotInstalledError, String(error));
        assert.equal(error.pwshPath, pwshPath);
        assert.match(error.message, /HYPERV_PWSH/);
      }
    }
  });

  it("rejects unknown operations and bad options before starting PowerShell", async () => {
    const pool = pools.create({ size: 1 });
    await assert.rejects(pool.invoke("no-such-operation"), /no script 'no-such-operation\.ps1'/);
    await assert.rejects(pool.invoke("echo; Remove-Item x"), /not a valid operation name/);
    await assert.rejects(pool.invoke("echo", 1, { timeoutMs: -5 }), /options\.timeoutMs/);
    assert.deepEqual(pool.stats, { idle: 0, busy: 0, starting: 0, waiting: 0 });
    assert.throws(() => pools.create({ size: -1 }), /options\.size/);
  });
});

describe("PowerShell session pool, sessions that die while idle", function () {
  const pools = new PoolTracker();
  after(() => pools.closeAll());

  it("replaces a session killed while idle without failing the next call", async () => {
    const pool = pools.create({ size: 1 });
    const first = await pool.invokeWithDetails("echo", 1);
    process.kill(first.processId, "SIGKILL");
    await waitFor(() => !isAlive(first.processId), "the killed session to exit");
    await waitFor(() => pool.stats.idle === 0, "the pool to drop the dead session");
    const second = await pool.invokeWithDetails("echo", 2);
    assert.equal(second.data, 2);
    assert.notEqual(second.processId, first.processId);
  });
});
