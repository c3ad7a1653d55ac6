/**
 * Update planning for a VM (pure): from the VM as it is (the previous outputs, or a fresh VM for a
 * create) to the declared spec, the steps to apply and which of them need the VM off.
 */
import {
  HYPER_V_INTEGRATION_SERVICES,
  type DvdDriveSpec,
  type HardDiskSpec,
  type IntegrationServicesSpec,
  type NetworkAdapterSpec,
  type VirtualMachineSpec,
} from "../model";
import { sameValue } from "./same-value";
import { orderSteps, type AdapterSettings, type VmStep } from "./vm-steps";

/** The part of a VM the host holds, in the model's vocabulary. */
export type VmConfiguration = Pick<
  VirtualMachineSpec,
  | "vmName"
  | "generation"
  | "processorCount"
  | "memoryStartupMB"
  | "dynamicMemory"
  | "networkAdapters"
  | "hardDisks"
  | "dvdDrives"
  | "integrationServices"
  | "automaticStartAction"
  | "automaticStopAction"
  | "notes"
  | "firmware"
> & { guest?: VirtualMachineSpec["guest"] };

/** The steps of a change, and why the VM must be off for it (empty: it can stay running). */
export interface VmChangePlan {
  steps: VmStep[];
  /** One entry per change that needs the VM off, naming the input, e.g. `processorCount 1 -> 2`. */
  offReasons: string[];
}

/** Hyper-V's own settings of a new VM once its default devices are removed. */
export function freshVm(
  spec: Pick<VirtualMachineSpec, "vmName" | "generation" | "memoryStartupMB">,
): VmConfiguration {
  return {
    vmName: spec.vmName,
    generation: spec.generation,
    processorCount: 1,
    memoryStartupMB: spec.memoryStartupMB,
    networkAdapters: [],
    hardDisks: [],
    dvdDrives: [],
    integrationServices: { ...HYPER_V_INTEGRATION_SERVICES },
    automaticStartAction: "StartIfRunning",
    automaticStopAction: "Save",
    notes: "",
    // Hyper-V's generation 2 firmware: secure boot on with the Windows template.
    ...(spec.generation === 2 && {
      firmware: { secureBoot: true, secureBootTemplate: "MicrosoftWindows" as const },
    }),
  };
}

/** True when the reported boot order (device kinds, first device first) starts with the wanted kinds. */
export function bootOrderStartsWith(
  reported: readonly string[] | undefined,
  wanted: readonly string[],
): boolean {
  return reported !== undefined && wanted.every((kind, i) => reported[i] === kind);
}

function planFirmware(from: VmConfiguration, to: VirtualMachineSpec, plan: VmChangePlan): void {
  const wanted = to.firmware;
  if (to.generation !== 2 || !wanted) return;
  const had = from.firmware;
  const step: VmStep & { op: "firmware" } = { op: "firmware" };
  if (had?.secureBoot !== wanted.secureBoot) step.secureBoot = wanted.secureBoot;
  if (had?.secureBootTemplate !== wanted.secureBootTemplate)
    step.secureBootTemplate = wanted.secureBootTemplate;
  // Hyper-V keeps secure boot settings while the VM runs or is saved (the firmware it booted with).
  if (step.secureBoot !== undefined || step.secureBootTemplate !== undefined) {
    plan.offReasons.push(
      `firmware: secure boot ${wanted.secureBoot ? `on (${wanted.secureBootTemplate})` : "off"}`,
    );
  }
  if (wanted.bootOrder && !bootOrderStartsWith(had?.bootOrder, wanted.bootOrder)) {
    step.bootOrder = [...wanted.bootOrder];
    const disk = to.hardDisks[0];
    const dvd = to.dvdDrives[0];
    step.bootDevices = {
      ...(disk && {
        hardDisk: {
          controllerType: disk.controllerType,
          controllerNumber: disk.controllerNumber,
          controllerLocation: disk.controllerLocation,
        },
      }),
      ...(to.networkAdapters[0] && { networkAdapter: to.networkAdapters[0].name }),
      ...(dvd && {
        dvdDrive: { controllerNumber: dvd.controllerNumber, controllerLocation: dvd.controllerLocation },
      }),
    };
  }
  if (Object.keys(step).length > 1) plan.steps.push(step);
}

const slotKey = (type: string, number: number, location: number) => `${type} ${number}:${location}`;
const diskKey = (d: HardDiskSpec) => slotKey(d.controllerType, d.controllerNumber, d.controllerLocation);
const samePath = (a?: string, b?: string) => (a ?? "").toLowerCase() === (b ?? "").toLowerCase();

/** SCSI controllers the devices need (DVD drives are on SCSI in generation 2); a new VM has one. */
function scsiControllersNeeded(vm: Pick<VmConfiguration, "generation" | "hardDisks" | "dvdDrives">): number {
  const numbers = vm.hardDisks.filter((d) => d.controllerType === "SCSI").map((d) => d.controllerNumber);
  if (vm.generation === 2) numbers.push(...vm.dvdDrives.map((d) => d.controllerNumber));
  return Math.max(1, ...numbers.map((n) => n + 1));
}

function adapterSettings(nic: NetworkAdapterSpec): AdapterSettings & { legacy: boolean } {
  return {
    name: nic.name,
    legacy: nic.legacy,
    switchName: nic.switchName ?? null,
    macAddress: nic.macAddress ?? null,
    vlanId: nic.vlanId ?? null,
    vmqWeight: nic.vmqWeight,
  };
}

function planAdapters(from: VmConfiguration, to: VirtualMachineSpec, plan: VmChangePlan): void {
  const hotPlug = to.generation === 2;
  const before = new Map(from.networkAdapters.map((n) => [n.name, n]));
  const after = new Map(to.networkAdapters.map((n) => [n.name, n]));
  for (const [name, old] of before) {
    const next = after.get(name);
    if (next && next.legacy === old.legacy) continue;
    plan.steps.push({ op: "removeAdapter", name });
    if (!hotPlug || old.legacy) plan.offReasons.push(`networkAdapters: remove "${name}"`);
  }
  for (const [name, next] of after) {
    const old = before.get(name);
    if (!old || old.legacy !== next.legacy) {
      plan.steps.push({ op: "addAdapter", adapter: adapterSettings(next) });
      if (!hotPlug || next.legacy) plan.offReasons.push(`networkAdapters: add "${name}"`);
      continue;
    }
    const change: AdapterSettings = { name };
    if (old.switchName !== next.switchName) change.switchName = next.switchName ?? null;
    if (old.macAddress !== next.macAddress) {
      change.macAddress = next.macAddress ?? null;
      plan.offReasons.push(`networkAdapters["${name}"].macAddress`);
    }
    if (old.vlanId !== next.vlanId) change.vlanId = next.vlanId ?? null;
    if (old.vmqWeight !== next.vmqWeight) change.vmqWeight = next.vmqWeight;
    if (Object.keys(change).length > 1) plan.steps.push({ op: "configureAdapter", adapter: change });
  }
}

function planDisks(from: VmConfiguration, to: VirtualMachineSpec, plan: VmChangePlan): void {
  const before = new Map(from.hardDisks.map((d) => [diskKey(d), d]));
  const after = new Map(to.hardDisks.map((d) => [diskKey(d), d]));
  for (const [key, old] of before) {
    const next = after.get(key);
    if (next && samePath(next.path, old.path)) continue;
    const { controllerType, controllerNumber, controllerLocation } = old;
    plan.steps.push({ op: "removeHardDisk", controllerType, controllerNumber, controllerLocation });
    if (controllerType === "IDE") plan.offReasons.push(`hardDisks: detach ${key}`);
  }
  for (const [key, next] of after) {
    const old = before.get(key);
    if (old && samePath(next.path, old.path)) continue;
    plan.steps.push({ op: "addHardDisk", disk: { ...next } });
    if (next.controllerType === "IDE") plan.offReasons.push(`hardDisks: attach ${key}`);
  }
}

function planDvdDrives(from: VmConfiguration, to: VirtualMachineSpec, plan: VmChangePlan): void {
  const type = to.generation === 2 ? "SCSI" : "IDE";
  const key = (d: DvdDriveSpec) => slotKey(type, d.controllerNumber, d.controllerLocation);
  const before = new Map(from.dvdDrives.map((d) => [key(d), d]));
  const after = new Map(to.dvdDrives.map((d) => [key(d), d]));
  for (const [slot, old] of before) {
    if (after.has(slot)) continue;
    plan.steps.push({
      op: "removeDvdDrive",
      controllerNumber: old.controllerNumber,
      controllerLocation: old.controllerLocation,
    });
    if (type === "IDE") plan.offReasons.push(`dvdDrives: remove ${slot}`);
  }
  for (const [slot, next] of after) {
    const old = before.get(slot);
    if (!old) {
      plan.steps.push({ op: "addDvdDrive", drive: { ...next } });
      if (type === "IDE") plan.offReasons.push(`dvdDrives: add ${slot}`);
    } else if (!samePath(old.path, next.path)) {
      plan.steps.push({ op: "setDvdDrive", drive: { ...next } });
    }
  }
}

function planMemory(from: VmConfiguration, to: VirtualMachineSpec, plan: VmChangePlan): void {
  const wasDynamic = from.dynamicMemory !== undefined;
  const isDynamic = to.dynamicMemory !== undefined;
  const startupChanged = from.memoryStartupMB !== to.memoryStartupMB;
  if (!startupChanged && wasDynamic === isDynamic && sameValue(from.dynamicMemory, to.dynamicMemory)) return;
  plan.steps.push({
    op: "memory",
    dynamic: isDynamic,
    startupMB: to.memoryStartupMB,
    ...(to.dynamicMemory && { minimumMB: to.dynamicMemory.minimumMB, maximumMB: to.dynamicMemory.maximumMB }),
  });
  if (wasDynamic !== isDynamic) plan.offReasons.push(`dynamicMemory ${isDynamic ? "on" : "off"}`);
  if (startupChanged)
    plan.offReasons.push(`memoryStartupMB ${from.memoryStartupMB} -> ${to.memoryStartupMB}`);
}

/**
 * Plans the change from `from` (the VM as it is) to `to` (the declared spec). Steps come in the order
 * the script applies them (see `STEP_ORDER`); `offReasons` lists every change that needs the VM off.
 */
export function planVmChanges(from: VmConfiguration, to: VirtualMachineSpec): VmChangePlan {
  const plan: VmChangePlan = { steps: [], offReasons: [] };
  if (from.vmName !== to.vmName) plan.steps.push({ op: "rename", vmName: to.vmName });
  const settings: VmStep & { op: "settings" } = { op: "settings" };
  if (from.automaticStartAction !== to.automaticStartAction)
    settings.automaticStartAction = to.automaticStartAction;
  if (from.automaticStopAction !== to.automaticStopAction) {
    settings.automaticStopAction = to.automaticStopAction;
    // Hyper-V takes a new stop action only while the VM is off (it decides what a saved state holds).
    plan.offReasons.push(`automaticStopAction ${from.automaticStopAction} -> ${to.automaticStopAction}`);
  }
  if (from.notes !== to.notes) settings.notes = to.notes;
  if (Object.keys(settings).length > 1) plan.steps.push(settings);
  for (const service of Object.keys(to.integrationServices) as (keyof IntegrationServicesSpec)[]) {
    if (from.integrationServices[service] !== to.integrationServices[service]) {
      plan.steps.push({ op: "integrationService", service, enabled: to.integrationServices[service] });
    }
  }
  if (from.processorCount !== to.processorCount) {
    plan.steps.push({ op: "processor", count: to.processorCount });
    plan.offReasons.push(`processorCount ${from.processorCount} -> ${to.processorCount}`);
  }
  planMemory(from, to, plan);
  const controllersBefore = scsiControllersNeeded(from);
  const controllersAfter = scsiControllersNeeded(to);
  if (controllersAfter > controllersBefore) {
    plan.steps.push({ op: "scsiControllers", count: controllersAfter });
    plan.offReasons.push(`hardDisks: add SCSI controller ${controllersAfter - 1}`);
  }
  planAdapters(from, to, plan);
  planDisks(from, to, plan);
  planDvdDrives(from, to, plan);
  planFirmware(from, to, plan);
  return { steps: orderSteps(plan.steps), offReasons: plan.offReasons };
}
