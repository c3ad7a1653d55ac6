/** Test data: what the VM scripts report of a VM (`vm-read`, `vm-list`), shared by the specs that need one. */
import type { VmDescription } from "../../../provider/resources/vm-description";

/** A VM as `vm-list` reports it on the simulator: one synthetic adapter with VMQ on, every service on. */
export function vmDescription(vmName: string, change: Partial<VmDescription> = {}): VmDescription {
  return {
    vmId: `00000000-0000-0000-0000-${String(vmName.length).padStart(12, "0")}`,
    vmName,
    generation: 1,
    state: "Off",
    processorCount: 1,
    memoryStartupMB: 512,
    dynamicMemory: null,
    networkAdapters: [
      {
        name: "Network Adapter",
        switchName: null,
        legacy: false,
        macAddress: "000000000000",
        dynamicMacAddress: true,
        vlanId: null,
        vmqWeight: 0,
      },
    ],
    hardDisks: [],
    dvdDrives: [],
    integrationServices: {
      heartbeat: true,
      keyValuePairExchange: true,
      shutdown: false,
      timeSynchronization: false,
      vss: false,
      guestServiceInterface: false,
    },
    automaticStartAction: "StartIfRunning",
    automaticStopAction: "TurnOff",
    notes: "",
    scsiControllerCount: 1,
    ...change,
  };
}
