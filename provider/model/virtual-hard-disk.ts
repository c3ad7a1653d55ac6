/**
 * The VirtualHardDisk input schema (pure): a .vhdx or .vhd file on the host, Dynamic, Fixed or
 * Differencing (with a parent), sized in bytes or GB.
 */
import { z } from "zod";
import { caseInsensitiveEnum, hostPath, hostSchema, known } from "./fields";
import { toCheckFailures, type ParseResult } from "./parse";
import { isUnknown } from "./unknown";

/** Pulumi type token of the virtual hard disk resource. */
export const VIRTUAL_HARD_DISK_TYPE = "pulumi-nodejs:dynamic/hyperv:VirtualHardDisk";

export const VHD_TYPES = ["Dynamic", "Fixed", "Differencing"] as const;
export type VhdType = (typeof VHD_TYPES)[number];

const GB = 1024 ** 3;
const MIN_SIZE = 3 * 1024 * 1024;
/** Hyper-V's limits per format: 64 TB for VHDX, 2040 GB for VHD; sizes are whole sectors. */
const FORMAT_LIMITS = {
  vhdx: { max: 64 * 1024 ** 4, sector: 4096 },
  vhd: { max: 2040 * GB, sector: 512 },
} as const;

/** A virtual hard disk, normalized: `sizeBytes` is set whenever a size was given. */
export interface VirtualHardDiskSpec {
  /** Absolute Windows path of the file on the host (`.vhdx` or `.vhd`). */
  path: string;
  /** Default `Dynamic`; `Differencing` when `parentPath` is set. */
  type: VhdType;
  /** Size in bytes; required unless `type` is Differencing (then it defaults to the parent's). */
  sizeBytes?: number;
  /** Size in GB (2^30 bytes), instead of `sizeBytes`. */
  sizeGB?: number;
  /** Parent disk of a Differencing disk. */
  parentPath?: string;
  /** Target host (`simulator`, `simulator://NAME`, `local`, `ssh://user@host`, `winrm://host`); absent means the `hyperv:host` stack config. */
  host?: string;
}

const shape = z
  .object(
    {
      path: known(hostPath("path", [".vhdx", ".vhd"])),
      type: known(caseInsensitiveEnum("type", VHD_TYPES)).optional(),
      sizeBytes: known(
        z
          .number({ error: "sizeBytes must be a whole number of bytes, e.g. 10737418240 (10 GB)" })
          .int({ error: "sizeBytes must be a whole number of bytes, e.g. 10737418240 (10 GB)" }),
      ).optional(),
      sizeGB: known(
        z.number({ error: "sizeGB must be a positive number, e.g. 40" }).positive({
          error: "sizeGB must be a positive number, e.g. 40",
        }),
      ).optional(),
      parentPath: known(hostPath("parentPath", [".vhdx", ".vhd"])).optional(),
      host: known(hostSchema).optional(),
    },
    { error: "the VirtualHardDisk inputs must be an object" },
  )
  .strict();

type Ctx = z.RefinementCtx;
const issue = (ctx: Ctx, path: string, message: string) =>
  ctx.addIssue({ code: "custom", path: [path], message });

function checkDisk(disk: z.output<typeof shape>, ctx: Ctx): void {
  // check() adds sizeBytes to a size given in GB, so both may be present as long as they agree.
  const bothKnown = typeof disk.sizeBytes === "number" && typeof disk.sizeGB === "number";
  if (bothKnown && disk.sizeBytes !== Math.round(disk.sizeGB! * GB)) {
    issue(ctx, "sizeGB", "sizeBytes and sizeGB give different sizes: give only one of them");
  }
  const type = disk.type ?? (disk.parentPath !== undefined ? "Differencing" : "Dynamic");
  if (type === "Differencing" && disk.parentPath === undefined) {
    issue(
      ctx,
      "parentPath",
      "parentPath is required for a Differencing disk: the path of its parent .vhdx or .vhd",
    );
  }
  if (type !== "Differencing" && disk.parentPath !== undefined && !isUnknown(type)) {
    issue(
      ctx,
      "parentPath",
      `parentPath only applies to a Differencing disk: remove it or set type: "Differencing"`,
    );
  }
  if (
    type !== "Differencing" &&
    !isUnknown(type) &&
    disk.sizeBytes === undefined &&
    disk.sizeGB === undefined
  ) {
    issue(ctx, "sizeBytes", `sizeBytes (or sizeGB) is required for a ${type} disk, e.g. sizeGB: 40`);
  }
  const size = sizeOf(disk);
  if (size === undefined || isUnknown(disk.path)) return;
  const limits = disk.path.toLowerCase().endsWith(".vhd") ? FORMAT_LIMITS.vhd : FORMAT_LIMITS.vhdx;
  const field = disk.sizeGB !== undefined ? "sizeGB" : "sizeBytes";
  if (size < MIN_SIZE || size > limits.max) {
    issue(ctx, field, `${field} must give from 3 MB to ${limits.max / GB} GB for this file format`);
  } else if (size % limits.sector !== 0) {
    issue(
      ctx,
      field,
      `${field} must give a whole number of ${limits.sector}-byte sectors, e.g. ${size - (size % limits.sector)}`,
    );
  }
}

function sizeOf(disk: { sizeBytes?: number; sizeGB?: number }): number | undefined {
  if (isUnknown(disk.sizeBytes) || isUnknown(disk.sizeGB)) return undefined;
  if (disk.sizeGB !== undefined) return Math.round(disk.sizeGB * GB);
  return disk.sizeBytes;
}

const schema = z
  .preprocess(
    (input) =>
      input && typeof input === "object" && !Array.isArray(input)
        ? Object.fromEntries(Object.entries(input).filter(([k]) => !k.startsWith("__")))
        : input,
    shape,
  )
  .superRefine(checkDisk)
  .transform((disk): VirtualHardDiskSpec => {
    const type = disk.type ?? (disk.parentPath !== undefined ? "Differencing" : "Dynamic");
    const size = sizeOf(disk);
    const sizeBytes =
      isUnknown(disk.sizeBytes) || isUnknown(disk.sizeGB) ? (disk.sizeBytes ?? disk.sizeGB) : size;
    return { ...disk, type, ...(sizeBytes !== undefined && { sizeBytes }) };
  });

const KEYS = { keys: { "": Object.keys(shape.shape) }, noun: "VirtualHardDisk input" };

/**
 * Validates and normalizes VirtualHardDisk inputs. With `previous` (the inputs of the disk as it
 * exists), a smaller size is refused: a disk only grows.
 */
export function parseVirtualHardDisk(
  input: unknown,
  previous?: Partial<VirtualHardDiskSpec>,
): ParseResult<VirtualHardDiskSpec> {
  const result = schema.safeParse(input);
  if (!result.success) return { ok: false, failures: toCheckFailures(result.error, input, KEYS) };
  const spec = result.data;
  const before = previous?.sizeBytes;
  if (
    typeof before === "number" &&
    typeof spec.sizeBytes === "number" &&
    spec.sizeBytes < before &&
    previous?.path?.toLowerCase() === spec.path.toLowerCase()
  ) {
    const field = spec.sizeGB !== undefined ? "sizeGB" : "sizeBytes";
    return {
      ok: false,
      failures: [
        {
          property: field,
          reason: `${field} must not shrink the disk (now ${before} bytes): a disk only grows; keep the size or replace the disk with a new path`,
        },
      ],
    };
  }
  return { ok: true, spec };
}
