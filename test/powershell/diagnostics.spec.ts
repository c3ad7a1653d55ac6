import { strict as assert } from "node:assert";
import { mkdirSync, readdirSync } from "node:fs";
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

  // A simulated host passing every check, and a named one not created yet: docs/hosts.md's two
  // doctor commands, run by test/readme/commands.spec.ts.
  it("refuse a bad simulated host name at 'host reachable'", async () => {
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
