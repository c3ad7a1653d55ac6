/** The VirtualSwitch input schema (pure): a Private, Internal or External Hyper-V switch. */
import { z } from "zod";
import { caseInsensitiveEnum, displayName, hostSchema, known } from "./fields";
import { toCheckFailures, type ParseResult } from "./parse";
import { isUnknown } from "./unknown";

/** Pulumi type token of the virtual switch resource. */
export const VIRTUAL_SWITCH_TYPE = "pulumi-nodejs:dynamic/hyperv:VirtualSwitch";

export const SWITCH_TYPES = ["Private", "Internal", "External"] as const;
export type SwitchType = (typeof SWITCH_TYPES)[number];

/** A virtual switch, normalized. */
export interface VirtualSwitchSpec {
  /** Hyper-V switch name. Default: the Pulumi resource name. */
  switchName: string;
  /** Default `Private`. */
  type: SwitchType;
  /** The host's physical network adapter an External switch binds to. */
  netAdapterName?: string;
  /** External switches: the host shares the adapter. Default true (Hyper-V's default). */
  allowManagementOs?: boolean;
  /** Default "". */
  notes: string;
  /** Target host (`simulator`, `simulator://NAME`, `local`, `ssh://user@host`, `winrm://host`); absent means the `hyperv:host` stack config. */
  host?: string;
}

const shape = z
  .object(
    {
      switchName: known(displayName("switchName")),
      type: known(caseInsensitiveEnum("type", SWITCH_TYPES)).default("Private"),
      netAdapterName: known(displayName("netAdapterName", 256)).optional(),
      allowManagementOs: known(z.boolean({ error: "allowManagementOs must be true or false" })).optional(),
      notes: known(
        z
          .string({ error: "notes must be a string" })
          .max(32768, { error: "notes must be at most 32768 characters" }),
      ).default(""),
      host: known(hostSchema).optional(),
    },
    { error: "the VirtualSwitch inputs must be an object" },
  )
  .strict();

const schema = z
  .preprocess(
    (input) =>
      input && typeof input === "object" && !Array.isArray(input)
        ? Object.fromEntries(Object.entries(input).filter(([k]) => !k.startsWith("__")))
        : input,
    shape,
  )
  .superRefine((sw, ctx) => {
    if (isUnknown(sw.type)) return;
    if (sw.type === "External" && sw.netAdapterName === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["netAdapterName"],
        message:
          "netAdapterName is required for an External switch: the host's network adapter, e.g. Ethernet",
      });
    }
    if (sw.type !== "External") {
      for (const key of ["netAdapterName", "allowManagementOs"] as const) {
        if (sw[key] !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: `${key} only applies to an External switch: remove it or set type: "External"`,
          });
        }
      }
    }
  })
  .transform((sw): VirtualSwitchSpec =>
    sw.type === "External" && sw.allowManagementOs === undefined ? { ...sw, allowManagementOs: true } : sw,
  );

const KEYS = { keys: { "": Object.keys(shape.shape) }, noun: "VirtualSwitch input" };

/** Validates and normalizes VirtualSwitch inputs; `resourceName` is the default `switchName`. */
export function parseVirtualSwitch(input: unknown, resourceName?: string): ParseResult<VirtualSwitchSpec> {
  let raw = input;
  if (resourceName !== undefined && raw && typeof raw === "object" && !Array.isArray(raw)) {
    const record = raw as Record<string, unknown>;
    if (record.switchName === undefined) raw = { ...record, switchName: resourceName };
  }
  const result = schema.safeParse(raw);
  return result.success
    ? { ok: true, spec: result.data }
    : { ok: false, failures: toCheckFailures(result.error, raw, KEYS) };
}
