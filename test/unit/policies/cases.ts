/**
 * One violating change per policy, and what each release and readme edition must report for it
 * under the default config. Used by the pure-API tests and by the policy host tests.
 */
import { guestCapabilities, type GuestCapabilities } from "../../../policies/matrix";
import { subjectOf, type Target, type VmInput } from "./fixtures";

type Edition = "2009-07" | "2009-10" | "2010-01";

export interface PolicyCase {
  policy: string;
  /** Makes a compliant input violate the policy for guests whose release lacks the capability. */
  violate(vm: VmInput, release: Target): void;
  /** Levels of the findings the policy must report for the violating input. */
  expected(release: Target, edition: Edition): string[];
  /** The policy has a remediation that fixes `violate`'s change for this release. */
  remediable: boolean | ((release: Target) => boolean);
  /** The change makes the VM generation 2 (which boots x64 guests only). */
  generation2?: boolean;
}

const nic = (vm: VmInput) => (vm.networkAdapters as Record<string, unknown>[])[0];
/** What the drivers of the target's guest can do. */
export const caps = (target: Target) => {
  const { release, guest } = subjectOf(target);
  return guestCapabilities(release, guest);
};
/** `levels` for releases that lack `capability`, nothing for the others. */
const unless = (capability: keyof GuestCapabilities, levels: string[]) => (release: Target) =>
  caps(release)[capability] ? [] : levels;
/** Hyper-V gives a generation 1 VM at most 64 virtual processors. */
const GENERATION_1_MAX_VCPUS = 64;

export const POLICY_CASES: PolicyCase[] = [
  {
    policy: "linux-ics-single-vcpu",
    violate: (vm, release) =>
      (vm.processorCount = Math.min(caps(release).maxVirtualProcessors + 1, GENERATION_1_MAX_VCPUS)),
    // A release supporting as many processors as a generation 1 VM can have cannot exceed it there.
    expected: (release) => (caps(release).maxVirtualProcessors < GENERATION_1_MAX_VCPUS ? ["mandatory"] : []),
    remediable: true,
  },
  {
    policy: "linux-ics-emulated-devices-only",
    violate: (vm) => {
      vm.guest = { ...vm.guest, distribution: "debian", version: "5.0" };
      nic(vm).legacy = false;
      vm.hardDisks = [
        {
          path: "C:\\Hyper-V\\web01\\data.vhd",
          controllerType: "SCSI",
          controllerNumber: 0,
          controllerLocation: 0,
        },
      ];
    },
    expected: () => ["mandatory", "mandatory"],
    remediable: false,
  },
  {
    policy: "linux-ics-ntp-required",
    violate: (vm) => (vm.timeSync = { ntpServers: [], maxPollSeconds: 4096 }),
    expected: unless("hostTimeSync", ["mandatory", "mandatory"]),
    remediable: false,
  },
  {
    policy: "linux-ics-host-time-sync-unavailable",
    violate: (vm) => (vm.integrationServices = { timeSynchronization: true }),
    expected: unless("hostTimeSync", ["advisory"]),
    remediable: true,
  },
  {
    policy: "linux-ics-shutdown-integration-unavailable",
    violate: (vm) => {
      vm.automaticStopAction = "ShutDown";
      vm.integrationServices = { shutdown: true };
    },
    expected: unless("shutdownIntegration", ["mandatory", "advisory"]),
    remediable: false,
  },
  {
    policy: "linux-ics-saved-state-clock-skew",
    violate: (vm) => (vm.timeSync = { ntpServers: ["ntp1.example.com"], stepOnResume: false }),
    expected: unless("hostTimeSync", ["advisory"]),
    remediable: true,
  },
  {
    policy: "linux-ics-network-offloads-unavailable",
    violate: (vm) => Object.assign(nic(vm), { legacy: false, vmqWeight: 100, mtu: 9000 }),
    expected: (release) => [
      ...unless("networkOffloads", ["mandatory"])(release),
      ...unless("jumboFrames", ["mandatory"])(release),
    ],
    remediable: true,
  },
  {
    policy: "linux-ics-live-backup-unavailable",
    violate: (vm) => (vm.integrationServices = { vss: true }),
    expected: unless("liveBackup", ["advisory"]),
    remediable: true,
  },
  {
    policy: "linux-ics-mouse-integration",
    violate: (vm) => (vm.guest = { ...vm.guest, mouseIntegration: true }),
    expected: unless("mouseDriver", ["mandatory"]),
    remediable: false,
  },
  {
    policy: "linux-ics-generation-1",
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
    },
    expected: unless("generation2", ["mandatory"]),
    remediable: false,
    generation2: true,
  },
  {
    policy: "linux-ics-dynamic-memory-unavailable",
    violate: (vm) => (vm.dynamicMemory = { minimumMB: 512, maximumMB: 2048 }),
    // No hot-add or ballooning: refused; ballooning only: the maximum above startup is advisory.
    expected: (release) =>
      caps(release).memoryHotAdd ? [] : caps(release).memoryBallooning ? ["advisory"] : ["mandatory"],
    remediable: (release) => !caps(release).memoryHotAdd && !caps(release).memoryBallooning,
  },
];
