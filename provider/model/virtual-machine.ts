/**
 * The VM input schema: validation, normalization and defaults, producing a {@link VirtualMachineSpec}.
 */
import { z } from "zod";
import {
  canonicalDistribution,
  canonicalVersion,
  GUEST_ARCHITECTURES,
  INTEGRATION_COMPONENTS_RELEASES,
} from "./guest-support";
import {
  caseInsensitiveEnum,
  displayName,
  evenMegabytes,
  hostPath,
  hostSchema,
  integerIn,
  known,
  listOf,
  macAddressSchema,
  ntpServerSchema,
  vmIdSchema,
  vmNameSchema,
} from "./fields";
import { isUnknown } from "./unknown";
import { applyVirtualMachineDefaults } from "./virtual-machine-defaults";
import { checkVirtualMachineConsistency, checkVirtualMachineDefaults } from "./virtual-machine-consistency";
import {
  AUTOMATIC_START_ACTIONS,
  AUTOMATIC_STOP_ACTIONS,
  BOOT_DEVICES,
  CONTROLLER_TYPES,
  GUEST_FAMILIES,
  SECURE_BOOT_TEMPLATES,
  VM_STATES,
} from "./virtual-machine-spec";

/** Hyper-V's bounds for generation 2 (generation 1 allows less; see the consistency checks). */
const MAX_MEMORY_MB = 12 * 1024 * 1024;
const bool = (field: string) => known(z.boolean({ error: `${field} must be true or false` }));
const text = (field: string) =>
  known(
    z
      .string({ error: `${field} must be a non-empty string` })
      .trim()
      .min(1, { error: `${field} must not be empty` }),
  );

const guestSchema = z
  .object(
    {
      family: known(caseInsensitiveEnum("guest.family", GUEST_FAMILIES)),
      distribution: text("guest.distribution").optional(),
      version: known(
        z
          .union([z.string(), z.number()], { error: 'guest.version must be a string such as "11" or "5.4"' })
          .transform(String),
      ).optional(),
      architecture: known(caseInsensitiveEnum("guest.architecture", GUEST_ARCHITECTURES)).default("x64"),
      integrationComponents: known(
        caseInsensitiveEnum("guest.integrationComponents", INTEGRATION_COMPONENTS_RELEASES),
      ).optional(),
      mouseIntegration: bool("guest.mouseIntegration").default(false),
      kernel: known(
        z
          .string({ error: 'guest.kernel must be a string such as "uek5", "rhck" or "backports"' })
          .trim()
          .toLowerCase()
          .min(1, { error: "guest.kernel must not be empty" }),
      ).optional(),
      hypervDaemons: bool("guest.hypervDaemons").optional(),
    },
    { error: 'guest must be an object such as { family: "linux", distribution: "sles", version: "11" }' },
  )
  .strict()
  .transform((g) => {
    const distribution =
      g.distribution === undefined || isUnknown(g.distribution)
        ? g.distribution
        : canonicalDistribution(g.distribution);
    const version =
      g.version === undefined || isUnknown(g.version) || distribution === undefined || isUnknown(distribution)
        ? g.version?.trim().toLowerCase()
        : canonicalVersion(distribution, g.version);
    return { ...g, distribution, version };
  });

const networkAdapterSchema = z
  .object({
    name: known(displayName("networkAdapters[].name")),
    switchName: known(displayName("networkAdapters[].switchName")).optional(),
    legacy: bool("networkAdapters[].legacy").optional(),
    macAddress: known(macAddressSchema).optional(),
    vlanId: known(integerIn("networkAdapters[].vlanId", 1, 4094)).optional(),
    vmqWeight: known(integerIn("networkAdapters[].vmqWeight", 0, 100, "0 turns VMQ off")).optional(),
    mtu: known(integerIn("networkAdapters[].mtu", 576, 9014)).default(1500),
  })
  .strict();

/** Controller number and location: SCSI has 4 controllers of 64 locations, IDE 2 of 2 (checked across fields). */
const controllerSlot = (list: string) => ({
  controllerNumber: known(integerIn(`${list}[].controllerNumber`, 0, 3, "IDE 0-1, SCSI 0-3")),
  controllerLocation: known(integerIn(`${list}[].controllerLocation`, 0, 63, "IDE 0-1, SCSI 0-63")),
});

const hardDiskSchema = z
  .object({
    path: known(hostPath("hardDisks[].path", [".vhdx", ".vhd"])),
    controllerType: known(caseInsensitiveEnum("hardDisks[].controllerType", CONTROLLER_TYPES)),
    ...controllerSlot("hardDisks"),
  })
  .strict();

const dvdDriveSchema = z
  .object({
    path: known(hostPath("dvdDrives[].path", [".iso"])).optional(),
    ...controllerSlot("dvdDrives"),
  })
  .strict();

const integrationServicesSchema = z
  .object({
    timeSynchronization: bool("integrationServices.timeSynchronization").optional(),
    shutdown: bool("integrationServices.shutdown").optional(),
    heartbeat: bool("integrationServices.heartbeat").optional(),
    keyValuePairExchange: bool("integrationServices.keyValuePairExchange").optional(),
    vss: bool("integrationServices.vss").optional(),
    guestServiceInterface: bool("integrationServices.guestServiceInterface").optional(),
  })
  .strict();

const POLL_MESSAGE =
  "timeSync.maxPollSeconds must be a power of two from 16 to 131072 (ntpd maxpoll 4-17), e.g. 1024";
const timeSyncSchema = z
  .object({
    ntpServers: known(
      listOf("timeSync.ntpServers", known(ntpServerSchema)).max(16, {
        error: "timeSync.ntpServers must list at most 16 servers",
      }),
    ).default([]),
    maxPollSeconds: known(
      integerIn("timeSync.maxPollSeconds", 16, 131072).refine((v) => (v & (v - 1)) === 0, {
        error: POLL_MESSAGE,
      }),
    ).default(1024),
    stepOnResume: bool("timeSync.stepOnResume").optional(),
    ptpRefclock: bool("timeSync.ptpRefclock").optional(),
  })
  .strict();

const firmwareSchema = z
  .object(
    {
      secureBoot: bool("firmware.secureBoot").optional(),
      secureBootTemplate: known(
        caseInsensitiveEnum("firmware.secureBootTemplate", SECURE_BOOT_TEMPLATES),
      ).optional(),
      bootOrder: known(
        listOf("firmware.bootOrder", known(caseInsensitiveEnum("firmware.bootOrder[]", BOOT_DEVICES))).refine(
          (order) => new Set(order).size === order.length,
          {
            error: 'firmware.bootOrder must name each device kind once, e.g. ["HardDisk", "NetworkAdapter"]',
          },
        ),
      ).optional(),
    },
    {
      error: 'firmware must be an object such as { secureBootTemplate: "MicrosoftUEFICertificateAuthority" }',
    },
  )
  .strict();

const list = <T extends z.ZodType>(field: string, item: T) => known(listOf(field, item)).default([]);

/** The VM inputs' object shape, before cross-field checks and defaults. */
export const virtualMachineInputShape = z
  .object(
    {
      vmName: known(vmNameSchema),
      host: known(hostSchema).optional(),
      generation: known(z.literal([1, 2], { error: "generation must be 1 or 2" })).default(1),
      processorCount: known(integerIn("processorCount", 1, 240)).default(1),
      memoryStartupMB: known(evenMegabytes("memoryStartupMB", 32, MAX_MEMORY_MB)),
      dynamicMemory: known(
        z
          .object({
            minimumMB: known(evenMegabytes("dynamicMemory.minimumMB", 32, MAX_MEMORY_MB)),
            maximumMB: known(evenMegabytes("dynamicMemory.maximumMB", 32, MAX_MEMORY_MB)),
          })
          .strict(),
      ).optional(),
      guest: known(guestSchema),
      networkAdapters: list("networkAdapters", known(networkAdapterSchema)),
      hardDisks: list("hardDisks", known(hardDiskSchema)),
      dvdDrives: list("dvdDrives", known(dvdDriveSchema)),
      integrationServices: known(integrationServicesSchema).default({}),
      automaticStartAction: known(
        caseInsensitiveEnum("automaticStartAction", AUTOMATIC_START_ACTIONS),
      ).default("StartIfRunning"),
      automaticStopAction: known(caseInsensitiveEnum("automaticStopAction", AUTOMATIC_STOP_ACTIONS)).default(
        "Save",
      ),
      timeSync: known(timeSyncSchema).default({ ntpServers: [], maxPollSeconds: 1024 }),
      firmware: known(firmwareSchema).optional(),
      state: known(caseInsensitiveEnum("state", VM_STATES)).default("Running"),
      notes: known(
        z
          .string({ error: "notes must be a string" })
          .max(32768, { error: "notes must be at most 32768 characters" }),
      ).default(""),
      allowHardStop: bool("allowHardStop").default(false),
      adoptVmId: known(vmIdSchema("adoptVmId")).optional(),
    },
    { error: "the VM inputs must be an object" },
  )
  .strict();

/** The accepted keys of each object in the inputs, by the name of the property that holds it ("" for the top). */
export const VIRTUAL_MACHINE_INPUT_KEYS: Readonly<Record<string, readonly string[]>> = {
  "": Object.keys(virtualMachineInputShape.shape),
  guest: Object.keys(guestSchema.in.shape),
  networkAdapters: Object.keys(networkAdapterSchema.shape),
  hardDisks: Object.keys(hardDiskSchema.shape),
  dvdDrives: Object.keys(dvdDriveSchema.shape),
  integrationServices: Object.keys(integrationServicesSchema.shape),
  timeSync: Object.keys(timeSyncSchema.shape),
  firmware: Object.keys(firmwareSchema.shape),
  dynamicMemory: ["minimumMB", "maximumMB"],
};

/** The parsed inputs before defaults: what the consistency checks and the defaults see. */
export type VirtualMachineInput = z.output<typeof virtualMachineInputShape>;

/** Keys starting with `__` belong to the engine (e.g. `__provider`) and are not VM inputs. */
function withoutInternalKeys(input: unknown): unknown {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return input;
  return Object.fromEntries(Object.entries(input).filter(([k]) => !k.startsWith("__")));
}

/**
 * The VM schema: parses raw inputs (as a Pulumi program or the engine gives them) into a
 * {@link VirtualMachineSpec}. `vmName` is required here; {@link parseVirtualMachine} fills it from
 * the resource name.
 */
export const virtualMachineSchema = z
  .preprocess(withoutInternalKeys, virtualMachineInputShape)
  .superRefine(checkVirtualMachineConsistency)
  .transform(applyVirtualMachineDefaults)
  .superRefine(checkVirtualMachineDefaults);
