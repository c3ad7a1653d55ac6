import { strict as assert } from "node:assert";
import { parseVirtualMachine, UNKNOWN, type VirtualMachineSpec } from "../../../provider/model";
import { diffVirtualMachine, HardStopRequiredError } from "../../../provider/plan";

function spec(input: Record<string, unknown>): VirtualMachineSpec {
  const parsed = parseVirtualMachine({ vmName: "web", memoryStartupMB: 512, ...input });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.failures));
  return parsed.spec;
}

/** The outputs a deployment of `input` left, in power state `state`. */
function deployed(input: Record<string, unknown>, state: string): Record<string, unknown> {
  return { ...spec(input), state, vmId: "0b4c3d2e-0000-4000-8000-000000000001", macAddresses: {} };
}

const icsV2 = { guest: { family: "linux", distribution: "sles", version: "11" } };
const windows = { guest: { family: "windows" } };
const diff = (olds: Record<string, unknown>, news: Record<string, unknown>) =>
  diffVirtualMachine(olds, { ...spec(news) });

describe("plan: an update that up would refuse for want of a graceful stop fails the diff (preview)", () => {
  it("refuses a change needing a running ICs v2 guest off, naming the change and both fixes", () => {
    assert.throws(
      () => diff(deployed(icsV2, "Running"), { ...icsV2, processorCount: 2 }),
      (e: Error) =>
        e instanceof HardStopRequiredError &&
        /These changes need the VM 'web' off: processorCount 1 -> 2\./.test(e.message) &&
        /integration components linux-ics-v2\) does not answer the Shutdown integration service/.test(
          e.message,
        ) &&
        /Set allowHardStop: true/.test(e.message) &&
        /stop the VM yourself first/.test(e.message),
    );
    assert.throws(
      () =>
        diff(deployed(icsV2, "Running"), { ...icsV2, memoryStartupMB: 1024, automaticStopAction: "TurnOff" }),
      /off: automaticStopAction Save -> TurnOff, memoryStartupMB 512 -> 1024\./,
    );
  });

  it("lets the same change pass with allowHardStop, on a VM that is off, and a change that needs no stop", () => {
    assert.deepEqual(
      diff(deployed(icsV2, "Running"), { ...icsV2, processorCount: 2, allowHardStop: true }).changedKeys,
      ["allowHardStop", "processorCount"],
    );
    assert.deepEqual(diff(deployed(icsV2, "Off"), { ...icsV2, processorCount: 2 }).changedKeys, [
      "processorCount",
      "state",
    ]);
    assert.deepEqual(diff(deployed(icsV2, "Running"), { ...icsV2, notes: "x" }).changedKeys, ["notes"]);
  });

  it("lets a guest that answers an enabled Shutdown service be shut down; refuses one whose service is off, or a saved VM", () => {
    assert.deepEqual(diff(deployed(windows, "Running"), { ...windows, processorCount: 2 }).changedKeys, [
      "processorCount",
    ]);
    const serviceOff = { ...windows, integrationServices: { shutdown: false } };
    assert.throws(
      () => diff(deployed(serviceOff, "Running"), { ...serviceOff, processorCount: 2 }),
      /It is Running and its Shutdown integration service is off, so it can only be turned off hard/,
    );
    assert.throws(
      () => diff(deployed(windows, "Saved"), { ...windows, processorCount: 2 }),
      /It is Saved, so it can only be turned off hard/,
    );
  });

  it("decides nothing on values unknown at preview, nor on a replacement", () => {
    const unknownCount = { ...spec({ ...icsV2, processorCount: 2 }), processorCount: UNKNOWN };
    assert.deepEqual(diffVirtualMachine(deployed(icsV2, "Running"), unknownCount).changedKeys, [
      "processorCount",
    ]);
    const replaced = diff(deployed(icsV2, "Running"), { ...icsV2, generation: 2, processorCount: 2 });
    assert.deepEqual(replaced.replaces, ["generation"]);
  });
});
