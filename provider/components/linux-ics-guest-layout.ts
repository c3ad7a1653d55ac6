/**
 * The pure layout behind `LinuxIcsGuest`: from a guest's identity, sizing, switch and NTP servers,
 * the inputs of its boot disk and of its VM, every guest-dependent choice read from the support
 * matrix (`model/guest-support.ts`), the one table the policy pack judges with. No Pulumi, no I/O.
 */
import {
  GUEST_SUPPORT,
  guestCapabilities,
  inKernelRow,
  supportsSyntheticDevices,
  type GuestCapabilities,
  type IntegrationComponentsRelease,
} from "../model/guest-support";
import type { InKernelGuestRow } from "../model/in-kernel-guests";
import { guestIntegrationServices } from "../model/integration-services";
import type {
  AutomaticStopAction,
  DynamicMemorySpec,
  IntegrationServicesSpec,
  VmState,
} from "../model/virtual-machine-spec";
import {
  DEFAULT_DISK_FOLDER,
  LinuxIcsGuestArgsError,
  parseLinuxIcsGuestArgs,
  type LinuxIcsGuestLayoutArgs,
  type ParsedLinuxIcsGuestArgs,
} from "./linux-ics-guest-args";

/** Inputs of the guest's boot disk (a `VirtualHardDisk`). */
export interface PlannedDisk {
  path: string;
  type: "Dynamic";
  sizeGB: number;
  host?: string;
}

/** Inputs of the guest's VM (a `VirtualMachine`), every guest-dependent value explicit. */
export interface PlannedVirtualMachine {
  vmName: string;
  host?: string;
  generation: 1;
  processorCount: number;
  memoryStartupMB: number;
  dynamicMemory?: DynamicMemorySpec;
  guest: {
    family: "linux" | "freebsd";
    distribution: string;
    version: string;
    architecture: "x86" | "x64";
    integrationComponents: IntegrationComponentsRelease;
    mouseIntegration: false;
    kernel?: string;
    hypervDaemons?: boolean;
  };
  networkAdapters: {
    name: string;
    switchName?: string;
    legacy: boolean;
    vmqWeight: number;
    mtu: number;
  }[];
  hardDisks: { path: string; controllerType: "IDE"; controllerNumber: 0; controllerLocation: 0 }[];
  integrationServices: IntegrationServicesSpec;
  automaticStopAction: AutomaticStopAction;
  timeSync: { ntpServers: string[]; maxPollSeconds: number; stepOnResume: boolean; ptpRefclock?: boolean };
  state: VmState;
}

/** A wish of the arguments the release cannot grant, and what the plan did instead. */
export interface Adjustment {
  /** The argument, e.g. `processorCount`. */
  property: string;
  /** What was asked, why it cannot be, and what the guest gets. */
  reason: string;
}

/** What a `LinuxIcsGuest` creates. */
export interface LinuxIcsGuestLayout {
  disk: PlannedDisk;
  vm: PlannedVirtualMachine;
  /**
   * True when the guest gets synthetic devices: the release supports it with them and
   * `emulatedDevices` is off; false: emulated devices only.
   */
  synthetic: boolean;
  adjustments: Adjustment[];
}

/** ntpd `maxpoll` of the plan: 1024 s (2^10), the pack's default limit. */
const NTP_MAX_POLL_SECONDS = 1024;
const STANDARD_MTU = 1500;
/** Hyper-V's VMQ weight for an adapter that uses VMQ. */
const VMQ_ON = 100;

function describe(args: ParsedLinuxIcsGuestArgs): string {
  const { distribution, version, architecture, integrationComponents, kernel } = args;
  const withKernel = kernel !== undefined ? ` (kernel ${kernel})` : "";
  return `${distribution.toUpperCase()} ${version.toUpperCase()}${withKernel} ${architecture} with ${GUEST_SUPPORT[integrationComponents].displayName}`;
}

const STEP_MB = 128;

/** In-kernel rows whose page asks for dynamic memory in multiples of 128 MB get it (rounded up). */
function memoryIn128MBSteps(
  args: ParsedLinuxIcsGuestArgs,
  row: InKernelGuestRow | undefined,
  memory: { memoryStartupMB: number; dynamicMemory: DynamicMemorySpec | undefined },
  adjustments: Adjustment[],
) {
  const dm = memory.dynamicMemory;
  if (!dm || !row?.memoryMultipleOf128MB) return memory;
  const up = (mb: number) => Math.ceil(mb / STEP_MB) * STEP_MB;
  const rounded = {
    memoryStartupMB: up(memory.memoryStartupMB),
    dynamicMemory: { minimumMB: up(dm.minimumMB), maximumMB: up(dm.maximumMB) },
  };
  if (
    rounded.memoryStartupMB !== memory.memoryStartupMB ||
    rounded.dynamicMemory.minimumMB !== dm.minimumMB ||
    rounded.dynamicMemory.maximumMB !== dm.maximumMB
  ) {
    adjustments.push({
      property: "dynamicMemory",
      reason:
        `dynamic memory on ${describe(args)} needs startup, minimum and maximum memory in multiples of ${STEP_MB} MB ` +
        `(${row.memoryMultipleOf128MB.page}, ${row.memoryMultipleOf128MB.section}): the guest gets ` +
        `${rounded.memoryStartupMB} MB (${rounded.dynamicMemory.minimumMB}-${rounded.dynamicMemory.maximumMB} MB)`,
    });
  }
  return rounded;
}

function processorsFor(args: ParsedLinuxIcsGuestArgs, caps: GuestCapabilities, adjustments: Adjustment[]) {
  const max = caps.maxVirtualProcessors;
  if (args.processorCount <= max) return args.processorCount;
  adjustments.push({
    property: "processorCount",
    reason: `${args.processorCount} virtual processors were asked, but ${describe(args)} supports ${max}: the guest gets ${max}`,
  });
  return max;
}

/** Dynamic memory as the release can honour it, and the startup memory that goes with it. */
function memoryFor(args: ParsedLinuxIcsGuestArgs, caps: GuestCapabilities, adjustments: Adjustment[]) {
  const dm = args.dynamicMemory;
  if (!dm || caps.memoryHotAdd) return { memoryStartupMB: args.memoryMB, dynamicMemory: dm };
  if (!caps.memoryBallooning) {
    adjustments.push({
      property: "dynamicMemory",
      reason: `${describe(args)} has no memory hot-add or ballooning: the guest gets static memory (${args.memoryMB} MB)`,
    });
    return { memoryStartupMB: args.memoryMB, dynamicMemory: undefined };
  }
  if (dm.maximumMB > args.memoryMB) {
    adjustments.push({
      property: "memoryMB",
      reason:
        `${describe(args)} has memory ballooning but no hot-add, so memory never grows above startup: ` +
        `the guest starts with dynamicMemory.maximumMB (${dm.maximumMB} MB) and ballooning reclaims what it does not use`,
    });
  }
  return { memoryStartupMB: dm.maximumMB, dynamicMemory: dm };
}

function checkTimeSources(args: ParsedLinuxIcsGuestArgs, caps: GuestCapabilities): void {
  if (caps.hostTimeSync || args.ntpServers.length > 0) return;
  throw new LinuxIcsGuestArgsError([
    {
      property: "ntpServers",
      reason:
        `ntpServers must list at least one NTP server: ${describe(args)} gets no time from the host ` +
        "(an integration components limit), so its clock drifts without NTP",
    },
  ]);
}

/**
 * Plans a Linux guest: a dynamic VHD boot disk on IDE 0:0 of a generation 1 VM (every release of
 * the matrix predates generation 2 Linux guests), a synthetic or legacy network adapter, and the
 * processors, memory, integration services, stop action and time settings the guest's release
 * supports. Wishes the release cannot grant are lowered and listed in `adjustments`; bad arguments
 * throw {@link LinuxIcsGuestArgsError}. The result never violates a mandatory policy of the pack.
 */
export function layOutLinuxIcsGuest(input: LinuxIcsGuestLayoutArgs): LinuxIcsGuestLayout {
  const args = parseLinuxIcsGuestArgs(input);
  const caps = guestCapabilities(args.integrationComponents, args);
  const row = args.integrationComponents === "in-kernel" ? inKernelRow(args) : undefined;
  checkTimeSources(args, caps);
  const adjustments: Adjustment[] = [];
  const synthetic =
    !args.emulatedDevices && supportsSyntheticDevices(args.integrationComponents, args, args.readme);
  const processorCount = processorsFor(args, caps, adjustments);
  const { memoryStartupMB, dynamicMemory } = memoryIn128MBSteps(
    args,
    row,
    memoryFor(args, caps, adjustments),
    adjustments,
  );
  const host = args.host !== undefined ? { host: args.host } : {};
  const diskPath = args.diskPath ?? `${DEFAULT_DISK_FOLDER}\\${args.vmName}.vhd`;
  return {
    synthetic,
    adjustments,
    disk: { path: diskPath, type: "Dynamic", sizeGB: args.diskSizeGB, ...host },
    vm: {
      vmName: args.vmName,
      ...host,
      generation: 1,
      processorCount,
      memoryStartupMB,
      ...(dynamicMemory && { dynamicMemory }),
      guest: {
        family: args.distribution === "freebsd" ? "freebsd" : "linux",
        distribution: args.distribution,
        version: args.version,
        architecture: args.architecture,
        integrationComponents: args.integrationComponents,
        mouseIntegration: false,
        ...(args.kernel !== undefined && { kernel: args.kernel }),
        ...(args.integrationComponents === "in-kernel" && { hypervDaemons: args.hypervDaemons }),
      },
      networkAdapters: [
        {
          name: "eth0",
          ...(args.switchName !== undefined && { switchName: args.switchName }),
          // A guest the release does not support gets the emulated DEC 21140 (no VMQ, no jumbo frames).
          legacy: !synthetic,
          vmqWeight: synthetic && caps.networkOffloads ? VMQ_ON : 0,
          mtu: STANDARD_MTU,
        },
      ],
      // Generation 1 boots from IDE; blkvsc accelerates it for supported guests.
      hardDisks: [{ path: diskPath, controllerType: "IDE", controllerNumber: 0, controllerLocation: 0 }],
      integrationServices: guestIntegrationServices(caps, row?.daemons, args.hypervDaemons),
      // Without shutdown integration the host saves the guest; the clock is stepped on resume.
      automaticStopAction: caps.shutdownIntegration ? "ShutDown" : "Save",
      timeSync: {
        ntpServers: args.ntpServers,
        maxPollSeconds: NTP_MAX_POLL_SECONDS,
        stepOnResume: !caps.hostTimeSync,
        // Where the host's clock arrives as /dev/ptp_hyperv, chrony reads it (Time Synchronization is on).
        ...(caps.hostTimeViaPtp && { ptpRefclock: true }),
      },
      state: args.state,
    },
  };
}
