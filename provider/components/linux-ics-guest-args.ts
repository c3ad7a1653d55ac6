/**
 * What a `LinuxIcsGuest` is built from, validated: the guest's identity, its sizing, its network
 * and its time sources. Pure (zod only); every message names the field and what it accepts.
 */
import { z } from "zod";
import {
  canonicalDistribution,
  canonicalVersion,
  DEFAULT_README_EDITION,
  isKnownDistribution,
  KNOWN_DISTRIBUTIONS,
  KNOWN_DISTRIBUTION_NAMES,
  GUEST_ARCHITECTURES,
  INTEGRATION_COMPONENTS_RELEASES,
  README_EDITIONS,
  type GuestArchitecture,
  type IntegrationComponentsRelease,
  type ReadmeEdition,
} from "../model/guest-support";
import {
  caseInsensitiveEnum,
  displayName,
  evenMegabytes,
  hostPath,
  hostSchema,
  integerIn,
  listOf,
  ntpServerSchema,
  vmNameSchema,
} from "../model/fields";
import { didYouMean } from "../model/nearest-name";
import { propertyPath } from "../model/parse";

/**
 * A distribution the support matrix does not know, named on purpose: `{ name: "zz os", unlisted: true }`.
 * Without `unlisted`, an unknown name is refused as a likely typo.
 */
export interface UnlistedDistribution {
  /** The distribution's name. */
  name: string;
  /** Says the name is meant although no list knows it: the guest is one no release supports. */
  unlisted: true;
}

/** The arguments of a Linux guest, as a program writes them. */
export interface LinuxIcsGuestLayoutArgs {
  /** Hyper-V VM name. */
  vmName: string;
  /**
   * Distribution, e.g. `sles`, `SUSE Linux Enterprise Server`, `rhel`, `centos`, `debian`: a known one
   * (a misspelt name is refused with the nearest), or `{ name, unlisted: true }` for any other.
   */
  distribution: string | UnlistedDistribution;
  /** Distribution version, e.g. `11`, `10 SP3`, `5.4`. */
  version: string | number;
  /** Default `x64`. */
  architecture?: GuestArchitecture;
  /** Integration components installed in the guest (`in-kernel`: the distribution kernel's drivers). Default `linux-ics-v2`. */
  integrationComponents?: IntegrationComponentsRelease;
  /** Kernel, where the support matrix splits by kernel: `rhck`, `uek4`, `uek5` (Oracle Linux), `backports` (Debian). */
  kernel?: string;
  /** The distribution's Hyper-V daemons package (KVP, VSS, file copy) is installed in the guest. Default false. */
  hypervDaemons?: boolean;
  /** Edition of the ICs v2 readme that decides which guests are supported. Default `2010-01`. */
  readme?: ReadmeEdition;
  /**
   * Emulated devices (legacy network adapter, IDE disk) even where the release supports the guest
   * with synthetic ones, e.g. where the guest must also pass under an older readme. Default false.
   */
  emulatedDevices?: boolean;
  /** Startup memory in MB (even). */
  memoryMB: number;
  /** Wanted virtual processors; lowered to the release's limit. Default 1. */
  processorCount?: number;
  /** Wanted dynamic memory; static memory where the release has no hot-add or ballooning. */
  dynamicMemory?: { minimumMB: number; maximumMB: number };
  /** Size of the boot disk in GB. */
  diskSizeGB: number;
  /** Boot disk path on the host. Default `C:\Users\Public\Documents\Hyper-V\Virtual Hard Disks\<vmName>.vhd`. */
  diskPath?: string;
  /** Virtual switch of the guest's network adapter; none means a disconnected adapter. */
  switchName?: string;
  /** NTP servers; required (at least one) when the guest gets no time from the host. */
  ntpServers?: string[];
  /** Target host (`simulator`, `simulator://NAME`, `local`, `ssh://user@host`, `winrm://host`); absent means the `hyperv:host` stack config. Changing it replaces the guest. */
  host?: string;
  /** Desired power state. Default `Running`. */
  state?: "Running" | "Off";
}

/**
 * Hyper-V's default folder for virtual hard disks. The disk is a `.vhd`: Hyper-V 2.0, the host of
 * the ICs v2 era, has no VHDX.
 */
export const DEFAULT_DISK_FOLDER = "C:\\Users\\Public\\Documents\\Hyper-V\\Virtual Hard Disks";
/** VHD's largest size (2040 GB). */
const MAX_VHD_GB = 2040;
const MAX_MEMORY_MB = 1024 * 1024;

const text = (field: string) =>
  z
    .string({ error: `${field} must be a non-empty string` })
    .trim()
    .min(1, { error: `${field} must not be empty` });

const UNLISTED_HINT = (name: string) =>
  `; for a distribution that is not listed, say so: distribution: { name: ${JSON.stringify(name)}, unlisted: true }`;

/** A known distribution's name, or `{ name, unlisted: true }`; the canonical id out. */
const distributionSchema = z.unknown().transform((value, ctx): string => {
  const fail = (message: string, path: PropertyKey[] = []) => {
    ctx.addIssue({ code: "custom", message, path });
    return z.NEVER;
  };
  if (typeof value === "string") {
    const name = value.trim();
    if (name === "") return fail("distribution must not be empty");
    if (isKnownDistribution(name)) return canonicalDistribution(name);
    const nearest = didYouMean(name, KNOWN_DISTRIBUTION_NAMES);
    return fail(
      `distribution ${JSON.stringify(name)} is not a distribution the support matrix knows` +
        (nearest || ` (known: ${KNOWN_DISTRIBUTIONS.join(", ")})`) +
        UNLISTED_HINT(name),
    );
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return fail('distribution must be a name such as "sles", or { name, unlisted: true }');
  const { name, unlisted, ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0)
    return fail(`distribution.${extra[0]} is not a field of distribution (name, unlisted); remove it`);
  if (typeof name !== "string" || name.trim() === "")
    return fail("distribution.name must be a non-empty string", ["name"]);
  if (unlisted !== true)
    return fail("distribution.unlisted must be true (it says the name is meant though no list knows it)", [
      "unlisted",
    ]);
  return canonicalDistribution(name);
});

const argsObject = z
  .object(
    {
      vmName: vmNameSchema,
      distribution: distributionSchema,
      version: z
        .union([z.string(), z.number()], { error: 'version must be a string such as "11" or "5.4"' })
        .transform(String)
        .pipe(text("version")),
      architecture: caseInsensitiveEnum("architecture", GUEST_ARCHITECTURES).default("x64"),
      integrationComponents: caseInsensitiveEnum(
        "integrationComponents",
        INTEGRATION_COMPONENTS_RELEASES,
      ).default("linux-ics-v2"),
      kernel: text("kernel").toLowerCase().optional(),
      hypervDaemons: z.boolean({ error: "hypervDaemons must be true or false" }).default(false),
      readme: caseInsensitiveEnum("readme", README_EDITIONS).default(DEFAULT_README_EDITION),
      emulatedDevices: z.boolean({ error: "emulatedDevices must be true or false" }).default(false),
      memoryMB: evenMegabytes("memoryMB", 32, MAX_MEMORY_MB),
      processorCount: integerIn("processorCount", 1, 64, "a generation 1 VM's limit").default(1),
      dynamicMemory: z
        .object(
          {
            minimumMB: evenMegabytes("dynamicMemory.minimumMB", 32, MAX_MEMORY_MB),
            maximumMB: evenMegabytes("dynamicMemory.maximumMB", 32, MAX_MEMORY_MB),
          },
          { error: "dynamicMemory must be an object such as { minimumMB: 512, maximumMB: 2048 }" },
        )
        .strict()
        .optional(),
      diskSizeGB: integerIn("diskSizeGB", 1, MAX_VHD_GB, "a VHD's range"),
      diskPath: hostPath("diskPath", [".vhd"]).optional(),
      switchName: displayName("switchName").optional(),
      ntpServers: listOf("ntpServers", ntpServerSchema)
        .max(16, { error: "ntpServers must list at most 16 servers" })
        .default([]),
      host: hostSchema.optional(),
      state: caseInsensitiveEnum("state", ["Running", "Off"] as const).default("Running"),
    },
    { error: "the LinuxIcsGuest arguments must be an object" },
  )
  .strict();

const argsSchema = argsObject
  .superRefine((args, ctx) => {
    const dm = args.dynamicMemory;
    if (dm && dm.minimumMB > args.memoryMB) {
      ctx.addIssue({
        code: "custom",
        path: ["dynamicMemory", "minimumMB"],
        message: `dynamicMemory.minimumMB must not exceed memoryMB (${args.memoryMB})`,
      });
    }
    if (dm && dm.maximumMB < args.memoryMB) {
      ctx.addIssue({
        code: "custom",
        path: ["dynamicMemory", "maximumMB"],
        message: `dynamicMemory.maximumMB must be at least memoryMB (${args.memoryMB})`,
      });
    }
    if (
      args.distribution === "freebsd" &&
      args.integrationComponents !== "in-kernel" &&
      args.integrationComponents !== "none"
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["integrationComponents"],
        message: `integrationComponents "${args.integrationComponents}" is a Linux release: a FreeBSD guest has "in-kernel" drivers (BIS) or "none"`,
      });
    }
  })
  .transform((args) => ({ ...args, version: canonicalVersion(args.distribution, args.version) }));

const ARGUMENT_NAMES = Object.keys(argsObject.shape);

/** The arguments with their defaults applied and the guest's identity canonical. */
export type ParsedLinuxIcsGuestArgs = z.output<typeof argsSchema>;

/** Bad arguments: every problem, each naming its field and the fix. */
export class LinuxIcsGuestArgsError extends Error {
  constructor(readonly failures: { property: string; reason: string }[]) {
    super(`invalid LinuxIcsGuest arguments: ${failures.map((f) => f.reason).join("; ")}`);
    this.name = "LinuxIcsGuestArgsError";
  }
}

/** Validates a guest's arguments; throws {@link LinuxIcsGuestArgsError} naming every bad field. */
export function parseLinuxIcsGuestArgs(input: unknown): ParsedLinuxIcsGuestArgs {
  const result = argsSchema.safeParse(input);
  if (result.success) return result.data;
  throw new LinuxIcsGuestArgsError(
    result.error.issues.map((issue) => {
      const property = propertyPath(issue.path);
      const reason =
        issue.code === "unrecognized_keys"
          ? `${issue.keys.join(", ")} ${issue.keys.length === 1 ? "is not an argument" : "are not arguments"} of LinuxIcsGuest; remove ${issue.keys.length === 1 ? "it" : "them"}` +
            (issue.keys.length === 1 ? didYouMean(issue.keys[0], ARGUMENT_NAMES) : "")
          : issue.message;
      return { property, reason };
    }),
  );
}
