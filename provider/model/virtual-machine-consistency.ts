/**
 * Cross-field rules of a VM that hold for every guest: controller slots, generation 2 hardware,
 * memory bounds, unique names. Guest-support rules are the policy pack's job, not the model's.
 * Values still unknown at preview are skipped.
 */
import type { z } from "zod";
import { isUnknown } from "./unknown";
import type { VirtualMachineInput } from "./virtual-machine";
import type { VirtualMachineSpec } from "./virtual-machine-spec";

type Ctx = z.RefinementCtx;
type Path = (string | number)[];

const IDE_LIMIT = { controllers: 2, locations: 2 };
const IDE_SHAPE = "2 controllers of 2 locations: pick a free one of 0:0, 0:1, 1:0, 1:1";
/** Hyper-V gives a VM at most 4 legacy (emulated) network adapters, on every host version. */
const LEGACY_ADAPTER_LIMIT = 4;
/** The emulated DEC 21140 carries standard Ethernet frames only. */
const STANDARD_MTU = 1500;

function report(ctx: Ctx, path: Path, message: string): void {
  ctx.addIssue({ code: "custom", path, message });
}

const isKnown = <T>(v: T): v is T => !isUnknown(v);

function knownItems<T>(items: T[] | string): [T, number][] {
  if (!Array.isArray(items)) return [];
  return items.map((item, i) => [item, i] as [T, number]).filter(([item]) => isKnown(item));
}

function checkMemory(vm: VirtualMachineInput, ctx: Ctx): void {
  const dm = vm.dynamicMemory;
  if (!dm || isUnknown(dm)) return;
  if (isUnknown(vm.memoryStartupMB)) {
    // The startup value will sit between the two; they must at least be in order.
    if (isKnown(dm.minimumMB) && isKnown(dm.maximumMB) && dm.minimumMB > dm.maximumMB) {
      report(
        ctx,
        ["dynamicMemory", "maximumMB"],
        `dynamicMemory.maximumMB must be at least dynamicMemory.minimumMB (${dm.minimumMB})`,
      );
    }
    return;
  }
  if (isKnown(dm.minimumMB) && dm.minimumMB > vm.memoryStartupMB) {
    report(
      ctx,
      ["dynamicMemory", "minimumMB"],
      `dynamicMemory.minimumMB must not exceed memoryStartupMB (${vm.memoryStartupMB})`,
    );
  }
  if (isKnown(dm.maximumMB) && dm.maximumMB < vm.memoryStartupMB) {
    report(
      ctx,
      ["dynamicMemory", "maximumMB"],
      `dynamicMemory.maximumMB must be at least memoryStartupMB (${vm.memoryStartupMB})`,
    );
  }
}

function checkGeneration2(vm: VirtualMachineInput, ctx: Ctx): void {
  if (vm.generation !== 2) return;
  for (const [disk, i] of knownItems(vm.hardDisks)) {
    if (disk.controllerType === "IDE") {
      report(
        ctx,
        ["hardDisks", i, "controllerType"],
        "generation 2 VMs have no IDE controller: use controllerType SCSI",
      );
    }
  }
  for (const [nic, i] of knownItems(vm.networkAdapters)) {
    if (nic.legacy === true) {
      report(
        ctx,
        ["networkAdapters", i, "legacy"],
        "generation 2 VMs have no legacy network adapter: remove legacy or use generation 1",
      );
    }
  }
  if (isKnown(vm.guest) && vm.guest.architecture === "x86") {
    report(
      ctx,
      ["guest", "architecture"],
      "generation 2 VMs boot 64-bit guests only: use architecture x64 or generation 1",
    );
  }
}

/** Generation 1 VMs get fewer processors and less memory than the schema's generation 2 bounds. */
const GENERATION_1_LIMITS = { processors: 64, memoryMB: 1024 * 1024 };

function checkGeneration1(vm: VirtualMachineInput, ctx: Ctx): void {
  if (vm.generation !== 1) return;
  const { processors, memoryMB } = GENERATION_1_LIMITS;
  if (isKnown(vm.processorCount) && vm.processorCount > processors) {
    report(
      ctx,
      ["processorCount"],
      `processorCount must be at most ${processors} on a generation 1 VM: lower it or use generation 2`,
    );
  }
  const memory: [Path, unknown][] = [[["memoryStartupMB"], vm.memoryStartupMB]];
  if (vm.dynamicMemory && isKnown(vm.dynamicMemory)) {
    memory.push([["dynamicMemory", "maximumMB"], vm.dynamicMemory.maximumMB]);
  }
  for (const [path, value] of memory) {
    if (typeof value === "number" && value > memoryMB) {
      report(
        ctx,
        path,
        `${path.join(".")} must be at most ${memoryMB} (1 TB) on a generation 1 VM: lower it or use generation 2`,
      );
    }
  }
}

/** Every disk and DVD drive needs its own controller slot, within the controller's range. */
function checkSlots(vm: VirtualMachineInput, ctx: Ctx): void {
  const dvdController = vm.generation === 2 ? "SCSI" : isUnknown(vm.generation) ? undefined : "IDE";
  const devices: { path: Path; type: unknown; number: unknown; location: unknown }[] = [
    ...knownItems(vm.hardDisks).map(([d, i]) => ({
      path: ["hardDisks", i] as Path,
      type: d.controllerType,
      number: d.controllerNumber,
      location: d.controllerLocation,
    })),
    ...knownItems(vm.dvdDrives).map(([d, i]) => ({
      path: ["dvdDrives", i] as Path,
      type: dvdController,
      number: d.controllerNumber,
      location: d.controllerLocation,
    })),
  ];
  const taken = new Map<string, string>();
  for (const d of devices) {
    if (d.type === undefined || [d.type, d.number, d.location].some(isUnknown)) continue;
    const where = `${d.path[0]}[${d.path[1]}]`;
    if (d.type === "IDE") {
      const beyond = (
        [
          ["controllerNumber", d.number, IDE_LIMIT.controllers],
          ["controllerLocation", d.location, IDE_LIMIT.locations],
        ] as const
      ).find(([, value, limit]) => (value as number) >= limit);
      if (beyond) {
        const field = beyond[0];
        report(ctx, [...d.path, field], `${where}.${field} must be 0 or 1 on IDE (${IDE_SHAPE})`);
        continue;
      }
    }
    const slot = `${d.type} ${d.number}:${d.location}`;
    const holder = taken.get(slot);
    if (holder) {
      report(
        ctx,
        [...d.path, "controllerLocation"],
        `${where} uses ${slot}, already used by ${holder}: pick a free location`,
      );
    } else {
      taken.set(slot, where);
    }
  }
}

function checkUnique<T>(
  ctx: Ctx,
  items: T[] | string,
  field: string,
  key: keyof T,
  normalize = (v: string) => v,
): void {
  const seen = new Map<string, number>();
  for (const [item, i] of knownItems(items)) {
    const value = item[key];
    if (typeof value !== "string" || isUnknown(value)) continue;
    const k = normalize(value);
    const first = seen.get(k);
    if (first !== undefined) {
      report(
        ctx,
        [field, i, key as string],
        // Not quoted: a MAC address may be a secret input.
        `${field}[${i}].${String(key)} is already used by ${field}[${first}]: make it unique`,
      );
    } else {
      seen.set(k, i);
    }
  }
}

/** UEFI firmware exists on generation 2 only; a boot order names devices the VM has. */
function checkFirmware(vm: VirtualMachineInput, ctx: Ctx): void {
  const firmware = vm.firmware;
  if (firmware === undefined || isUnknown(firmware)) return;
  if (vm.generation === 1) {
    report(
      ctx,
      ["firmware"],
      "generation 1 VMs have BIOS, not UEFI firmware: remove firmware or use generation 2",
    );
    return;
  }
  if (firmware.bootOrder === undefined || isUnknown(firmware.bootOrder)) return;
  const lists = {
    HardDisk: vm.hardDisks,
    DvdDrive: vm.dvdDrives,
    NetworkAdapter: vm.networkAdapters,
  } as const;
  const field = { HardDisk: "hardDisks", DvdDrive: "dvdDrives", NetworkAdapter: "networkAdapters" } as const;
  firmware.bootOrder.forEach((device, i) => {
    if (isUnknown(device)) return;
    const list = lists[device];
    if (!isUnknown(list) && list.length === 0) {
      report(
        ctx,
        ["firmware", "bootOrder", i],
        `firmware.bootOrder[${i}] is ${device}, but the VM has no ${field[device]}: add one or remove ${device} from the boot order`,
      );
    }
  });
}

/** Linux integration components releases only exist for Linux guests; FreeBSD has in-kernel drivers only. */
function checkGuest(vm: VirtualMachineInput, ctx: Ctx): void {
  const guest = vm.guest;
  if (isUnknown(guest) || isUnknown(guest.family) || guest.family === "linux") return;
  const release = guest.integrationComponents;
  if (guest.family === "freebsd") {
    if (release !== undefined && release !== "in-kernel" && release !== "none" && !isUnknown(release)) {
      report(
        ctx,
        ["guest", "integrationComponents"],
        `guest.integrationComponents "${release}" is for Linux guests: a FreeBSD guest has "in-kernel" drivers (BIS) or "none"`,
      );
    }
    return;
  }
  if (release !== undefined && release !== "none" && !isUnknown(release)) {
    report(
      ctx,
      ["guest", "integrationComponents"],
      `guest.integrationComponents "${release}" is for Linux guests: remove it or set guest.family to linux`,
    );
  }
}

/** zod refinement: reports every cross-field problem of the VM inputs with its path. */
export function checkVirtualMachineConsistency(vm: VirtualMachineInput, ctx: Ctx): void {
  checkGuest(vm, ctx);
  checkMemory(vm, ctx);
  checkGeneration1(vm, ctx);
  checkGeneration2(vm, ctx);
  checkFirmware(vm, ctx);
  checkSlots(vm, ctx);
  checkUnique(ctx, vm.networkAdapters, "networkAdapters", "name", (v) => v.toLowerCase());
  checkUnique(ctx, vm.hardDisks, "hardDisks", "path", (v) => v.toLowerCase());
  // Normalized to 12 upper-case hex digits already; two adapters with one address break both.
  checkUnique(ctx, vm.networkAdapters, "networkAdapters", "macAddress");
}

/**
 * zod refinement of the spec with its defaults applied: rules that also concern defaulted values
 * (an adapter is legacy by default when the guest has no synthetic network driver).
 */
export function checkVirtualMachineDefaults(vm: VirtualMachineSpec, ctx: Ctx): void {
  const legacy = "a legacy network adapter (the default when the guest has no synthetic network driver)";
  let legacyCount = 0;
  for (const [nic, i] of knownItems(vm.networkAdapters)) {
    if (nic.legacy !== true) continue;
    if (typeof nic.vmqWeight === "number" && nic.vmqWeight > 0) {
      report(
        ctx,
        ["networkAdapters", i, "vmqWeight"],
        `networkAdapters[${i}] is ${legacy}, which has no VMQ: remove vmqWeight or set it to 0`,
      );
    }
    if (typeof nic.mtu === "number" && nic.mtu > STANDARD_MTU) {
      report(
        ctx,
        ["networkAdapters", i, "mtu"],
        `networkAdapters[${i}] is ${legacy}, which has no jumbo frames: set mtu to ${STANDARD_MTU} or less`,
      );
    }
    legacyCount += 1;
    if (legacyCount > LEGACY_ADAPTER_LIMIT) {
      report(
        ctx,
        ["networkAdapters", i],
        `networkAdapters[${i}] "${nic.name}" is legacy network adapter number ${legacyCount}, but Hyper-V allows ` +
          `${LEGACY_ADAPTER_LIMIT} per VM (adapters are legacy by default when the guest has no synthetic ` +
          "network driver): remove it, or set legacy: false for a guest that can use a synthetic adapter",
      );
    }
  }
}
