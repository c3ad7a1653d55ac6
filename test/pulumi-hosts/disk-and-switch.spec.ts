import { strict as assert } from "node:assert";
import { outputProblems } from "../unit/resources/documented-outputs";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { urnOf } from "./provider-host";
import { listVms, startSimulatorFixture, type SimulatorFixture } from "./vm-support";

type Props = Record<string, unknown>;

/** What the simulated host holds: its files and folders, and its state's records (none before the first save). */
function hostSnapshot(dir: string) {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .filter((path) => path !== "state.lock" && path !== "state.json")
    .sort();
  const saved = readdirSync(dir).includes("state.json");
  const state = saved
    ? (JSON.parse(readFileSync(join(dir, "state.json"), "utf8")) as Record<string, Props>)
    : { vhds: {}, vms: {}, switches: {} };
  return { files, vhds: state.vhds, vms: state.vms, switches: state.switches };
}

describe("VirtualHardDisk and VirtualSwitch through Pulumi's dynamic provider host (simulated Hyper-V)", function () {
  this.timeout(180_000);
  let f: SimulatorFixture;
  before(async () => (f = await startSimulatorFixture()));
  after(async () => f && (await f.dispose()));

  const disk = (inputs: Props): Props => ({ __provider: f.providers.VirtualHardDisk, ...inputs });
  const sw = (inputs: Props): Props => ({ __provider: f.providers.VirtualSwitch, ...inputs });
  const exists = (path: string) => f.outOfBand.invoke<boolean>("test-vhd-exists", { path });
  const switches = () =>
    f.outOfBand.invoke<{ id: string; name: string; type: string; notes: string }[]>("test-switch-list", {});

  it("creates Dynamic, Fixed and Differencing disks, grows one, refuses shrinking at check, deletes the files", async () => {
    const urn = urnOf("VirtualHardDisk", "os");
    const base = await f.host.checkAndCreate(urn, disk({ path: "C:\\VMs\\Base.vhdx", sizeGB: 1 }));
    assert.equal(base.id, "C:\\VMs\\Base.vhdx");
    assert.deepEqual(
      [base.outs.type, base.outs.sizeBytes, base.outs.sizeGB, base.outs.vhdFormat],
      ["Dynamic", 1024 ** 3, 1, "VHDX"],
    );
    const fixed = await f.host.checkAndCreate(
      urnOf("VirtualHardDisk", "fixed"),
      disk({ path: "C:\\VMs\\fixed.vhd", type: "fixed", sizeBytes: 4 * 1024 * 1024 }),
    );
    assert.deepEqual([fixed.outs.type, fixed.outs.vhdFormat], ["Fixed", "VHD"]);
    const child = await f.host.checkAndCreate(
      urnOf("VirtualHardDisk", "child"),
      disk({ path: "C:\\VMs\\child.vhdx", parentPath: "C:\\VMs\\Base.vhdx" }),
    );
    assert.deepEqual(
      [child.outs.type, child.outs.parentPath, child.outs.sizeBytes],
      ["Differencing", "C:\\VMs\\Base.vhdx", 1024 ** 3],
    );
    assert.equal(
      (await f.host.diff(urn, child.id, child.outs, child.inputs)).changes,
      1,
      "a size taken from the parent is no change",
    );

    const bigger = await f.host.check(urn, base.inputs, disk({ path: "C:\\VMs\\Base.vhdx", sizeGB: 2 }));
    const diff = await f.host.diff(urn, base.id, base.outs, bigger.inputs);
    assert.deepEqual([diff.changes, diff.replaces], [2, []]);
    const grown = await f.host.update(urn, base.id, base.outs, bigger.inputs);
    assert.equal(grown.sizeBytes, 2 * 1024 ** 3);
    const smaller = await f.host.check(urn, bigger.inputs, disk({ path: "C:\\VMs\\Base.vhdx", sizeGB: 1 }));
    assert.deepEqual(
      smaller.failures.map((x) => x.property),
      ["sizeGB"],
    );
    assert.match(smaller.failures[0].reason, /must not shrink/);
    const moved = await f.host.diff(
      urn,
      base.id,
      grown,
      (await f.host.check(urn, {}, disk({ path: "C:\\VMs\\other.vhdx", sizeGB: 2 }))).inputs,
    );
    assert.deepEqual([moved.replaces, moved.deleteBeforeReplace], [["path"], true]);
    assert.equal((await f.host.read(urn, base.id, grown)).props.sizeBytes, 2 * 1024 ** 3);

    for (const d of [child, fixed]) await f.host.delete(urn, d.id, d.outs);
    await f.host.delete(urn, base.id, grown);
    for (const path of ["C:\\VMs\\Base.vhdx", "C:\\VMs\\child.vhdx", "C:\\VMs\\fixed.vhd"])
      assert.equal(await exists(path), false);
    assert.equal(
      (await f.host.read(urn, base.id, grown)).id,
      "",
      "a disk whose file is gone leaves the state",
    );
  });

  it("refuses to create a disk over an existing file", async () => {
    const urn = urnOf("VirtualHardDisk", "dup");
    const first = await f.host.checkAndCreate(urn, disk({ path: "C:\\VMs\\dup.vhdx", sizeGB: 1 }));
    await assert.rejects(
      f.host.checkAndCreate(urn, disk({ path: "c:\\vms\\DUP.vhdx", sizeGB: 1 })),
      /already exists/,
    );
    await f.host.delete(urn, first.id, first.outs);
  });

  it("creates Private, Internal and External switches, reads them, replaces on change, removes them", async () => {
    const urn = urnOf("VirtualSwitch", "lan");
    const made = [];
    for (const inputs of [
      { switchName: "private", notes: "p" },
      { switchName: "internal", type: "internal" },
      { switchName: "external", type: "External", netAdapterName: "Ethernet", allowManagementOs: false },
    ]) {
      made.push(await f.host.checkAndCreate(urn, sw(inputs)));
    }
    assert.deepEqual((await switches()).map((s) => [s.name, s.type]).sort(), [
      ["external", "External"],
      ["internal", "Internal"],
      ["private", "Private"],
    ]);
    assert.deepEqual(
      [made[2].outs.type, made[2].outs.allowManagementOs, made[2].outs.switchId],
      ["External", false, made[2].id],
    );
    assert.deepEqual((await f.host.read(urn, made[0].id, made[0].outs)).props, made[0].outs);
    const renamed = await f.host.check(urn, made[0].inputs, sw({ switchName: "private2", notes: "p" }));
    const diff = await f.host.diff(urn, made[0].id, made[0].outs, renamed.inputs);
    assert.deepEqual([diff.replaces, diff.deleteBeforeReplace], [["switchName"], true]);
    const bad = await f.host.check(urn, {}, sw({ switchName: "x", type: "External" }));
    assert.deepEqual(
      bad.failures.map((x) => x.property),
      ["netAdapterName"],
    );
    for (const m of made) await f.host.delete(urn, m.id, m.outs);
    assert.deepEqual(await switches(), []);
    assert.equal((await f.host.read(urn, made[0].id, made[0].outs)).id, "");
  });

  it("refuses to create a second switch with a name the host already has (a second stack of the same program)", async () => {
    const first = await f.host.checkAndCreate(urnOf("VirtualSwitch", "lan"), sw({ switchName: "lan" }));
    await assert.rejects(
      f.host.checkAndCreate(urnOf("VirtualSwitch", "lan"), sw({ switchName: "LAN", type: "Internal" })),
      (error: Error) => {
        assert.match(error.message, /A virtual switch named "LAN" already exists on this host/);
        assert.match(error.message, new RegExp(`id ${first.id}`));
        assert.match(error.message, /another switchName/);
        assert.match(error.message, /ResourceExists: SwitchNameTaken/);
        return true;
      },
    );
    assert.deepEqual(
      (await switches()).map((s) => s.id),
      [first.id],
      "no duplicate is left behind",
    );
    await f.host.delete(urnOf("VirtualSwitch", "lan"), first.id, first.outs);
  });

  it("connects a VM's adapter to a switch created by a VirtualSwitch, and attaches a VirtualHardDisk; deleting them leaves the host as it was", async () => {
    const before = hostSnapshot(f.stateDir);
    const lan = await f.host.checkAndCreate(
      urnOf("VirtualSwitch", "net"),
      sw({ switchName: "net", type: "Internal" }),
    );
    const os = await f.host.checkAndCreate(
      urnOf("VirtualHardDisk", "os"),
      disk({ path: "C:\\VMs\\web\\os.vhdx", sizeGB: 1 }),
    );
    const web = await f.host.checkAndCreate(urnOf("VirtualMachine", "web"), {
      __provider: f.providers.VirtualMachine,
      vmName: "web",
      memoryStartupMB: 512,
      guest: { family: "windows" },
      networkAdapters: [{ name: "lan", switchName: "net" }],
      hardDisks: [
        { path: "C:\\VMs\\web\\os.vhdx", controllerType: "IDE", controllerNumber: 0, controllerLocation: 0 },
      ],
    });
    assert.deepEqual((web.outs.networkAdapters as Props[])[0].switchName, "net");
    assert.deepEqual((web.outs.hardDisks as Props[])[0].path, "C:\\VMs\\web\\os.vhdx");
    // What the providers return is what the classes declare and the README documents.
    for (const [className, name, created] of [
      ["VirtualSwitch", "net", lan],
      ["VirtualHardDisk", "os", os],
      ["VirtualMachine", "web", web],
    ] as const) {
      assert.deepEqual(outputProblems(className, created.outs), [], className);
      const read = await f.host.read(urnOf(className, name), created.id, created.outs);
      assert.deepEqual(outputProblems(className, read.props), [], `${className} after read`);
    }
    await f.host.delete(urnOf("VirtualMachine", "web"), web.id, web.outs);
    assert.equal(await exists("C:\\VMs\\web\\os.vhdx"), true, "deleting the VM keeps its disk");
    await f.host.delete(urnOf("VirtualHardDisk", "os"), os.id, os.outs);
    await f.host.delete(urnOf("VirtualSwitch", "net"), lan.id, lan.outs);
    assert.deepEqual(await listVms(f.outOfBand), []);
    assert.deepEqual(hostSnapshot(f.stateDir), before, "no record of the deleted disk, no empty folder");
  });
});
