import { strict as assert } from "node:assert";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { hasEnded, signalAll } from "../../provider/powershell/process-tree";
import { waitFor } from "./support";

interface Started {
  child: ChildProcess;
  sessions: number[];
  tree: number[];
  output: () => string;
}

/** Runs the fixture and resolves once its two calls hang in their sessions. */
async function startFixture(...args: string[]): Promise<Started> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(__dirname, "fixtures", "session-lifetime.ts"), ...args],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let output = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  await waitFor(
    () => /^\{.*\}$/m.test(output) || child.exitCode !== null,
    "the fixture's sessions to hang",
    50_000,
  );
  const line = /^(\{.*\})$/m.exec(output);
  assert.ok(line, `the fixture failed: ${output}`);
  const { sessions, tree } = JSON.parse(line[1]) as { sessions: number[]; tree: number[] };
  return { child, sessions, tree, output: () => output };
}

describe("PowerShell sessions never outlive Node.js (real processes)", function () {
  const leftovers: number[] = [];
  after(() => signalAll(leftovers, "SIGKILL"));

  function check(started: Started): void {
    leftovers.push(...started.tree);
    assert.equal(started.sessions.length, 2);
    for (const pid of started.sessions)
      assert.ok(started.tree.includes(pid), "the sessions run under the fixture");
    assert.ok(started.tree.length >= 2);
  }

  it("SIGTERM: the sessions' process trees are killed, then Node.js ends by the signal as by default", async () => {
    const started = await startFixture();
    check(started);
    started.child.kill("SIGTERM");
    const [code, signal] = (await once(started.child, "exit")) as [number | null, NodeJS.Signals | null];
    assert.deepEqual({ code, signal }, { code: null, signal: "SIGTERM" });
    await waitFor(() => started.tree.every(hasEnded), "every process under the fixture to end");
  });

  it("SIGTERM handled by the program too: the sessions are gone before its own handler runs", async () => {
    const started = await startFixture("own-handler");
    check(started);
    started.child.kill("SIGTERM");
    const [code] = (await once(started.child, "exit")) as [number | null];
    assert.equal(code, 0, "the program's own handler decided how Node.js ends");
    assert.match(started.output(), /^still running: \[\]$/m);
  });

  it("kill -9 of Node.js: each session notices its parent is gone and ends itself and its children", async () => {
    const started = await startFixture();
    check(started);
    started.child.kill("SIGKILL");
    await once(started.child, "exit");
    await waitFor(() => started.tree.every(hasEnded), "every process under the killed fixture to end");
  });
});
