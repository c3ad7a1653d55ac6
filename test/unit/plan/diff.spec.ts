import { strict as assert } from "node:assert";
import { UNKNOWN } from "../../../provider/model";
import { diffVirtualHardDisk, diffVirtualMachine, diffVirtualSwitch } from "../../../provider/plan";

describe("plan: diffs", () => {
  const vm = { vmName: "a", generation: 1, notes: "", hardDisks: [{ path: "C:\\A.vhdx" }] };

  it("ignores __provider and the computed outputs", () => {
    const d = diffVirtualMachine(
      { ...vm, __provider: "old", vmId: "x", macAddresses: {}, ntpConf: "c" },
      { ...vm, __provider: "new" },
    );
    assert.deepEqual(d, { changedKeys: [], replaces: [], deleteBeforeReplace: false });
  });

  it("renames in place, replaces (delete first) on generation, compares paths without case", () => {
    assert.deepEqual(diffVirtualMachine(vm, { ...vm, vmName: "b" }).replaces, []);
    assert.deepEqual(diffVirtualMachine(vm, { ...vm, vmName: "b" }).changedKeys, ["vmName"]);
    const replaced = diffVirtualMachine(vm, { ...vm, generation: 2 });
    assert.deepEqual([replaced.replaces, replaced.deleteBeforeReplace], [["generation"], true]);
    assert.deepEqual(diffVirtualMachine(vm, { ...vm, hardDisks: [{ path: "c:\\a.VHDX" }] }).changedKeys, []);
  });

  it("replaces a resource on another host create-first: the new host reuses no name or path of the old", () => {
    const moved = diffVirtualMachine({ ...vm, host: "simulator" }, { ...vm, generation: 2, host: "local" });
    assert.deepEqual([moved.replaces, moved.deleteBeforeReplace], [["generation", "host"], false]);
    const disk = { path: "C:\\a.vhdx", type: "Dynamic", host: "simulator" };
    const diskMoved = diffVirtualHardDisk(disk, { ...disk, host: "simulator://hv01" });
    assert.deepEqual([diskMoved.replaces, diskMoved.deleteBeforeReplace], [["host"], false]);
    const sw = { switchName: "a", type: "Private", host: "simulator" };
    const swMoved = diffVirtualSwitch(sw, { ...sw, host: "ssh://admin@hv02" });
    assert.deepEqual([swMoved.replaces, swMoved.deleteBeforeReplace], [["host"], false]);
  });

  it("takes an unknown value at preview as a change (a replace where the key replaces)", () => {
    assert.deepEqual(diffVirtualMachine(vm, { ...vm, notes: UNKNOWN }).changedKeys, ["notes"]);
    assert.deepEqual(diffVirtualMachine(vm, { ...vm, generation: UNKNOWN }).replaces, ["generation"]);
    assert.deepEqual(diffVirtualMachine(vm, { ...vm, hardDisks: [{ path: UNKNOWN }] }).changedKeys, [
      "hardDisks",
    ]);
  });

  it("counts a removed optional input as a change", () => {
    assert.deepEqual(
      diffVirtualMachine({ ...vm, dynamicMemory: { minimumMB: 2, maximumMB: 4 } }, vm).changedKeys,
      ["dynamicMemory"],
    );
  });

  it("grows disks in place, replaces them on path, type, parent or host", () => {
    const disk = {
      path: "C:\\a.vhdx",
      type: "Dynamic",
      sizeBytes: 1024,
      vhdFormat: "VHDX",
      fileSizeBytes: 4,
    };
    assert.deepEqual(diffVirtualHardDisk(disk, { path: "C:\\a.vhdx", type: "Dynamic", sizeBytes: 2048 }), {
      changedKeys: ["sizeBytes"],
      replaces: [],
      deleteBeforeReplace: false,
    });
    assert.deepEqual(diffVirtualHardDisk(disk, { path: "C:\\A.VHDX", type: "Dynamic" }).changedKeys, []);
    assert.deepEqual(
      diffVirtualHardDisk(disk, { path: "C:\\b.vhdx", type: "Fixed", sizeBytes: 1024 }).replaces,
      ["path", "type"],
    );
  });

  it("replaces a switch on any input change", () => {
    const sw = { switchName: "a", type: "Private", notes: "", switchId: "id" };
    assert.deepEqual(diffVirtualSwitch(sw, { switchName: "a", type: "Private", notes: "" }).changedKeys, []);
    assert.deepEqual(diffVirtualSwitch(sw, { switchName: "a", type: "Private", notes: "x" }).replaces, [
      "notes",
    ]);
  });
});
