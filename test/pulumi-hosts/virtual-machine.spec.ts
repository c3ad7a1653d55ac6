import { strict as assert } from "node:assert";
import { outputProblems } from "../unit/resources/documented-outputs";
import { initFailureOf, urnOf } from "./provider-host";
import { listVms, startSimulatorFixture, type SimulatorFixture } from "./vm-support";

type Props = Record<string, unknown>;

describe("VirtualMachine through Pulumi's dynamic provider host (simulated Hyper-V)", function () {
  this.timeout(180_000);
  let f: SimulatorFixture;
  before(async () => (f = await startSimulatorFixture()));
  after(async () => f && (await f.dispose()));
  afterEach(async () => {
    await f.outOfBand.invoke("test-fault", { clear: true });
    for (const vm of await listVms(f.outOfBand))
      await f.outOfBand.invoke("test-vm-tamper", { vmId: vm.id, stop: true, remove: true });
  });

  const urn = (name: string) => urnOf("VirtualMachine", name);
  const vm = (inputs: Props): Props => ({ __provider: f.providers.VirtualMachine, ...inputs });
  const linux = { family: "linux", distribution: "sles", version: "11" };

  /** Check, Diff and Update as `pulumi up` does for changed inputs. */
  async function change(name: string, id: string, outs: Props, inputs: Props, news: Props) {
    const checked = await f.host.check(urn(name), inputs, vm(news));
    assert.deepEqual(checked.failures, []);
    const diff = await f.host.diff(urn(name), id, outs, checked.inputs);
    const updated =
      diff.replaces.length === 0 ? await f.host.update(urn(name), id, outs, checked.inputs) : undefined;
    return { diff, updated, inputs: checked.inputs };
  }

  it("creates every input, reads it back unchanged, and deletes the VM", async () => {
    const created = await f.host.checkAndCreate(
      urn("full"),
      vm({
        vmName: "full",
        generation: 1,
        processorCount: 1,
        memoryStartupMB: 1024,
        dynamicMemory: { minimumMB: 512, maximumMB: 2048 },
        guest: { family: "windows" },
        networkAdapters: [
          { name: "lan", macAddress: "00-15-5D-0A-0B-0C", vlanId: 12, vmqWeight: 50 },
          { name: "boot", legacy: true },
        ],
        hardDisks: [],
        dvdDrives: [{ controllerNumber: 1, controllerLocation: 0 }],
        integrationServices: { vss: false, guestServiceInterface: true },
        automaticStartAction: "Start",
        automaticStopAction: "ShutDown",
        state: "Off",
        notes: "full inputs",
      }),
    );
    const o = created.outs;
    assert.match(created.id, /^[0-9a-f-]{36}$/);
    assert.equal(o.vmId, created.id);
    for (const [key, value] of Object.entries(created.inputs)) {
      if (key !== "__provider") assert.deepEqual(o[key], value, `output ${key} is the input`);
    }
    assert.deepEqual(o.macAddresses, { lan: "00155D0A0B0C", boot: "000000000000" });
    assert.equal(o.ntpConf, undefined, "no ntpConf for a Windows guest");
    assert.equal(typeof o.__provider, "string");
    const read = await f.host.read(urn("full"), created.id, o);
    assert.equal(read.id, created.id);
    assert.deepEqual(read.props, o);
    const diff = await f.host.diff(urn("full"), created.id, o, created.inputs);
    assert.equal(diff.changes, 1, "no changes (DIFF_NONE) right after create");
    await f.host.delete(urn("full"), created.id, o);
    assert.deepEqual(await listVms(f.outOfBand), []);
    await f.host.delete(urn("full"), created.id, o); // already gone: success
    assert.equal(
      (await f.host.read(urn("full"), created.id, o)).id,
      "",
      "a VM that is gone leaves the state",
    );
  });

  it("renders ntpConf for a Linux guest and sets the simulated guest profile from guest", async () => {
    const created = await f.host.checkAndCreate(
      urn("ntp"),
      vm({
        vmName: "ntp",
        memoryStartupMB: 512,
        guest: linux,
        timeSync: { ntpServers: ["ntp1.example.com", "10.0.0.1"], maxPollSeconds: 64 },
      }),
    );
    assert.match(String(created.outs.ntpConf), /^server ntp1\.example\.com iburst maxpoll 6$/m);
    assert.match(String(created.outs.ntpConf), /^server 10\.0\.0\.1 iburst maxpoll 6$/m);
    assert.match(String(created.outs.ntpConf), /^tinker panic 0$/m);
    assert.deepEqual(outputProblems("VirtualMachine", created.outs), [], "a Linux VM's outputs are declared");
    const [listed] = await listVms(f.outOfBand);
    assert.equal(listed.profile, "LinuxIcsV2");
    assert.equal(listed.state, "Running");
  });

  it("applies generation 2 firmware (secure boot template, boot order), reads it back, and puts drift back", async () => {
    const inputs = {
      vmName: "uefi",
      generation: 2,
      memoryStartupMB: 1024,
      guest: { family: "linux", distribution: "rhel", version: "9.2", integrationComponents: "in-kernel" },
      networkAdapters: [{ name: "eth0" }],
      hardDisks: [],
      firmware: { bootOrder: ["NetworkAdapter"] },
      state: "Off",
    };
    const created = await f.host.checkAndCreate(urn("uefi"), vm(inputs));
    const wanted = {
      secureBoot: true,
      secureBootTemplate: "MicrosoftUEFICertificateAuthority",
      bootOrder: ["NetworkAdapter"],
    };
    assert.deepEqual(created.inputs.firmware, wanted, "the model's default template for a Linux guest");
    assert.deepEqual(created.outs.firmware, wanted, "what the host reports after create");
    const read = await f.host.read(urn("uefi"), created.id, created.outs);
    assert.deepEqual(read.props.firmware, wanted);
    await f.outOfBand.invoke("test-vm-tamper", { vmId: created.id, secureBootTemplate: "MicrosoftWindows" });
    const drifted = await f.host.read(urn("uefi"), created.id, created.outs);
    assert.equal((drifted.props.firmware as Props).secureBootTemplate, "MicrosoftWindows");
    const { diff, updated } = await change("uefi", created.id, drifted.props, created.inputs, {
      ...inputs,
      firmware: { secureBoot: false, bootOrder: ["NetworkAdapter"] },
    });
    assert.equal(diff.changes, 2);
    assert.deepEqual((updated as Props | undefined)?.firmware, {
      secureBoot: false,
      secureBootTemplate: "MicrosoftUEFICertificateAuthority",
      bootOrder: ["NetworkAdapter"],
    });
    const windows = await f.host.checkAndCreate(
      urn("uefi-win"),
      vm({
        vmName: "uefi-win",
        generation: 2,
        memoryStartupMB: 512,
        guest: { family: "windows" },
        hardDisks: [],
        state: "Off",
      }),
    );
    assert.equal(
      windows.outs.firmware,
      undefined,
      "a Windows guest that declares no firmware keeps Hyper-V's",
    );
  });

  it("reports out-of-band changes (drift) on read", async () => {
    const created = await f.host.checkAndCreate(
      urn("drift"),
      vm({ vmName: "drift", memoryStartupMB: 512, guest: linux, state: "Off" }),
    );
    await f.outOfBand.invoke("test-vm-tamper", {
      vmId: created.id,
      processorCount: 2,
      notes: "changed by hand",
    });
    const read = await f.host.read(urn("drift"), created.id, created.outs);
    assert.equal(read.props.processorCount, 2);
    assert.equal(read.props.notes, "changed by hand");
    const diff = await f.host.diff(urn("drift"), created.id, read.props, created.inputs);
    assert.equal(diff.changes, 2, "the next up puts it back");
  });

  it("updates in place: rename, notes, adapters, memory, services; generation and host replace", async () => {
    const start = { vmName: "before", memoryStartupMB: 512, guest: { family: "windows" }, state: "Off" };
    const created = await f.host.checkAndCreate(urn("upd"), vm(start));
    const next = {
      ...start,
      vmName: "after",
      notes: "renamed",
      processorCount: 2,
      memoryStartupMB: 1024,
      networkAdapters: [{ name: "lan", vlanId: 7 }],
      integrationServices: { timeSynchronization: false },
      automaticStopAction: "TurnOff",
    };
    const { diff, updated } = await change("upd", created.id, created.outs, created.inputs, next);
    assert.deepEqual(diff.replaces, []);
    assert.equal(updated!.vmName, "after");
    assert.equal(updated!.processorCount, 2);
    assert.equal(updated!.memoryStartupMB, 1024);
    assert.deepEqual(
      (updated!.networkAdapters as Props[]).map((n) => [n.name, n.vlanId]),
      [["lan", 7]],
    );
    assert.equal((updated!.integrationServices as Props).timeSynchronization, false);
    const [listed] = await listVms(f.outOfBand);
    assert.deepEqual([listed.name, listed.notes, listed.processorCount], ["after", "renamed", 2]);

    const replaced = await change("upd", created.id, updated!, created.inputs, { ...next, generation: 2 });
    assert.deepEqual(replaced.diff.replaces, ["generation"]);
    assert.equal(replaced.diff.deleteBeforeReplace, true);
    const moved = await change("upd", created.id, updated!, created.inputs, { ...next, host: "local" });
    assert.deepEqual(moved.diff.replaces, ["host"]);
  });

  it("refuses a change that needs a running ICs v2 guest off, naming it and allowHardStop; with allowHardStop it stops, applies and restarts", async () => {
    const start = { vmName: "ics", memoryStartupMB: 512, guest: linux };
    const created = await f.host.checkAndCreate(urn("ics"), vm(start));
    // Diff refuses it, so preview fails as up would, with no PowerShell call.
    const checked = await f.host.check(urn("ics"), created.inputs, vm({ ...start, processorCount: 2 }));
    await assert.rejects(
      f.host.diff(urn("ics"), created.id, created.outs, checked.inputs),
      (e: Error) =>
        /These changes need the VM 'ics' off: processorCount 1 -> 2/.test(e.message) &&
        /allowHardStop: true/.test(e.message) &&
        /stop the VM yourself first/.test(e.message),
    );
    // The host refuses it too, should an update come without that diff (e.g. from stale outputs).
    await assert.rejects(
      f.host.update(urn("ics"), created.id, created.outs, checked.inputs),
      (e: Error) => /processorCount 1 -> 2/.test(e.message) && /allowHardStop/.test(e.message),
    );
    let [listed] = await listVms(f.outOfBand);
    assert.deepEqual([listed.state, listed.processorCount], ["Running", 1], "nothing changed");
    const { updated } = await change("ics", created.id, created.outs, created.inputs, {
      ...start,
      processorCount: 2,
      allowHardStop: true,
    });
    [listed] = await listVms(f.outOfBand);
    assert.deepEqual([listed.state, listed.processorCount], ["Running", 2]);
    assert.equal(updated!.state, "Running");
  });

  it("shuts a guest with shutdown integration down gracefully for such a change, then starts it again", async () => {
    const start = { vmName: "win", memoryStartupMB: 512, guest: { family: "windows" } };
    const created = await f.host.checkAndCreate(urn("win"), vm(start));
    const { updated } = await change("win", created.id, created.outs, created.inputs, {
      ...start,
      processorCount: 4,
    });
    assert.equal(updated!.processorCount, 4);
    assert.equal(updated!.state, "Running");
  });

  it("rolls back a create that fails after New-VM, and reports a failed rollback with the VM id (partial failure)", async () => {
    await f.outOfBand.invoke("test-fault", { command: "Add-VMNetworkAdapter", errorId: "InjectedFailure" });
    const inputs = {
      vmName: "rollback",
      memoryStartupMB: 512,
      guest: linux,
      networkAdapters: [{ name: "lan" }],
    };
    await assert.rejects(
      f.host.checkAndCreate(urn("rb"), vm(inputs)),
      (e: Error) => initFailureOf(e) === undefined,
    );
    assert.deepEqual(await listVms(f.outOfBand), [], "no VM is left behind");

    await f.outOfBand.invoke("test-fault", { command: "Remove-VM", errorId: "InjectedRollbackFailure" });
    const failure = await f.host.checkAndCreate(urn("rb"), vm(inputs)).then(
      () => assert.fail("create must fail"),
      (e: unknown) => initFailureOf(e),
    );
    const [leaked] = await listVms(f.outOfBand);
    assert.ok(failure, "the error carries Pulumi's partial-failure details");
    assert.equal(failure.id, leaked.id, "the id of the VM that could not be removed");
    assert.equal(
      failure.properties.__provider,
      f.providers.VirtualMachine,
      "with __provider, so destroy can load the provider",
    );
    assert.equal(failure.properties.vmName, "rollback");
    assert.deepEqual(failure.properties.networkAdapters, [
      { name: "lan", legacy: false, mtu: 1500, vmqWeight: 0 },
    ]);
    await f.outOfBand.invoke("test-fault", { clear: true });
    await f.host.delete(urn("rb"), failure.id, failure.properties);
    assert.deepEqual(await listVms(f.outOfBand), []);
  });

  it("adopts an existing VM by id and converges it, without recreating it", async () => {
    const existing = await f.host.checkAndCreate(
      urn("old"),
      vm({ vmName: "legacy-vm", memoryStartupMB: 512, guest: { family: "windows" }, notes: "made by hand" }),
    );
    const adopted = await f.host.checkAndCreate(
      urn("adopt"),
      vm({
        vmName: "adopted",
        memoryStartupMB: 512,
        guest: { family: "windows" },
        notes: "managed",
        adoptVmId: existing.id.toUpperCase(),
      }),
    );
    assert.equal(adopted.id, existing.id);
    const vms = await listVms(f.outOfBand);
    assert.deepEqual(
      vms.map((v) => [v.id, v.name, v.notes]),
      [[existing.id, "adopted", "managed"]],
    );
    await assert.rejects(
      f.host.checkAndCreate(
        urn("adopt2"),
        vm({
          vmName: "x",
          memoryStartupMB: 512,
          guest: linux,
          adoptVmId: "00000000-0000-4000-8000-000000000000",
        }),
      ),
      /adoptVmId: the host has no VM with id/,
    );
  });

  it("creates 8 VMs concurrently through one provider process", async () => {
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        f.host.checkAndCreate(
          urn(`c${i}`),
          vm({ vmName: `c${i}`, memoryStartupMB: 512, guest: linux, notes: `n${i}` }),
        ),
      ),
    );
    const vms = await listVms(f.outOfBand);
    assert.equal(vms.length, 8);
    assert.deepEqual(new Set(vms.map((v) => v.id)), new Set(created.map((c) => c.id)));
    for (const c of created) assert.equal(vms.find((v) => v.id === c.id)!.notes, c.outs.notes);
  });

  it("fails check with every problem named, and runs no PowerShell for it", async () => {
    const checked = await f.host.check(
      urn("bad"),
      {},
      vm({ memoryStartupMB: 511, guest: { family: "beos" }, vmNmae: "x" }),
    );
    const properties = checked.failures.map((c) => c.property).sort();
    assert.deepEqual(properties, ["guest.family", "memoryStartupMB", "vmName", "vmNmae"]);
    assert.match(checked.failures.find((c) => c.property === "vmNmae")!.reason, /did you mean vmName/);
  });
});
