import { strict as assert } from "node:assert";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PowerShell } from "node-powershell";
import {
  createPool,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
  TransientError,
  type SessionPool,
} from "../../provider/powershell";
import type { ConnectionOptions } from "../../provider/powershell/connection";
import { startSshServer, requireSshd, type SshServer } from "./ssh-server";
import { TEST_OPERATIONS, waitFor } from "./support";

const INTEGRATION_OPERATIONS = join(__dirname, "..", "integration", "operations");

describe("SSH remoting against a live sshd on loopback", function () {
  // Each pool's first call starts a local pwsh, logs in and starts PowerShell on the far side.
  this.timeout(120_000);
  let server: SshServer;
  const pools: SessionPool[] = [];

  function connection(extra: ConnectionOptions = {}): ConnectionOptions {
    return {
      sshKeyFile: server.keyFile,
      knownHostsFile: server.knownHostsFile,
      connectTimeoutMs: 20_000,
      ...extra,
    };
  }

  function pool(
    options: { size?: number; growAfterMs?: number; host?: string; connection?: ConnectionOptions } = {},
  ): SessionPool {
    const created = createPool({
      size: options.size ?? 1,
      growAfterMs: options.growAfterMs,
      host: options.host ?? server.host,
      connection: options.connection ?? connection(),
      scriptDirectories: [TEST_OPERATIONS, INTEGRATION_OPERATIONS],
    });
    pools.push(created);
    return created;
  }

  before(async function () {
    server = await startSshServer(requireSshd(this));
  });
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.close()));
    await server?.start();
  });
  after(async () => {
    await server?.dispose();
  });

  describe("operations", () => {
    it("run on the far side with the same payloads, envelopes, warnings and typed errors", async () => {
      const remote = pool();
      const payload = {
        text: "ünï 😀 'quoted' \"double\" $(not-run) `tick`",
        list: [1, "two", null],
        nested: { a: {} },
      };
      assert.deepEqual(await remote.invoke("echo", payload), payload);

      const seen = await remote.invoke<{ stateDir: string | null }>("environment");
      assert.equal(seen.stateDir, server.stateDir, "the far side's environment answered");

      const noisy = await remote.invokeWithDetails("noisy", { question: 42 });
      assert.deepEqual(noisy.data, { answer: 42 });
      assert.deepEqual(noisy.warnings, ["first warning", "second warning"]);

      const id = "0d6c1f3e-8f55-4c3a-9a51-3b1f2f9e7a10";
      await assert.rejects(remote.invoke("simulator-probe", { id }, { kind: "read" }), (error: unknown) => {
        assert.ok(error instanceof InvalidArgumentError && !(error instanceof NotFoundError), String(error));
        assert.equal(
          error.fullyQualifiedErrorId,
          "InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM",
        );
        assert.equal(error.host, server.host);
        return true;
      });
    });

    it("drive the simulated Hyper-V host behind sshd", async () => {
      const remote = pool();
      const created = await remote.invoke<{ id: string; name: string; state: string }>("itest-vm-new", {
        name: "over-ssh",
        generation: 2,
        memoryStartupMB: 1024,
      });
      assert.equal(created.name, "over-ssh");
      assert.equal(created.state, "Off");
      // The VM is in the far side's state, which a local simulator session on the same directory reads.
      const local = createPool({
        size: 1,
        simulatorStateDir: server.stateDir,
        scriptDirectories: [INTEGRATION_OPERATIONS],
      });
      pools.push(local);
      const read = await local.invoke<{ id: string; name: string }>("itest-vm-get", { id: created.id });
      assert.equal(read.id, created.id);
      assert.equal(read.name, "over-ssh");
      await assert.rejects(
        remote.invoke("itest-vm-get", { id: "0d6c1f3e-8f55-4c3a-9a51-3b1f2f9e7a10" }, { kind: "read" }),
        (error: unknown) => {
          assert.ok(error instanceof NotFoundError, String(error));
          assert.equal(error.fullyQualifiedErrorId, "HvObjectNotFound");
          return true;
        },
      );
    });

    it("keep one remote session per pooled pwsh", async () => {
      // growAfterMs 0: the two concurrent calls below each start a session at once.
      const remote = pool({ size: 2, growAfterMs: 0 });
      const first = await remote.invokeWithDetails<{ processId: number }>("session-identity", {});
      const again = await remote.invokeWithDetails<{ processId: number }>("session-identity", {});
      assert.equal(again.processId, first.processId, "the same local session");
      assert.equal(again.data.processId, first.data.processId, "the same remote PowerShell");
      assert.notEqual(first.data.processId, first.processId, "the operation ran in another process");
      const both = await Promise.all(
        [1, 2].map(() => remote.invokeWithDetails<{ processId: number }>("session-identity", { wait: true })),
      );
      const remotes = new Set(both.map((outcome) => outcome.data.processId));
      const locals = new Set(both.map((outcome) => outcome.processId));
      assert.equal(locals.size, 2, "two local sessions");
      assert.equal(remotes.size, 2, "each with its own remote session");
    });
  });

  describe("environment", () => {
    /** The processes below `pid`, by /proc (Linux), with their command names. */
    function descendants(pid: number): Array<{ pid: number; name: string }> {
      const parents = new Map<number, { ppid: number; name: string }>();
      for (const entry of readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        try {
          const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
          const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
          const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
          parents.set(Number(entry), { ppid, name });
        } catch {
          // ended while listed
        }
      }
      const below = (id: number): boolean => {
        for (let p = parents.get(id)?.ppid; p !== undefined && p > 1; p = parents.get(p)?.ppid) {
          if (p === pid) return true;
        }
        return false;
      };
      return [...parents].filter(([id]) => below(id)).map(([id, { name }]) => ({ pid: id, name }));
    }

    it("starts the ssh client without the stack's passphrase, which only the engine reads", async function () {
      if (process.platform !== "linux") this.skip();
      const saved = { ...process.env };
      process.env.PULUMI_CONFIG_PASSPHRASE = "stack passphrase";
      process.env.PULUMI_CONFIG_PASSPHRASE_FILE = "/run/secrets/passphrase";
      process.env.HYPERV_TEST_EXTRA = "inherited";
      try {
        const remote = pool();
        const { processId } = await remote.invokeWithDetails("session-identity", {});
        // The PSSession's ssh client lives as long as the session, below the local pwsh.
        const clients = descendants(processId).filter((p) => p.name === "ssh");
        assert.equal(clients.length, 1, JSON.stringify(descendants(processId)));
        const environment = readFileSync(`/proc/${clients[0].pid}/environ`, "utf8").split("\0");
        assert.ok(
          environment.includes("HYPERV_TEST_EXTRA=inherited"),
          "the client's own environment was read",
        );
        assert.deepEqual(
          environment.filter((entry) => /^PULUMI_CONFIG_PASSPHRASE/i.test(entry)),
          [],
          "no passphrase variable",
        );
      } finally {
        for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
        Object.assign(process.env, saved);
      }
    });
  });

  describe("failures", () => {
    // The call's own limit is far above the connect timeout: a hang would surface as a TimeoutError.
    const call = (target: SessionPool) =>
      target.invoke("echo", { x: 1 }, { kind: "read", timeoutMs: 90_000 });

    it("a key the host does not accept is a PermissionDeniedError about authentication", async () => {
      const target = pool({
        connection: connection({ sshKeyFile: server.wrongKeyFile, connectTimeoutMs: 10_000 }),
      });
      await assert.rejects(call(target), (error: unknown) => {
        assert.ok(error instanceof PermissionDeniedError, String(error));
        assert.equal(error.fullyQualifiedErrorId, "SshAuthenticationFailed");
        assert.equal(error.category, "AuthenticationError");
        assert.match(error.message, /hyperv:sshKeyFile/);
        return true;
      });
    });

    it("a host key that is not the recorded one is a PermissionDeniedError about the host key", async () => {
      const target = pool({
        connection: connection({ knownHostsFile: server.wrongKnownHostsFile, connectTimeoutMs: 10_000 }),
      });
      await assert.rejects(call(target), (error: unknown) => {
        assert.ok(error instanceof PermissionDeniedError, String(error));
        assert.equal(error.fullyQualifiedErrorId, "SshHostKeyVerificationFailed");
        assert.equal(error.category, "SecurityError");
        assert.match(error.message, /hyperv:knownHostsFile/);
        assert.ok(!error.message.includes("@@@@"), "ssh's banner is left out");
        return true;
      });
    });

    it("a refused port is a TransientError", async () => {
      await server.kill();
      const target = pool({ connection: connection({ connectTimeoutMs: 10_000 }) });
      await assert.rejects(call(target), (error: unknown) => {
        assert.ok(error instanceof TransientError, String(error));
        assert.equal(error.fullyQualifiedErrorId, "SshConnectionFailed");
        assert.equal(error.category, "ConnectionError");
        return true;
      });
    });

    it("sshd killed mid-call is a TransientError, and the same pooled pwsh reconnects once sshd is back", async () => {
      const target = pool();
      const warm = await target.invokeWithDetails("echo", "warm");
      const pidFile = join(server.directory, "sleeping.pid");
      const sleeping = target.invoke("sleep", { pidFile, milliseconds: 60_000 }, { timeoutMs: 90_000 });
      const settled = sleeping.then(
        () => undefined,
        (error: unknown) => error,
      );
      await waitFor(
        () => existsSync(pidFile) && readFileSync(pidFile, "utf8").length > 0,
        "the remote call to start",
      );
      await server.kill();
      const broken = await settled;
      assert.ok(broken instanceof TransientError, String(broken));
      assert.equal(broken.fullyQualifiedErrorId, "RemoteConnectionLost");

      await assert.rejects(call(target), (error: unknown) => {
        assert.ok(error instanceof TransientError, String(error));
        assert.equal(error.fullyQualifiedErrorId, "SshConnectionFailed");
        return true;
      });

      await server.start();
      const recovered = await target.invokeWithDetails("echo", "back");
      assert.equal(recovered.data, "back");
      assert.equal(recovered.processId, warm.processId, "the pooled pwsh survived and reconnected");
    });
  });

  describe("secrets", () => {
    const password = `pw '"$(x)-${Date.now().toString(36)}`;
    const seen: string[] = [];
    const originalInvoke = PowerShell.prototype.invoke;
    const originalStdout = process.stdout.write.bind(process.stdout);
    const originalStderr = process.stderr.write.bind(process.stderr);

    before(() => {
      PowerShell.prototype.invoke = async function (this: PowerShell, command: string) {
        seen.push(command);
        try {
          return await originalInvoke.call(this, command);
        } finally {
          // node-powershell's record of the commands, before the session clears it.
          seen.push(...this.history.map((record) => record.command));
        }
      };
      const tap =
        (write: typeof process.stdout.write) =>
        (chunk: unknown, ...rest: unknown[]): boolean => {
          seen.push(String(chunk));
          return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
        };
      process.stdout.write = tap(originalStdout) as typeof process.stdout.write;
      process.stderr.write = tap(originalStderr) as typeof process.stderr.write;
    });
    after(() => {
      PowerShell.prototype.invoke = originalInvoke;
      process.stdout.write = originalStdout;
      process.stderr.write = originalStderr;
    });

    function assertNowhere(secret: string, extra: string[] = []): void {
      const base64 = Buffer.from(secret).toString("base64");
      const places = [...seen, ...extra, readFileSync(server.logFile, "utf8")];
      assert.ok(seen.length > 4, "the spies saw the traffic");
      for (const text of places) {
        assert.ok(!text.includes(secret), `the secret appears in: ${text.slice(0, 200)}`);
        assert.ok(!text.includes(base64), "the secret appears in base64");
      }
    }

    it("a key passphrase unlocks the key, and never appears in command text, history, output or logs", async () => {
      const target = pool({
        connection: connection({ sshKeyFile: server.passphraseKeyFile, sshKeyPassphrase: server.passphrase }),
      });
      assert.equal(await target.invoke("echo", "unlocked"), "unlocked");
      // Operations never see the connection's secrets.
      await assert.rejects(
        target.invoke("secret", { name: "HyperVRemoteKeyPassphrase" }),
        (error: unknown) => {
          assert.ok(error instanceof InvalidArgumentError, String(error));
          return true;
        },
      );
      assertNowhere(server.passphrase);
    });

    it("a wrong passphrase or password is a PermissionDeniedError that does not reveal it", async () => {
      const failures: string[] = [];
      for (const extra of [
        { sshKeyFile: server.passphraseKeyFile, sshKeyPassphrase: password },
        { sshKeyFile: undefined, password },
      ]) {
        const target = pool({ connection: connection({ ...extra, connectTimeoutMs: 10_000 }) });
        await assert.rejects(target.invoke("echo", 1, { timeoutMs: 90_000 }), (error: unknown) => {
          assert.ok(error instanceof PermissionDeniedError, String(error));
          assert.equal(error.fullyQualifiedErrorId, "SshAuthenticationFailed");
          failures.push(error.message, String(error.targetObject), ...error.warnings, JSON.stringify(error));
          return true;
        });
      }
      assertNowhere(password, failures);
    });

    it("hands the pool's other secrets to operations on the far side, out of band", async () => {
      const target = createPool({
        size: 1,
        host: server.host,
        connection: connection(),
        secrets: { adminPassword: password },
        scriptDirectories: [TEST_OPERATIONS],
      });
      pools.push(target);
      const answer = await target.invoke<{ secret: string; inEnvironment: number }>("secret", {
        name: "adminPassword",
      });
      assert.equal(answer.secret, password);
      assert.equal(answer.inEnvironment, 0);
      assertNowhere(password);
    });
  });

  it("refuses WinRM hosts outside Windows, pointing to ssh://", function () {
    if (process.platform === "win32") this.skip();
    assert.throws(
      () => createPool({ host: "winrm://hv02" }),
      (error: unknown) =>
        error instanceof Error &&
        /^host: 'winrm:\/\/hv02'/.test(error.message) &&
        /ssh:\/\//.test(error.message),
    );
  });
});
