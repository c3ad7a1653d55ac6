import { strict as assert } from "node:assert";
import { join } from "node:path";
import { checkHost, HOST_CHECKS, type HostCheckReport } from "../../provider/powershell/diagnostics";
import { requireSshd, startSshServer, type SshServer } from "./ssh-server";
import { scratchDirectory } from "./support";

function statuses(report: HostCheckReport): string[] {
  return report.checks.map((check) => `${check.name}: ${check.status}`);
}

describe("host checks", function () {
  this.timeout(120_000);
  const scratch = scratchDirectory();
  after(() => scratch.dispose());

  it("pass against the simulator, in order, naming the simulated module", async () => {
    const report = await checkHost({ host: "simulator", simulatorStateDir: join(scratch.path, "state") });
    assert.deepEqual(
      statuses(report),
      HOST_CHECKS.map((name) => `${name}: pass`),
    );
    assert.equal(report.ok, true);
    assert.equal(report.host, "simulator");
    assert.match(report.checks[2].detail, /simulated host/);
    assert.match(report.checks[4].detail, /no virtual switch yet/);
    assert.ok(report.checks[4].fix, "a pass with a warning says what to do");
  });

  it("fail at the first check when pwsh cannot start, and skip the rest", async () => {
    const report = await checkHost({ host: "simulator", pwshPath: join(scratch.path, "no-pwsh") });
    assert.equal(report.ok, false);
    assert.deepEqual(statuses(report), [
      "PowerShell: fail",
      ...HOST_CHECKS.slice(1).map((name) => `${name}: skipped`),
    ]);
    assert.match(report.checks[0].fix ?? "", /HYPERV_PWSH/);
  });

  it("fail at 'host reachable' for a setting that cannot work, naming it", async () => {
    const report = await checkHost({
      host: "ssh://ops@127.0.0.1:1",
      connection: { knownHostsFile: join(scratch.path, "none") },
    });
    assert.equal(report.checks[1].status, "fail");
    assert.match(report.checks[1].detail, /hyperv:knownHostsFile/);
    assert.equal(report.ok, false);
  });

  describe("over ssh", () => {
    let server: SshServer;
    before(async function () {
      server = await startSshServer(requireSshd(this));
    });
    after(async () => server?.dispose());

    const options = () => ({
      host: server.host,
      connection: {
        sshKeyFile: server.keyFile,
        knownHostsFile: server.knownHostsFile,
        connectTimeoutMs: 15_000,
      },
    });

    it("pass against the loopback sshd, logged in", async () => {
      const report = await checkHost(options());
      assert.deepEqual(
        statuses(report),
        HOST_CHECKS.map((name) => `${name}: pass`),
      );
      assert.equal(report.host, server.host);
      assert.match(report.checks[1].detail, /logged in/);
    });

    it("fail at 'host reachable' for a dead host, with the typed error's words, and skip the rest", async () => {
      await server.kill();
      const report = await checkHost(options());
      assert.equal(report.ok, false);
      assert.deepEqual(statuses(report), [
        "PowerShell: pass",
        "host reachable: fail",
        ...HOST_CHECKS.slice(2).map((name) => `${name}: skipped`),
      ]);
      assert.match(report.checks[1].detail, /SshConnectionFailed/);
    });
  });
});
