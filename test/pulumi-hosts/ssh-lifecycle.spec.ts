import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { createPool, type SessionPool } from "../../provider/powershell";
import { requireSshd, startSshServer, type SshServer } from "../powershell/ssh-server";
import { PACKAGE_ROOT, programDirectory, ProviderHost, serializedProvider, urnOf } from "./provider-host";
import { listVms, TEST_OPERATIONS } from "./vm-support";

/** How the engine sends a secret config value to a provider (Pulumi's secret signature). */
const secretValue = (value: string) => ({
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  value,
});

describe("VirtualMachine over ssh:// through Pulumi's dynamic provider host", function () {
  this.timeout(240_000);
  let server: SshServer;
  let program: { path: string; dispose(): void };
  let host: ProviderHost;
  let outOfBand: SessionPool;

  before(async function () {
    server = await startSshServer(requireSshd(this));
    program = programDirectory(PACKAGE_ROOT);
    host = await ProviderHost.start(program.path, {
      "hyperv:host": server.host,
      "hyperv:sshKeyFile": server.passphraseKeyFile,
      "hyperv:sshKeyPassphrase": secretValue(server.passphrase) as unknown as string,
      "hyperv:knownHostsFile": server.knownHostsFile,
      "hyperv:connectTimeoutSeconds": "30",
      "hyperv:poolSize": "1",
    });
    // The far side's simulated host, read locally out of band.
    outOfBand = createPool({
      size: 1,
      simulatorStateDir: server.stateDir,
      scriptDirectories: [TEST_OPERATIONS],
    });
  });
  after(async () => {
    await host?.stop();
    await outOfBand?.close();
    program?.dispose();
    await server?.dispose();
  });

  it("creates, reads, updates and deletes a VM on the remote host, and the passphrase stays out of everything", async () => {
    const provider = await serializedProvider("VirtualMachine");
    const urn = urnOf("VirtualMachine", "remote");
    const inputs = {
      __provider: provider,
      vmName: "remote-vm",
      generation: 1,
      processorCount: 1,
      memoryStartupMB: 512,
      guest: { family: "windows" },
      notes: "created over ssh",
    };
    const created = await host.checkAndCreate(urn, inputs);
    assert.match(created.id, /^[0-9a-f-]{36}$/);
    assert.equal(created.inputs.host, undefined, "the inputs name no host");
    assert.equal(created.outs.host, server.host, "the stack's host applies, and the outputs record it");
    let listed = await listVms(outOfBand);
    assert.deepEqual(
      listed.map((vm) => [vm.id, vm.name, vm.notes]),
      [[created.id, "remote-vm", "created over ssh"]],
    );

    const read = await host.read(urn, created.id, created.outs);
    assert.deepEqual(read.props, created.outs);

    const checked = await host.check(urn, created.inputs, { ...inputs, notes: "updated over ssh" });
    assert.deepEqual(checked.failures, []);
    const diff = await host.diff(urn, created.id, created.outs, checked.inputs);
    assert.deepEqual(diff.replaces, []);
    const updated = await host.update(urn, created.id, created.outs, checked.inputs);
    assert.equal(updated.notes, "updated over ssh");
    listed = await listVms(outOfBand);
    assert.equal(listed[0].notes, "updated over ssh");

    await host.delete(urn, created.id, updated);
    assert.deepEqual(await listVms(outOfBand), []);

    const secret = server.passphrase;
    const base64 = Buffer.from(secret).toString("base64");
    for (const [place, text] of Object.entries({
      "the serialized provider": provider,
      "the create outputs": JSON.stringify(created.outs),
      "the read outputs": JSON.stringify(read.props),
      "the update outputs": JSON.stringify(updated),
      "the provider host's stderr": host.host.stderr(),
      "sshd's log": readFileSync(server.logFile, "utf8"),
    })) {
      assert.ok(!text.includes(secret) && !text.includes(base64), `the passphrase appears in ${place}`);
    }
    assert.ok(readFileSync(server.logFile, "utf8").includes("Accepted publickey"), "the key was used");
  });
});
