import { strict as assert } from "node:assert";
import { normalizeWindowsPath, parseVirtualHardDisk, parseVirtualMachine } from "../../../provider/model";

describe("model: Windows paths are normalized once, by one rule for \\ and /", () => {
  it("normalizes both separators, empty and . segments, and .. that stays inside the root", () => {
    for (const [given, normalized] of [
      ["C:\\VMs\\web\\root.vhdx", "C:\\VMs\\web\\root.vhdx"],
      ["C:/VMs/web/root.vhdx", "C:\\VMs\\web\\root.vhdx"],
      ["C:\\VMs//web\\.\\root.vhdx", "C:\\VMs\\web\\root.vhdx"],
      ["C:\\VMs\\old\\..\\web/root.vhdx", "C:\\VMs\\web\\root.vhdx"],
      ["\\\\nas\\vms\\web\\..\\root.vhdx", "\\\\nas\\vms\\root.vhdx"],
      ["//nas/vms/root.vhdx", "\\\\nas\\vms\\root.vhdx"],
    ]) {
      assert.deepEqual(normalizeWindowsPath(given), { path: normalized }, given);
    }
  });

  /** Paths that would land outside the area they name, reach a device, or be cut short. */
  const HOSTILE: [string, RegExp][] = [
    ["\\\\../..\\outside-disks\\x.vhdx", /real server and share/],
    ["\\\\../..\\hosts\\hv01\\disks\\c\\x.vhdx", /real server and share/],
    ["//../../outside/x.vhdx", /real server and share/],
    ["\\\\nas\\..\\x.vhdx", /real server and share/],
    ["C:\\..\\x.vhdx", /must not leave its drive/],
    ["C:/VMs/../../x.vhdx", /must not leave its drive/],
    ["C:\\VMs\\..\\..\\Windows\\x.vhdx", /must not leave its drive/],
    ["\\\\nas\\vms\\a\\..\\..\\x.vhdx", /must not leave its share/],
    ["\\\\.\\PhysicalDrive0\\x.vhdx", /device path/],
    ["\\\\?\\C:\\x.vhdx", /device path/],
    ["//./PhysicalDrive0/x.vhdx", /device path/],
    ["//?/C:/x.vhdx", /device path/],
    ["C:\\VMs\\x.vhdx\u0000.iso", /NUL/],
    ["C:\\VMs\\x\u0000\\y.vhdx", /NUL/],
    ["C:\\VMs\\x.vhdx.", /ending in a dot or a space/],
    ["C:\\VMs\\.. \\x.vhdx", /ending in a dot or a space/],
    ["C:\\VMs\\a:b.vhdx", /must not contain/],
    ["C:\\", /must name a file/],
    ["VMs\\x.vhdx", /absolute/],
    ["\\VMs\\x.vhdx", /absolute/],
  ];

  it("refuses .. that leaves the root, device paths, NUL and names Windows would change", () => {
    for (const [given, problem] of HOSTILE) {
      const result = normalizeWindowsPath(given);
      assert.ok("problem" in result, `${JSON.stringify(given)} is refused`);
      assert.match(result.problem, problem, given);
    }
  });

  it("every path input normalizes the same way: disks, parent disks, VM disks and DVD drives", () => {
    const disk = parseVirtualHardDisk({ path: "C:/VMs/a/../b.vhdx", parentPath: "C:/VMs/p.vhdx" });
    assert.ok(disk.ok);
    assert.deepEqual([disk.spec.path, disk.spec.parentPath], ["C:\\VMs\\b.vhdx", "C:\\VMs\\p.vhdx"]);
    const vm = parseVirtualMachine({
      vmName: "web",
      memoryStartupMB: 512,
      guest: { family: "linux" },
      hardDisks: [
        { path: "C:/VMs/web/root.vhdx", controllerType: "SCSI", controllerNumber: 0, controllerLocation: 0 },
      ],
      dvdDrives: [{ path: "C:/iso/./setup.iso", controllerNumber: 0, controllerLocation: 1 }],
      generation: 2,
    });
    assert.ok(vm.ok, JSON.stringify(vm));
    assert.equal(vm.spec.hardDisks[0].path, "C:\\VMs\\web\\root.vhdx");
    assert.equal(vm.spec.dvdDrives[0].path, "C:\\iso\\setup.iso");
    for (const [given] of HOSTILE) {
      const refused = parseVirtualHardDisk({ path: given, sizeGB: 1 });
      assert.equal(refused.ok, false, given);
      if (!refused.ok) assert.equal(refused.failures[0].property, "path");
    }
  });
});
