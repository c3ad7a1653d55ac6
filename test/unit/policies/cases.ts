/**
 * One violating change per policy, and what each release and readme edition must report for it
 * under the default config. Used by the pure-API tests and by the policy host tests.
 */
import { GUEST_SUPPORT } from "../../../policies/matrix";
import type { Release, VmInput } from "./fixtures";

type Edition = "2009-07" | "2009-10" | "2010-01";

export interface PolicyCase {
  policy: string;
  /** Makes a compliant input violate the policy for guests whose release lacks the capability. */
  violate(vm: VmInput, release: Release): void;
  /** Levels of the findings the policy must report for the violating input. */
  expected(release: Release, edition: Edition): string[];
  /** The policy has a remediation that fixes `violate`'s change. */
  remediable: boolean;
}

const nic = (vm: VmInput) => (vm.networkAdapters as Record<string, unknown>[])[0];
const unlessLis = (levels: string[]) => (release: Release) => (release === "lis-2.1" ? [] : levels);

export const POLICY_CASES: PolicyCase[] = [
  {
    policy: "linux-ics-single-vcpu",
    violate: (vm, release) =>
      (vm.processorCount = GUEST_SUPPORT[release].capabilities.maxVirtualProcessors + 1),
    expected: () => ["mandatory"],
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
    expected: unlessLis(["mandatory", "mandatory"]),
    remediable: false,
  },
  {
    policy: "linux-ics-host-time-sync-unavailable",
    violate: (vm) => (vm.integrationServices = { timeSynchronization: true }),
    expected: unlessLis(["advisory"]),
    remediable: true,
  },
  {
    policy: "linux-ics-shutdown-integration-unavailable",
    violate: (vm) => {
      vm.automaticStopAction = "ShutDown";
      vm.integrationServices = { shutdown: true };
    },
    expected: unlessLis(["mandatory", "advisory"]),
    remediable: false,
  },
  {
    policy: "linux-ics-saved-state-clock-skew",
    violate: (vm) => (vm.timeSync = { ntpServers: ["ntp1.example.com"], stepOnResume: false }),
    expected: unlessLis(["advisory"]),
    remediable: true,
  },
  {
    policy: "linux-ics-network-offloads-unavailable",
    violate: (vm) => Object.assign(nic(vm), { legacy: false, vmqWeight: 100, mtu: 9000 }),
    expected: () => ["mandatory", "mandatory"],
    remediable: true,
  },
  {
    policy: "linux-ics-live-backup-unavailable",
    violate: (vm) => (vm.integrationServices = { vss: true }),
    expected: () => ["advisory"],
    remediable: true,
  },
  {
    policy: "linux-ics-mouse-integration",
    violate: (vm) => (vm.guest = { ...vm.guest, mouseIntegration: true }),
    expected: () => ["mandatory"],
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
    expected: () => ["mandatory"],
    remediable: false,
  },
];
