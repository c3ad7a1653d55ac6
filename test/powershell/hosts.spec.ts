import { strict as assert } from "node:assert";
import { delimiter, join, resolve } from "node:path";
import {
  hostLabel,
  InvalidArgumentError,
  NotFoundError,
  parseHost,
  type SessionPool,
} from "../../provider/powershell";
import { hostEnvironment } from "../../provider/powershell/hosts";
import { packageRoot } from "../../provider/powershell/pwsh-path";
import { PoolTracker, scratchDirectory } from "./support";

interface HostVariables {
  modulePath: string;
  stateDir: string | null;
  extra: string | null;
  passphrase: string | null;
  passphraseFile: string | null;
}

describe("hosts", function () {
  const pools = new PoolTracker();
  const scratch = scratchDirectory();
  after(async () => {
    await pools.closeAll();
    scratch.dispose();
  });

  it("parses every host form into a typed description", () => {
    assert.deepEqual(parseHost("simulator", "/tmp/state"), { kind: "simulator", stateDir: "/tmp/state" });
    assert.deepEqual(parseHost(), { kind: "simulator", stateDir: join(process.cwd(), ".hyperv-sim") });
    assert.deepEqual(parseHost("simulator", "relative/state"), {
      kind: "simulator",
      stateDir: resolve("relative/state"),
    });
    assert.deepEqual(parseHost("local"), { kind: "local" });
    assert.deepEqual(parseHost("ssh://admin@hv01.example.com"), {
      kind: "ssh",
      user: "admin",
      hostname: "hv01.example.com",
      port: undefined,
    });
    assert.deepEqual(parseHost("ssh://admin@hv01:2222"), {
      kind: "ssh",
      user: "admin",
      hostname: "hv01",
      port: 2222,
    });
    assert.deepEqual(parseHost("ssh://hv01"), { kind: "ssh", hostname: "hv01", port: undefined });
    assert.deepEqual(parseHost("winrm://hv02"), { kind: "winrm", hostname: "hv02", port: undefined });
    assert.deepEqual(parseHost({ kind: "local" }), { kind: "local" });
  });

  it("gives each named simulated host its own state directory under the state root", () => {
    const named = parseHost("simulator://hv01", "/tmp/state");
    assert.deepEqual(named, {
      kind: "simulator",
      stateDir: join("/tmp/state", "hosts", "hv01"),
      name: "hv01",
    });
    assert.equal(hostLabel(named), "simulator://hv01");
    assert.equal(hostLabel(parseHost("simulator", "/tmp/state")), "simulator");
    // Host names are case-insensitive: one host, one directory, whatever the spelling.
    assert.deepEqual(parseHost(" Simulator://HV-02.lab_a ", "/tmp/state"), {
      kind: "simulator",
      stateDir: join("/tmp/state", "hosts", "hv-02.lab_a"),
      name: "hv-02.lab_a",
    });
    assert.deepEqual(parseHost("simulator://db", "relative"), {
      kind: "simulator",
      stateDir: resolve("relative", "hosts", "db"),
      name: "db",
    });
    assert.deepEqual(parseHost(`simulator://${"a".repeat(63)}`, "/s"), {
      kind: "simulator",
      stateDir: join("/s", "hosts", "a".repeat(63)),
      name: "a".repeat(63),
    });
  });

  it("refuses a simulated host NAME outside letters, digits, '.', '_', '-' and 1 to 63 characters", () => {
    for (const spec of [
      "simulator://",
      `simulator://${"a".repeat(64)}`,
      "simulator://hv/01",
      "simulator://..",
      "simulator://.",
      "simulator://hv 01",
      "simulator://hv01:22",
      "simulator://user@hv01",
      "simulator://hv\\01",
      "simulator://hv01?x",
      "simulator://hvé",
    ]) {
      assert.throws(
        () => parseHost(spec, "/tmp/state"),
        (error: unknown) => {
          assert.ok(error instanceof InvalidArgumentError, `${spec}: ${String(error)}`);
          assert.match(error.message, /^host: /);
          assert.match(error.message, /simulator:\/\/NAME/);
          return true;
        },
        spec,
      );
    }
  });

  it("rejects malformed hosts with a message naming the accepted forms", () => {
    for (const spec of [
      "",
      "remote",
      "ftp://hv01",
      "ssh://a@hv01/path",
      "winrm://user@hv02",
      "ssh://a@hv01:99999",
    ]) {
      assert.throws(
        () => parseHost(spec),
        (error: unknown) => {
          assert.ok(error instanceof InvalidArgumentError, `${spec}: ${String(error)}`);
          assert.match(error.message, /^host: /);
          return true;
        },
      );
    }
  });

  it("runs simulator sessions with the simulator modules first and the state directory set", async () => {
    const stateDir = join(scratch.path, "state");
    const pool: SessionPool = pools.create({
      size: 1,
      simulatorStateDir: stateDir,
      env: { HYPERV_TEST_EXTRA: "x y" },
    });
    const variables = await pool.invoke<HostVariables>("environment");
    assert.equal(variables.modulePath.split(delimiter)[0], join(packageRoot, "provider", "simulator"));
    assert.equal(variables.stateDir, stateDir);
    assert.equal(variables.extra, "x y");
  });

  it("answers Hyper-V cmdlets from the simulator module; its unknown-id error is no proof of absence", async () => {
    const pool = pools.create({ size: 1, simulatorStateDir: join(scratch.path, "probe") });
    const probe = await pool.invoke<{ vmCount: number; modulePath: string }>("simulator-probe");
    assert.equal(probe.vmCount, 0);
    assert.equal(probe.modulePath, join(packageRoot, "provider", "simulator", "Hyper-V", "Hyper-V.psm1"));
    const id = "0d6c1f3e-8f55-4c3a-9a51-3b1f2f9e7a10";
    // Get-VM -Id of an unknown VM is InvalidParameter/InvalidArgument, as on Hyper-V: an argument error.
    await assert.rejects(pool.invoke("simulator-probe", { id }, { kind: "read" }), (error: unknown) => {
      assert.ok(error instanceof InvalidArgumentError && !(error instanceof NotFoundError), String(error));
      assert.equal(
        error.fullyQualifiedErrorId,
        "InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM",
      );
      return true;
    });
  });

  it("runs a named simulated host's sessions on its own state directory, under its own name", async () => {
    const root = join(scratch.path, "root");
    const pool = pools.create({ size: 1, host: "simulator://hv07", simulatorStateDir: root });
    const variables = await pool.invoke<HostVariables>("environment");
    assert.equal(variables.stateDir, join(root, "hosts", "hv07"));
    assert.equal(pool.host.kind === "simulator" && pool.host.name, "hv07");
    const probe = await pool.invoke<{ computerName: string }>("simulator-probe");
    assert.equal(probe.computerName, "hv07");
  });

  it("starts every pwsh session without the stack's passphrase, which only the engine reads", async () => {
    const saved = { ...process.env };
    // As the Pulumi CLI or pulumi-hyperv leaves them for the provider (Windows names are case-insensitive).
    process.env.PULUMI_CONFIG_PASSPHRASE = "stack passphrase";
    process.env.pulumi_config_passphrase_file = join(scratch.path, "passphrase.txt");
    process.env.HYPERV_TEST_EXTRA = "inherited";
    try {
      // Every host kind's sessions start from the same environment (ssh: test/powershell/ssh-remoting.spec.ts).
      const pool = pools.create({ size: 1, simulatorStateDir: join(scratch.path, "passphrase") });
      const variables = await pool.invoke<HostVariables>("environment");
      assert.equal(variables.passphrase, null, "PULUMI_CONFIG_PASSPHRASE");
      assert.equal(variables.passphraseFile, null, "PULUMI_CONFIG_PASSPHRASE_FILE");
      assert.equal(variables.extra, "inherited", "the rest of the environment is inherited");
    } finally {
      for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
      Object.assign(process.env, saved);
    }
  });

  it("runs local sessions without the simulator", async () => {
    const pool = pools.create({ size: 1, host: "local" });
    const variables = await pool.invoke<HostVariables>("environment");
    assert.ok(!variables.modulePath.split(delimiter).includes(join(packageRoot, "provider", "simulator")));
    assert.equal(variables.stateDir, process.env.HYPERV_SIM_STATE_DIR ?? null);
    assert.deepEqual(hostEnvironment({ kind: "local" }, packageRoot, "/x"), {});
  });
});
