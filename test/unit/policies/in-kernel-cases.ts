/**
 * One violating change per policy of the in-kernel guests, and what each guest must report for it
 * under the default config: the levels follow from the guest's row of the in-kernel matrix.
 */
import { inKernelRow } from "../../../policies/matrix";
import { caps, type PolicyCase } from "./cases";
import { subjectOf, type Target, type VmInput } from "./fixtures";

const nic = (vm: VmInput) => (vm.networkAdapters as Record<string, unknown>[])[0];
const rowOf = (target: Target) => {
  const { release, guest } = subjectOf(target);
  return release === "in-kernel" ? inKernelRow(guest) : undefined;
};
const dynamicMemory = (target: Target) => caps(target).memoryHotAdd || caps(target).memoryBallooning;

export const IN_KERNEL_POLICY_CASES: PolicyCase[] = [
  {
    policy: "linux-secure-boot-template",
    violate: (vm) => {
      vm.generation = 2;
      vm.hardDisks = [
        {
          path: "C:\\Hyper-V\\web01\\root.vhdx",
          controllerType: "SCSI",
          controllerNumber: 0,
          controllerLocation: 0,
        },
      ];
      vm.dvdDrives = [];
      nic(vm).legacy = false;
      vm.firmware = { secureBoot: true, secureBootTemplate: "MicrosoftWindows" };
    },
    // Secure boot with the Windows template, or secure boot at all where the row does not document it.
    expected: (target) => (caps(target).generation2 ? ["mandatory"] : []),
    remediable: (target) => caps(target).generation2,
    generation2: true,
  },
  {
    policy: "linux-ptp-time-source",
    violate: (vm) => (vm.timeSync = { ntpServers: [], ptpRefclock: false }),
    expected: (target) => (caps(target).hostTimeViaPtp ? ["mandatory"] : []),
    remediable: (target) => caps(target).hostTimeViaPtp,
  },
  {
    policy: "linux-ptp-time-source",
    violate: (vm) => (vm.timeSync = { ntpServers: ["ntp1.example.com"], ptpRefclock: true }),
    expected: (target) => {
      const c = caps(target);
      const levels = c.hostTimeSync ? [] : ["mandatory"]; // the service defaults to off without host time sync
      if (!c.hostTimeViaPtp)
        levels.push(rowOf(target)?.ptpClock.value === "unknown" ? "advisory" : "mandatory");
      return levels;
    },
    remediable: false,
  },
  {
    policy: "linux-hyperv-daemons-required",
    violate: (vm) => {
      vm.guest = { ...vm.guest, hypervDaemons: false };
      vm.integrationServices = { keyValuePairExchange: true, vss: true, guestServiceInterface: true };
    },
    expected: (target) => {
      const daemons = rowOf(target)?.daemons;
      if (!daemons?.package) return [];
      return [daemons.keyValuePair, daemons.vss, daemons.fileCopy].filter(Boolean).map(() => "mandatory");
    },
    remediable: false,
  },
  {
    policy: "linux-dynamic-memory-multiple-of-128mb",
    violate: (vm) => {
      vm.memoryStartupMB = 1000;
      vm.dynamicMemory = { minimumMB: 500, maximumMB: 2000 };
    },
    expected: (target) => (rowOf(target)?.memoryMultipleOf128MB && dynamicMemory(target) ? ["advisory"] : []),
    remediable: (target) => Boolean(rowOf(target)?.memoryMultipleOf128MB && dynamicMemory(target)),
  },
];
