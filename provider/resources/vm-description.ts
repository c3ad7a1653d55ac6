/**
 * What the VM scripts report (`Get-HvVmDescription`), and how it becomes outputs (pure): every
 * input, overlaid with what Hyper-V actually has, so a refresh shows drift in every input.
 */
import {
  isMatrixGuestFamily,
  type BootDevice,
  type FirmwareSpec,
  type NetworkAdapterSpec,
  type VirtualMachineSpec,
} from "../model";
import { renderNtpConf } from "../guest/ntp-conf";

/** A VM as the host reports it. */
export interface VmDescription {
  vmId: string;
  vmName: string;
  generation: 1 | 2;
  state: string;
  processorCount: number;
  memoryStartupMB: number;
  dynamicMemory: { minimumMB: number; maximumMB: number } | null;
  networkAdapters: {
    name: string;
    switchName: string | null;
    legacy: boolean;
    macAddress: string;
    dynamicMacAddress: boolean;
    vlanId: number | null;
    vmqWeight: number;
  }[];
  hardDisks: VirtualMachineSpec["hardDisks"];
  dvdDrives: { path: string | null; controllerNumber: number; controllerLocation: number }[];
  integrationServices: Partial<VirtualMachineSpec["integrationServices"]>;
  automaticStartAction: VirtualMachineSpec["automaticStartAction"];
  automaticStopAction: VirtualMachineSpec["automaticStopAction"];
  notes: string;
  scsiControllerCount: number;
  /** Generation 2: secure boot, its template, and the boot order as device kinds (absent or null on generation 1). */
  firmware?: { secureBoot: boolean; secureBootTemplate: string; bootOrder: string[] } | null;
  /** `vm-list` only: the guest-intrinsic KVP items the guest reports (OSName, OSMajorVersion, ...), null when none. */
  guestKvp?: Record<string, string> | null;
  /** `vm-list` only: why the host's KVP items could not be read, when it refused the query. */
  guestKvpError?: string;
}

/** The outputs of a VM: its inputs plus what Hyper-V reports. */
export type VmOutputs = Omit<VirtualMachineSpec, "state"> & {
  /** The VM's GUID (also the resource id). */
  vmId: string;
  /** The power state Hyper-V reports (`Running`, `Off`, `Saved`, `Paused`...). */
  state: string;
  /** Each adapter's MAC address by adapter name (`000000000000` until a dynamic one is assigned at first start). */
  macAddresses: Record<string, string>;
  /** Linux guests: the ntpd configuration rendered from `timeSync`. */
  ntpConf?: string;
};

/**
 * The firmware outputs: what the host reports, for a VM whose firmware is declared (a VM that
 * declares none keeps Hyper-V's, unmanaged). The boot order shows as many leading device kinds as
 * were declared, so a VM that boots as declared shows no drift.
 */
function firmwareOutputs(
  declared: FirmwareSpec | undefined,
  reported: VmDescription["firmware"],
): FirmwareSpec | undefined {
  if (!declared || !reported) return undefined;
  const kinds = [...new Set(reported.bootOrder)] as BootDevice[];
  return {
    secureBoot: reported.secureBoot,
    secureBootTemplate: reported.secureBootTemplate as FirmwareSpec["secureBootTemplate"],
    ...(declared.bootOrder && { bootOrder: kinds.slice(0, declared.bootOrder.length) }),
  };
}

/** Orders `items` like `reference` by `key`; items not in `reference` keep their order at the end. */
function inReferenceOrder<T>(items: T[], reference: readonly T[], key: (item: T) => string): T[] {
  const rank = new Map(reference.map((item, i) => [key(item), i]));
  const at = (item: T) => rank.get(key(item)) ?? reference.length;
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => at(a.item) - at(b.item) || a.i - b.i)
    .map((x) => x.item);
}

const slot = (d: { controllerNumber: number; controllerLocation: number; controllerType?: string }) =>
  `${d.controllerType ?? ""} ${d.controllerNumber}:${d.controllerLocation}`;

/**
 * Outputs from the inputs a VM was declared with (`base`: the spec, or previous outputs for a refresh)
 * and the host's report: every reported setting replaces its input, the rest (guest, timeSync, mtu,
 * allowHardStop, host) is kept.
 */
export function vmOutputs(base: VirtualMachineSpec | VmOutputs, report: VmDescription): VmOutputs {
  const adapters = report.networkAdapters.map((nic): NetworkAdapterSpec => {
    const declared = base.networkAdapters.find((n) => n.name === nic.name);
    return {
      name: nic.name,
      ...(nic.switchName !== null && { switchName: nic.switchName }),
      legacy: nic.legacy,
      ...(!nic.dynamicMacAddress && { macAddress: nic.macAddress }),
      ...(nic.vlanId !== null && { vlanId: nic.vlanId }),
      // A legacy adapter has no VMQ; the model gives it weight 0.
      vmqWeight: nic.legacy ? (declared?.vmqWeight ?? 0) : nic.vmqWeight,
      mtu: declared?.mtu ?? 1500,
    };
  });
  const { dynamicMemory: _previous, ...rest } = base;
  void _previous;
  const outputs: VmOutputs = {
    ...rest,
    vmId: report.vmId,
    vmName: report.vmName,
    generation: report.generation,
    state: report.state,
    processorCount: report.processorCount,
    memoryStartupMB: report.memoryStartupMB,
    ...(report.dynamicMemory && { dynamicMemory: report.dynamicMemory }),
    networkAdapters: inReferenceOrder(adapters, base.networkAdapters, (n) => n.name),
    hardDisks: inReferenceOrder(report.hardDisks, base.hardDisks, slot),
    dvdDrives: inReferenceOrder(
      report.dvdDrives.map((d) => ({
        ...(d.path !== null && { path: d.path }),
        controllerNumber: d.controllerNumber,
        controllerLocation: d.controllerLocation,
      })),
      base.dvdDrives,
      slot,
    ),
    integrationServices: { ...base.integrationServices, ...report.integrationServices },
    automaticStartAction: report.automaticStartAction,
    automaticStopAction: report.automaticStopAction,
    notes: report.notes,
    macAddresses: Object.fromEntries(report.networkAdapters.map((n) => [n.name, n.macAddress])),
  };
  const firmware = firmwareOutputs(base.firmware, report.firmware);
  if (firmware) outputs.firmware = firmware;
  else delete outputs.firmware;
  if (isMatrixGuestFamily(base.guest.family)) outputs.ntpConf = renderNtpConf(base.timeSync, report.vmName);
  else delete outputs.ntpConf;
  return outputs;
}
