import { strict as assert } from "node:assert";
import * as api from "../../provider";

describe("the package's public API (provider/index.ts)", () => {
  it("exports the VM model and the PowerShell runtime side by side", () => {
    assert.equal(api.VIRTUAL_MACHINE_TYPE, "pulumi-nodejs:dynamic/hyperv:VirtualMachine");
    const parsed = api.parseVirtualMachine(
      { memoryStartupMB: 1024, guest: { family: "linux", distribution: "sles", version: "11" } },
      { resourceName: "web" },
    );
    assert.ok(parsed.ok);
    assert.equal(parsed.spec.vmName, "web");
    assert.equal(parsed.spec.processorCount, 1);
    assert.equal(typeof api.createPool, "function");
    assert.ok(new api.NotFoundError("gone", { operation: "vm-get" }) instanceof api.HyperVError);
    assert.equal(typeof api.LinuxIcsGuest, "function");
    assert.equal(
      api.layOutLinuxIcsGuest({
        vmName: "web",
        distribution: "sles",
        version: "11",
        memoryMB: 512,
        diskSizeGB: 8,
        ntpServers: ["ntp1.example.com"],
      }).synthetic,
      true,
    );
  });
});
