import { strict as assert } from "node:assert";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  createPool,
  InvalidArgumentError,
  parseHost,
  type SshHost,
  type WinRmHost,
} from "../../provider/powershell";
import {
  CONNECTION_SECRET_NAMES,
  DEFAULT_CONNECT_TIMEOUT_MS,
  REMOTE_ENTRY_PATH,
  remoteSetup,
} from "../../provider/powershell/connection";
import { scratchDirectory } from "./support";

describe("remote connection options", () => {
  const scratch = scratchDirectory();
  const keyFile = join(scratch.path, "id_ed25519");
  const knownHosts = join(scratch.path, "known_hosts");
  writeFileSync(keyFile, "not read here");
  writeFileSync(knownHosts, "");
  after(() => scratch.dispose());

  const ssh = (spec = "ssh://admin@hv01:2222") => parseHost(spec) as SshHost;

  function rejects(action: () => unknown, field: RegExp): void {
    assert.throws(action, (error: unknown) => {
      assert.ok(error instanceof InvalidArgumentError, String(error));
      assert.match(error.message, field);
      return true;
    });
  }

  it("give ssh sessions the remote entry module and settings without secrets; secrets travel apart", () => {
    const setup = remoteSetup(
      ssh(),
      { sshKeyFile: keyFile, sshKeyPassphrase: "p4ss phrase", knownHostsFile: knownHosts },
      "linux",
    );
    assert.equal(setup.entryModule, REMOTE_ENTRY_PATH);
    assert.deepEqual(setup.secrets, { [CONNECTION_SECRET_NAMES.sshKeyPassphrase]: "p4ss phrase" });
    const settings = JSON.parse(setup.env.HYPERV_PS_REMOTE) as Record<string, unknown>;
    assert.equal(settings.kind, "ssh");
    assert.equal(settings.hostName, "hv01");
    assert.equal(settings.port, 2222);
    assert.equal(settings.userName, "admin");
    assert.equal(settings.keyFilePath, keyFile);
    assert.equal(settings.knownHostsFile, knownHosts);
    assert.equal(settings.connectTimeoutMs, DEFAULT_CONNECT_TIMEOUT_MS);
    assert.ok(!setup.env.HYPERV_PS_REMOTE.includes("p4ss"), "no secret among the settings");
  });

  it("take the ssh user from hyperv:username when the host names none, and refuse two different users", () => {
    const setup = remoteSetup(ssh("ssh://hv01"), { username: "ops", knownHostsFile: knownHosts }, "linux");
    assert.equal((JSON.parse(setup.env.HYPERV_PS_REMOTE) as { userName: string }).userName, "ops");
    rejects(
      () => remoteSetup(ssh("ssh://hv01"), { knownHostsFile: knownHosts }, "linux"),
      /^connection\.username \(hyperv:username\): .*ssh:\/\/user@hv01/,
    );
    rejects(
      () => remoteSetup(ssh(), { username: "ops", knownHostsFile: knownHosts }, "linux"),
      /^connection\.username .*differs/,
    );
  });

  it("check files at once, naming the setting and the fix", () => {
    rejects(
      () =>
        remoteSetup(
          ssh(),
          { sshKeyFile: join(scratch.path, "missing"), knownHostsFile: knownHosts },
          "linux",
        ),
      /^connection\.sshKeyFile \(hyperv:sshKeyFile\): no file at /,
    );
    rejects(
      () => remoteSetup(ssh(), { knownHostsFile: join(scratch.path, "none") }, "linux"),
      /^connection\.knownHostsFile \(hyperv:knownHostsFile\): no file at .*ssh-keyscan -p 2222 hv01/,
    );
    rejects(
      () => remoteSetup(ssh(), { sshKeyPassphrase: "x", knownHostsFile: knownHosts }, "linux"),
      /^connection\.sshKeyPassphrase .*hyperv:sshKeyFile/,
    );
    rejects(() => remoteSetup(ssh(), { connectTimeoutMs: 5 }, "linux"), /^connection\.connectTimeoutMs: /);
    rejects(() => remoteSetup(ssh(), { passwd: "x" }, "linux"), /^connection\.passwd: /);
  });

  it("refuse a secret for ssh on Windows clients, where only ssh-agent can hold it", () => {
    rejects(
      () =>
        remoteSetup(
          ssh(),
          { sshKeyFile: keyFile, sshKeyPassphrase: "x", knownHostsFile: knownHosts },
          "win32",
        ),
      /^connection\.sshKeyPassphrase .*ssh-agent/,
    );
  });

  it("use WinRM over HTTPS by default from Windows, with the password as a secret", () => {
    const host = parseHost("winrm://hv02") as WinRmHost;
    const setup = remoteSetup(host, { username: "HV\\ops", password: "pw" }, "win32");
    const settings = JSON.parse(setup.env.HYPERV_PS_REMOTE) as Record<string, unknown>;
    assert.equal(settings.useSsl, true);
    assert.equal(settings.userName, "HV\\ops");
    assert.deepEqual(setup.secrets, { [CONNECTION_SECRET_NAMES.password]: "pw" });
    rejects(() => remoteSetup(host, { password: "pw" }, "win32"), /^connection\.username /);
    assert.equal(
      (JSON.parse(remoteSetup(host, { useSsl: false }, "win32").env.HYPERV_PS_REMOTE) as { useSsl: boolean })
        .useSsl,
      false,
    );
  });

  it("refuse WinRM from Linux and macOS, pointing to ssh://", () => {
    for (const platform of ["linux", "darwin"] as const) {
      rejects(
        () => remoteSetup(parseHost("winrm://hv02") as WinRmHost, {}, platform),
        /^host: 'winrm:\/\/hv02'.*'ssh:\/\/<user>@hv02'/,
      );
    }
  });

  it("keep the connection's secret names for the connection", () => {
    rejects(
      () =>
        createPool({
          host: "ssh://admin@hv01",
          connection: { knownHostsFile: knownHosts },
          secrets: { [CONNECTION_SECRET_NAMES.password]: "x" },
        }),
      /^secrets: 'HyperVRemotePassword' is reserved/,
    );
  });
});
