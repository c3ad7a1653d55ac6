import { strict as assert } from "node:assert";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { checkHost, HOST_CHECKS, type HostCheckResult } from "../../provider/powershell/diagnostics";
import { scratchDirectory } from "./support";

function statuses(report: HostCheckResult): string[] {
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

  it("check a named simulated host (simulator://NAME) on its own state, and refuse a bad name at 'host reachable'", async () => {
    const report = await checkHost({
      host: "simulator://hv01",
      simulatorStateDir: join(scratch.path, "root"),
    });
    assert.deepEqual(
      statuses(report),
      HOST_CHECKS.map((name) => `${name}: pass`),
    );
    assert.equal(report.host, "simulator://hv01");
    assert.match(report.checks[1].detail, /simulator:\/\/hv01/);
    assert.match(report.checks[1].detail, /does not exist yet.*the first deployment creates it/);
    assert.equal(existsSync(join(scratch.path, "root")), false, "a check creates no host");
    const bad = await checkHost({ host: "simulator://hv 01", simulatorStateDir: join(scratch.path, "root") });
    assert.equal(bad.ok, false);
    assert.deepEqual(statuses(bad).slice(0, 2), ["PowerShell: pass", "host reachable: fail"]);
    assert.match(bad.checks[1].detail, /^host: .*simulator:\/\/NAME/);
  });

  it("check an existing simulated host where it is, leaving its state as it was", async () => {
    const root = join(scratch.path, "existing");
    mkdirSync(join(root, "hosts", "hv02"), { recursive: true });
    const report = await checkHost({ host: "simulator://hv02", simulatorStateDir: root });
    assert.equal(report.ok, true);
    assert.doesNotMatch(report.checks[1].detail, /does not exist/);
    assert.deepEqual(readdirSync(join(root, "hosts")), ["hv02"]);
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
  // Over ssh (a live sshd, and the same host dead): test/cli/remote.spec.ts, through `pulumi-hyperv doctor`.
});
