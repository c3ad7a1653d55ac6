import { strict as assert } from "node:assert";
import { UNKNOWN } from "../../../provider/model";
import { lazyProvider } from "../../../provider/resources/lazy-provider";
import { powerShellCalls } from "../../../provider/resources/implementation";

describe("resources: check and diff run no PowerShell", () => {
  it("checks and diffs 50 VMs, disks and switches, with values unknown at preview, without a single PowerShell call", async () => {
    const before = JSON.stringify(powerShellCalls());
    const vm = lazyProvider("VirtualMachine");
    const disk = lazyProvider("VirtualHardDisk");
    const sw = lazyProvider("VirtualSwitch");
    for (let i = 0; i < 50; i++) {
      const news = {
        vmName: `vm${i}`,
        memoryStartupMB: 512,
        guest: { family: "linux" },
        notes: i % 2 ? UNKNOWN : "x",
      };
      const checked = await vm.check!({}, news);
      assert.deepEqual(checked.failures ?? [], []);
      const diff = await vm.diff!(
        `id${i}`,
        // Off: a running ICs v2 guest could not take the new processor count (diff refuses that).
        { ...checked.inputs, vmId: `id${i}`, state: "Off" },
        { ...checked.inputs, processorCount: 2 },
      );
      assert.equal(diff.changes, true);
      const d = await disk.check!({}, { path: `C:\\d${i}.vhdx`, sizeGB: 1 });
      await disk.diff!(`C:\\d${i}.vhdx`, d.inputs, d.inputs);
      const s = await sw.check!({}, { switchName: `s${i}` });
      await sw.diff!(`s${i}`, s.inputs, s.inputs);
    }
    assert.equal(JSON.stringify(powerShellCalls()), before);
  });
});
