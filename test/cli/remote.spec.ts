import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { newPassphraseState } from "../../cli/secrets";
import { createPool, type SessionPool } from "../../provider/powershell";
import { HOST_CHECKS, type HostCheckResult } from "../../provider/powershell/diagnostics";
import { listVms, TEST_OPERATIONS } from "../pulumi-hosts/vm-support";
import { requireSshd, startSshServer, type SshServer } from "../powershell/ssh-server";
import { ROOT, TestProject } from "./support";

const PASSPHRASE = "stack passphrase";
const REMOTE_FIXTURE = join(__dirname, "fixtures", "remote-vm");

// The whole path over ssh: the command, Pulumi's provider host, the session pool, ssh and the far
// side's pwsh. What the pool does over ssh (payloads, errors, reconnects, secrets),
// test/powershell/ssh-remoting.spec.ts checks.
describe("pulumi-hyperv over ssh:// (doctor, up, destroy) with credentials from stack config", function () {
  this.timeout(300_000);
  let server: SshServer;
  let project: TestProject;
  let farSide: SessionPool;
  const env = { PULUMI_CONFIG_PASSPHRASE: PASSPHRASE };

  before(async function () {
    server = await startSshServer(requireSshd(this));
    const { state, crypter } = newPassphraseState(PASSPHRASE);
    project = new TestProject(REMOTE_FIXTURE, "lab");
    project.writeStackFile(
      {
        "remote:packageRoot": ROOT,
        "hyperv:host": server.host,
        "hyperv:sshKeyFile": server.passphraseKeyFile,
        "hyperv:sshKeyPassphrase": { secure: crypter.encrypt(server.passphrase) },
        "hyperv:knownHostsFile": server.knownHostsFile,
        "hyperv:connectTimeoutSeconds": "30",
      },
      `encryptionsalt: ${state}\n`,
    );
    farSide = createPool({
      size: 1,
      simulatorStateDir: server.stateDir,
      scriptDirectories: [TEST_OPERATIONS],
    });
  });
  after(async () => {
    await farSide?.close();
    project?.remove();
    await server?.dispose();
  });

  function assertNoPassphrase(place: string, text: string): void {
    assert.ok(!text.includes(server.passphrase), `the key passphrase appears in ${place}`);
    assert.ok(
      !text.includes(Buffer.from(server.passphrase).toString("base64")),
      `${place}: passphrase in base64`,
    );
  }

  it("doctor passes every check against the stack's host, logged in with the key from stack config", async () => {
    const result = await project.run(["doctor", "--json"], env);
    assert.equal(result.code, 0, result.output);
    const report = JSON.parse(result.stdout) as HostCheckResult;
    assert.equal(report.host, server.host);
    assert.deepEqual(
      report.checks.map((check) => `${check.name}: ${check.status}`),
      ["stack config", ...HOST_CHECKS].map((name) => `${name}: pass`),
    );
    assertNoPassphrase("doctor's output", result.output);
  });

  it("up creates the VM on the far side, destroy removes it; the passphrase stays out of the checkpoint and output", async () => {
    const up = await project.run(["up", "--yes", "--skip-preview"], env);
    assert.equal(up.code, 0, up.output);
    const vms = await listVms(farSide);
    assert.deepEqual(
      vms.map((vm) => [vm.name, vm.notes]),
      [["remote01", "deployed over ssh"]],
    );
    const resource = project.resource("remote01");
    const outputs = resource?.outputs as { vmId?: string; host?: string } | undefined;
    assert.equal(outputs?.vmId, vms[0].id);
    assert.equal(outputs?.host, server.host, "the stack's host applies, and the outputs record it");
    assertNoPassphrase("the checkpoint", project.checkpointText());
    assertNoPassphrase("the output of up", up.output);

    const destroy = await project.run(["destroy", "--yes", "--skip-preview"], env);
    assert.equal(destroy.code, 0, destroy.output);
    assert.deepEqual(await listVms(farSide), []);
    assertNoPassphrase("the checkpoint after destroy", project.checkpointText());
    assertNoPassphrase("sshd's log", readFileSync(server.logFile, "utf8"));
  });

  // Against the simulator, doctor prints one PASS line per check: docs/hosts.md's
  // `doctor -s dev`, run by test/readme/commands.spec.ts.
  it("doctor against a dead host fails at 'host reachable' with the fix, and exits non-zero", async () => {
    await server.kill();
    const result = await project.run(["doctor", "--json"], env);
    assert.equal(result.code, 1, result.output);
    const report = JSON.parse(result.stdout) as HostCheckResult;
    assert.equal(report.ok, false);
    // The stack config check comes first, then the host checks.
    assert.equal(report.checks[0].name, "stack config");
    assert.equal(report.checks[2].status, "fail");
    assert.match(report.checks[2].detail, /SshConnectionFailed/);
    assert.match(report.checks[2].fix ?? "", /up and reachable/);
    assert.ok(report.checks.slice(3).every((check) => check.status === "skipped"));
  });
});
