import { strict as assert } from "node:assert";
import { layOutLinuxIcsGuest } from "../../../provider/components/linux-ics-guest-layout";
import {
  guestCapabilities,
  guestIntegrationServices,
  HYPER_V_INTEGRATION_SERVICES,
  inKernelRow,
  type GuestSpec,
} from "../../../provider/model";
import { IN_KERNEL_GUESTS } from "../../../provider/model/in-kernel-guests";
import { applyVirtualMachineDefaults } from "../../../provider/model/virtual-machine-defaults";
import { freshVm } from "../../../provider/plan";
import { simulatedGuest } from "../../../provider/resources/simulated-guest";

describe("model: integration services", () => {
  const rhel64 = { distribution: "rhel", version: "6.4", architecture: "x64" as const };

  it("Hyper-V's defaults are the fresh VM's and a Windows guest's", () => {
    assert.deepEqual(freshVm({ vmName: "a", generation: 2, memoryStartupMB: 512 }).integrationServices, {
      ...HYPER_V_INTEGRATION_SERVICES,
    });
  });

  it("a guest answers what its capabilities provide, KVP and VSS only with a needed daemons package", () => {
    const row = IN_KERNEL_GUESTS.find((r) => r.daemons.package && r.daemons.keyValuePair && r.daemons.vss);
    assert.ok(row, "a row whose KVP and VSS need the daemons package");
    const guest = { distribution: row.distribution, version: row.versions[0]!, architecture: "x64" as const };
    const caps = guestCapabilities("in-kernel", guest);
    const without = guestIntegrationServices(caps, inKernelRow(guest)?.daemons, false);
    const withDaemons = guestIntegrationServices(caps, inKernelRow(guest)?.daemons, true);
    assert.equal(without.keyValuePairExchange, false);
    assert.equal(without.vss, false);
    assert.equal(withDaemons.keyValuePairExchange, caps.keyValuePairExchange);
    assert.equal(withDaemons.vss, caps.liveBackup);
    assert.equal(withDaemons.guestServiceInterface, false);
  });

  it("the VM defaults, LinuxIcsGuest and the simulated guest read the same mapping", () => {
    const caps = guestCapabilities("linux-ics-v2", rhel64);
    const expected = guestIntegrationServices(caps);
    const planned = layOutLinuxIcsGuest({
      vmName: "g",
      ...rhel64,
      integrationComponents: "linux-ics-v2",
      ntpServers: ["ntp.example"],
      memoryMB: 1024,
      diskSizeGB: 16,
    } as Parameters<typeof layOutLinuxIcsGuest>[0]);
    assert.deepEqual(planned.vm.integrationServices, expected);
    const spec = applyVirtualMachineDefaults({
      vmName: "g",
      generation: 1,
      memoryStartupMB: 512,
      guest: { family: "linux", ...rhel64, integrationComponents: "in-kernel" },
      networkAdapters: [],
      integrationServices: {},
      timeSync: { ntpServers: [], maxPollSeconds: 1024 },
    } as never);
    const inKernel = { family: "linux", ...rhel64, integrationComponents: "in-kernel" } as GuestSpec;
    const row = inKernelRow(rhel64);
    assert.deepEqual(
      spec.integrationServices,
      guestIntegrationServices(guestCapabilities("in-kernel", rhel64), row?.daemons, false),
    );
    const names = simulatedGuest(inKernel).answeringServices;
    const inKernelServices = guestIntegrationServices(guestCapabilities("in-kernel", rhel64));
    assert.equal(names.includes("Heartbeat"), inKernelServices.heartbeat);
    assert.equal(names.includes("Time Synchronization"), inKernelServices.timeSynchronization);
  });
});
