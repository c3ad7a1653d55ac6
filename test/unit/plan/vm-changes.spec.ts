import { strict as assert } from "node:assert";
import { parseVirtualMachine, type VirtualMachineSpec } from "../../../provider/model";
import { freshVm, planVmChanges, STEP_ORDER } from "../../../provider/plan";

function spec(input: Record<string, unknown>): VirtualMachineSpec {
  const parsed = parseVirtualMachine({
    vmName: "vm",
    memoryStartupMB: 512,
    guest: { family: "windows" },
    ...input,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.failures));
  return parsed.spec;
}
const ops = (steps: { op: string }[]) => steps.map((s) => s.op);

describe("plan: VM changes", () => {
  it("plans a create from a fresh VM: exactly the declared devices and settings, nothing needing a stop", () => {
    const desired = spec({
      processorCount: 2,
      networkAdapters: [{ name: "lan", switchName: "sw", vlanId: 3 }],
      hardDisks: [{ path: "C:\\d.vhdx", controllerType: "SCSI", controllerNumber: 1, controllerLocation: 0 }],
      dvdDrives: [{ controllerNumber: 1, controllerLocation: 0 }],
      notes: "n",
    });
    const plan = planVmChanges(freshVm(desired), desired);
    assert.deepEqual(ops(plan.steps), [
      "settings",
      "processor",
      "scsiControllers",
      "addHardDisk",
      "addDvdDrive",
      "addAdapter",
    ]);
    assert.deepEqual(
      plan.steps.find((s) => s.op === "scsiControllers"),
      { op: "scsiControllers", count: 2 },
    );
  });

  it("plans nothing when nothing changed", () => {
    const desired = spec({ networkAdapters: [{ name: "lan" }] });
    const current = { ...desired };
    assert.deepEqual(planVmChanges(current, desired), { steps: [], offReasons: [] });
  });

  it("names every change that needs the VM off, and none for changes it can take running", () => {
    const before = spec({
      networkAdapters: [{ name: "a" }],
      hardDisks: [{ path: "C:\\a.vhdx", controllerType: "IDE", controllerNumber: 0, controllerLocation: 0 }],
    });
    const hot = planVmChanges(before, {
      ...before,
      vmName: "renamed",
      notes: "x",
      networkAdapters: [{ ...before.networkAdapters[0], vlanId: 9 }],
    });
    assert.deepEqual(hot.offReasons, []);
    assert.deepEqual(ops(hot.steps), ["rename", "settings", "configureAdapter"]);
    const cold = planVmChanges(before, {
      ...before,
      processorCount: 2,
      memoryStartupMB: 1024,
      automaticStopAction: "TurnOff",
      networkAdapters: [{ ...before.networkAdapters[0], macAddress: "00155D000001" }],
      hardDisks: [],
    });
    assert.deepEqual(cold.offReasons, [
      "automaticStopAction Save -> TurnOff",
      "processorCount 1 -> 2",
      "memoryStartupMB 512 -> 1024",
      'networkAdapters["a"].macAddress',
      "hardDisks: detach IDE 0:0",
    ]);
  });

  it("replaces an adapter whose legacy flag changes and reuses a slot in one update (removals first)", () => {
    const before = spec({
      hardDisks: [{ path: "C:\\a.vhdx", controllerType: "SCSI", controllerNumber: 0, controllerLocation: 0 }],
      networkAdapters: [{ name: "n", legacy: false }],
    });
    const plan = planVmChanges(before, {
      ...before,
      hardDisks: [{ path: "C:\\b.vhdx", controllerType: "SCSI", controllerNumber: 0, controllerLocation: 0 }],
      networkAdapters: [{ ...before.networkAdapters[0], legacy: true, vmqWeight: 0 }],
    });
    assert.deepEqual(ops(plan.steps), ["removeAdapter", "removeHardDisk", "addHardDisk", "addAdapter"]);
    for (let i = 1; i < plan.steps.length; i++) {
      assert.ok(STEP_ORDER.indexOf(plan.steps[i - 1].op) <= STEP_ORDER.indexOf(plan.steps[i].op));
    }
  });

  it("treats a path in another letter case as the same disk", () => {
    const before = spec({
      hardDisks: [
        { path: "C:\\VMs\\a.vhdx", controllerType: "SCSI", controllerNumber: 0, controllerLocation: 0 },
      ],
    });
    const plan = planVmChanges(before, {
      ...before,
      hardDisks: [{ ...before.hardDisks[0], path: "c:\\vms\\A.VHDX" }],
    });
    assert.deepEqual(plan.steps, []);
  });

  it("plans firmware: secure boot changes need the VM off, a boot order that already leads is left alone", () => {
    const desired = spec({
      generation: 2,
      networkAdapters: [{ name: "lan" }],
      hardDisks: [{ path: "C:\\d.vhdx", controllerType: "SCSI", controllerNumber: 0, controllerLocation: 0 }],
      firmware: {
        secureBootTemplate: "MicrosoftUEFICertificateAuthority",
        bootOrder: ["NetworkAdapter", "HardDisk"],
      },
    });
    const create = planVmChanges(freshVm(desired), desired);
    const step = create.steps.find((s) => s.op === "firmware");
    assert.deepEqual(step, {
      op: "firmware",
      secureBootTemplate: "MicrosoftUEFICertificateAuthority",
      bootOrder: ["NetworkAdapter", "HardDisk"],
      bootDevices: {
        hardDisk: { controllerType: "SCSI", controllerNumber: 0, controllerLocation: 0 },
        networkAdapter: "lan",
      },
    });
    assert.equal(ops(create.steps).at(-1), "firmware", "after the devices it orders exist");
    assert.deepEqual(create.offReasons, ["firmware: secure boot on (MicrosoftUEFICertificateAuthority)"]);
    const asIs = {
      ...desired,
      firmware: { ...desired.firmware!, bootOrder: ["NetworkAdapter", "HardDisk", "DvdDrive"] as const },
    };
    const none = planVmChanges(
      { ...asIs, firmware: { ...asIs.firmware, bootOrder: [...asIs.firmware.bootOrder] } },
      desired,
    );
    assert.equal(
      none.steps.find((s) => s.op === "firmware"),
      undefined,
    );
    const gen1 = spec({});
    assert.equal(
      planVmChanges(freshVm(gen1), gen1).steps.find((s) => s.op === "firmware"),
      undefined,
    );
  });
});
