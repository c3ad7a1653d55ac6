import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { acquireLock, takeoverMessage, type LockInfo } from "../../../cli/engine/lock";
import { UsageError } from "../../../cli/errors";

const CONTENDER = join(__dirname, "fixtures", "lock-contender.ts");

/** The pid of a process that ran and is gone. */
function deadPid(): number {
  const gone = spawnSync(process.execPath, ["-e", ""]);
  return gone.pid!;
}

function staleLock(file: string, pid: number): LockInfo {
  const holder = { pid, hostname: hostname(), time: "2026-01-02T03:04:05.000Z", command: "up" };
  writeFileSync(file, JSON.stringify(holder));
  return holder;
}

/** The JSON lines a child prints, in order: each call to the result gives the next one. */
function lines(child: ChildProcess): () => Promise<Record<string, unknown>> {
  const queued: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  // Read from the start: a line printed before anyone asks is queued, not lost.
  createInterface({ input: child.stdout! }).on("line", (line) => {
    const resolve = waiting.shift();
    if (resolve) resolve(line);
    else queued.push(line);
  });
  return async () => {
    const line = queued.shift() ?? (await new Promise<string>((resolve) => waiting.push(resolve)));
    return JSON.parse(line) as Record<string, unknown>;
  };
}

describe("cli: the stack lock", function () {
  this.timeout(120_000);
  let dir: string;
  let children: ChildProcess[] = [];
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "stack-lock-"))));
  afterEach(() => {
    for (const child of children) child.kill();
    children = [];
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses while a live process holds it, naming the holder and the file to delete", () => {
    const file = join(dir, "dev.lock");
    const held = acquireLock(file, "up");
    try {
      assert.throws(
        () => acquireLock(file, "destroy"),
        (e: Error) =>
          e instanceof UsageError &&
          e.message.includes(`another up is running (pid ${process.pid} on ${hostname()}`) &&
          e.message.endsWith(`delete ${file}`),
      );
    } finally {
      held.release();
    }
    acquireLock(file, "destroy").release();
    assert.deepEqual(readdirSync(dir), []);
  });

  it("takes over a lock whose process no longer runs, says so, and leaves no file of the takeover", () => {
    const file = join(dir, "dev.lock");
    const holder = staleLock(file, deadPid());
    const said: string[] = [];
    const lock = acquireLock(file, "destroy", (m) => said.push(m));
    assert.deepEqual(said, [
      `took over the stack lock from process ${holder.pid} (up on ${holder.hostname}, since ${holder.time}), which no longer runs`,
    ]);
    assert.deepEqual(lock.tookOverFrom, holder);
    assert.equal(said[0], takeoverMessage(holder));
    assert.equal(JSON.parse(readFileSync(file, "utf8")).pid, process.pid);
    if (process.platform !== "win32") assert.equal((statSync(file).mode & 0o777).toString(8), "600");
    assert.deepEqual(readdirSync(dir), ["dev.lock"]);
    lock.release();
    assert.equal(existsSync(file), false);
  });

  it("names the lock and the claim a takeover killed midway left behind, instead of waiting for it", () => {
    const file = join(dir, "dev.lock");
    staleLock(file, deadPid());
    const stale = readFileSync(file, "utf8");
    const claim = `${file}.takeover-${createHash("sha256").update(stale).digest("hex").slice(0, 16)}`;
    writeFileSync(claim, String(deadPid()));
    assert.throws(
      () => acquireLock(file, "up"),
      (e: Error) => e instanceof UsageError && e.message.endsWith(`delete ${file} and ${claim}`),
    );
    assert.equal(readFileSync(file, "utf8"), stale, "the stale lock is left as it was");
  });

  it("refuses a lock it cannot read rather than taking it over", () => {
    const file = join(dir, "dev.lock");
    writeFileSync(file, "not json");
    assert.throws(() => acquireLock(file, "up"), /the stack is locked: another update is running \(pid \?/);
    assert.equal(readFileSync(file, "utf8"), "not json");
  });

  it("of 8 processes released at once against one stale lock, exactly one takes it over, every round", async () => {
    const file = join(dir, "dev.lock");
    const signals = join(dir, "signals");
    const rounds = 3;
    const count = 8;
    mkdirSync(signals);
    children = Array.from({ length: count }, () =>
      spawn(process.execPath, ["--require", "tsx/cjs", CONTENDER, file, signals, String(rounds)], {
        stdio: ["ignore", "pipe", "inherit"],
      }),
    );
    const outputs = children.map(lines);
    const next = (i: number) => outputs[i]();
    for (let i = 0; i < count; i++) assert.equal((await next(i)).ready, true);
    for (let round = 0; round < rounds; round++) {
      const holder = staleLock(file, deadPid());
      // The barrier: every contender is polling for this file.
      writeFileSync(join(signals, `start-${round}`), "");
      const results = await Promise.all(children.map((_, i) => next(i)));
      const winners = results.filter((r) => r.won);
      assert.equal(winners.length, 1, `round ${round}: ${JSON.stringify(results)}`);
      assert.deepEqual(winners[0].messages, [takeoverMessage(holder)]);
      for (const loser of results.filter((r) => !r.won)) {
        assert.match(
          String(loser.error),
          new RegExp(`^the stack is locked: another up is running \\(pid ${winners[0].pid} `),
          "the others name the winner, not the dead holder",
        );
      }
      assert.equal(JSON.parse(readFileSync(file, "utf8")).pid, winners[0].pid);
      writeFileSync(join(signals, `end-${round}`), "");
      const winner = children.findIndex((c) => c.pid === winners[0].pid);
      assert.equal((await next(winner)).released, true);
      assert.deepEqual(readdirSync(dir).sort(), ["signals"], "no lock, claim or renamed stale file left");
    }
  });
});
