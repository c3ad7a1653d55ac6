import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseVirtualHardDisk, parseVirtualMachine, parseVirtualSwitch } from "../../provider/model";
import { CANARY_VARIABLE, hostileStrings } from "../powershell/hostile-strings";
import { urnOf } from "./provider-host";
import { listVms, startSimulatorFixture, type SimulatorFixture } from "./vm-support";

const vmWith = (extra: Record<string, unknown>) => ({
  vmName: "v",
  memoryStartupMB: 512,
  guest: { family: "windows" },
  ...extra,
});
/**
 * Every fifth hostile string by default (a fifth of the set, spread evenly over every kind): the whole
 * set costs some 700 host calls, over ten minutes on a small machine. HYPERV_HOSTILE_FULL=1 runs them all.
 */
const strings = hostileStrings().filter((_, i) => process.env.HYPERV_HOSTILE_FULL === "1" || i % 5 === 0);
/** The hostile strings each input accepts (the others are check failures, tested elsewhere). */
const accepted = {
  vmName: strings.filter((s) => parseVirtualMachine(vmWith({ vmName: s })).ok),
  notes: strings.filter((s) => parseVirtualMachine(vmWith({ notes: s })).ok),
  adapterName: strings.filter((s) => parseVirtualMachine(vmWith({ networkAdapters: [{ name: s }] })).ok),
  switchName: strings.filter((s) => parseVirtualSwitch({ switchName: s }).ok),
  // A file name has no separators, and Windows file names compare without case.
  vhdPath: [
    ...new Map(
      strings
        .filter((s) => !/[\\/]/.test(s))
        .map((s) => `C:\\hostile\\${s}.vhdx`)
        .filter((p) => parseVirtualHardDisk({ path: p, sizeGB: 1 }).ok)
        .map((p) => [p.toLowerCase(), p]),
    ).values(),
  ],
};

/** Runs `task` over `items`, `width` at a time. */
async function inBatches<T, R>(
  items: T[],
  width: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += width) {
    results.push(...(await Promise.all(items.slice(i, i + width).map((item, j) => task(item, i + j)))));
  }
  return results;
}

describe("hostile strings as VM names, notes, adapter names, switch names and VHD file names", function () {
  this.timeout(900_000);
  let f: SimulatorFixture;
  let canary: string;
  before(async () => {
    canary = join(mkdtempSync(join(tmpdir(), "hyperv-canary-")), "canary-file");
    // One session: calls in sequence keep the simulator's parsed state warm (parallel sessions re-read it).
    f = await startSimulatorFixture({ "hyperv:poolSize": "1" }, { [CANARY_VARIABLE]: canary });
  });
  after(async () => f && (await f.dispose()));

  it("every accepted string reaches the simulator unchanged, reads back unchanged, and runs nothing", async () => {
    assert.ok(accepted.vmName.length > 25 && accepted.switchName.length > 60 && accepted.vhdPath.length > 25);
    // VMs first, while the host holds few objects.
    const perVm = Math.ceil(accepted.adapterName.length / accepted.vmName.length);
    const vms = await inBatches(accepted.vmName, 1, (vmName, i) =>
      f.host.checkAndCreate(urnOf("VirtualMachine", `v${i}`), {
        __provider: f.providers.VirtualMachine,
        ...vmWith({
          vmName,
          notes: accepted.notes[accepted.switchName.length + i] ?? "",
          generation: 2,
          state: "Off",
          networkAdapters: accepted.adapterName.slice(i * perVm, (i + 1) * perVm).map((name) => ({ name })),
        }),
      }),
    );
    const switches = await inBatches(accepted.switchName, 1, (name, i) =>
      f.host.checkAndCreate(urnOf("VirtualSwitch", `s${i}`), {
        __provider: f.providers.VirtualSwitch,
        switchName: name,
        notes: accepted.notes[i] ?? "",
      }),
    );
    const disks = await inBatches(accepted.vhdPath, 1, (path, i) =>
      f.host.checkAndCreate(urnOf("VirtualHardDisk", `d${i}`), {
        __provider: f.providers.VirtualHardDisk,
        path,
        sizeGB: 1,
      }),
    );
    // Switch names as an adapter's switch, and a disk with a hostile file name attached to a VM.
    const connected = await f.host.checkAndCreate(urnOf("VirtualMachine", "connected"), {
      __provider: f.providers.VirtualMachine,
      ...vmWith({
        vmName: "connected",
        generation: 2,
        state: "Off",
        networkAdapters: accepted.switchName
          .slice(0, 8)
          .map((switchName, i) => ({ name: `n${i}`, switchName })),
        hardDisks: accepted.vhdPath
          .slice(0, 8)
          .map((path, i) => ({ path, controllerType: "SCSI", controllerNumber: 0, controllerLocation: i })),
      }),
    });
    assert.deepEqual(connected.outs.networkAdapters, connected.inputs.networkAdapters);
    assert.deepEqual(connected.outs.hardDisks, connected.inputs.hardDisks);

    // What the provider reported back...
    switches.forEach((s, i) => {
      assert.equal(s.outs.switchName, accepted.switchName[i]);
      assert.equal(s.outs.notes, accepted.notes[i] ?? "");
    });
    disks.forEach((d, i) => assert.equal(d.outs.path, accepted.vhdPath[i]));
    vms.forEach((v, i) => {
      assert.equal(v.outs.vmName, accepted.vmName[i]);
      assert.deepEqual(v.outs.networkAdapters, v.inputs.networkAdapters);
      assert.equal(v.outs.notes, v.inputs.notes);
    });
    // ...is what the simulated host holds, seen out of band...
    const listed = new Map((await listVms(f.outOfBand)).map((v) => [v.id, v]));
    for (const v of [...vms, connected]) {
      const vm = listed.get(v.id)!;
      assert.deepEqual(
        [vm.name, vm.notes, vm.adapters],
        [v.outs.vmName, v.outs.notes, (v.outs.networkAdapters as { name: string }[]).map((n) => n.name)],
      );
    }
    const reported = await f.outOfBand.invoke<{ name: string; notes: string }[]>("test-switch-list", {});
    assert.deepEqual(reported.map((s) => s.name).sort(), [...accepted.switchName].sort());
    // ...and reads back unchanged.
    for (const [i, v] of vms.entries()) {
      if (i % 10 !== 0) continue;
      assert.deepEqual((await f.host.read(urnOf("VirtualMachine", `v${i}`), v.id, v.outs)).props, v.outs);
    }
    for (const [i, d] of disks.entries()) {
      if (i % 10 !== 0) continue;
      assert.deepEqual((await f.host.read(urnOf("VirtualHardDisk", `d${i}`), d.id, d.outs)).props, d.outs);
    }
    assert.equal(existsSync(canary), false, "no hostile string ran as code");
  });
});
