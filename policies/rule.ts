/**
 * What a rule of the pack is: a pure check (and optional remediation) of a normalized VM spec, plus
 * the metadata the pack, the docs and the config use. `pack-policy.ts` turns a rule into a Pulumi
 * policy; `api.ts` runs the same rules without Pulumi.
 */
import type { EnforcementLevel } from "@pulumi/policy";
import {
  isMatrixGuestFamily,
  type GuestSpec,
  type VirtualMachineSpec,
} from "../provider/model/virtual-machine-spec";
import {
  GUEST_SUPPORT,
  guestCapabilities,
  inKernelRow,
  type GuestCapabilities,
  type InKernelGuestRow,
  type IntegrationComponentsRelease,
} from "./matrix";
import type { SettingsOf, SettingsSchema } from "./settings";

/** One problem a rule found. */
export interface Finding {
  /** What is wrong, which ICs limit it comes from, and the exact change that fixes it. */
  message: string;
  /** A `...Level` setting of the rule that sets this finding's level instead of the policy's level. */
  levelSetting?: string;
}

/** Everything a rule looks at for one Linux guest. */
export interface RuleContext<S> {
  /** The VM spec; a remediation mutates it in place. */
  spec: VirtualMachineSpec;
  guest: GuestSpec;
  release: IntegrationComponentsRelease;
  capabilities: GuestCapabilities;
  /** For `in-kernel` guests: the matrix row that documents the guest, if one does. */
  row?: InKernelGuestRow;
  settings: S;
}

/** A policy of the pack, independent of Pulumi. */
export interface Rule<S extends SettingsSchema = SettingsSchema> {
  /** Policy name (docs and config use it). */
  name: string;
  /** One sentence: what the policy refuses. */
  description: string;
  /** The exact change that makes a spec compliant. */
  fix: string;
  enforcementLevel: Extract<EnforcementLevel, "advisory" | "mandatory">;
  severity: "low" | "medium" | "high" | "critical";
  settings: S;
  check(ctx: RuleContext<SettingsOf<S>>): Finding[];
  /** Mutates `ctx.spec` into compliance; returns true when it changed anything. */
  remediate?(ctx: RuleContext<SettingsOf<S>>): boolean;
}

/** Declares a rule (keeps the settings' type for `check` and `remediate`). */
export function defineRule<const S extends SettingsSchema>(rule: Rule<S>): Rule<S> {
  return rule;
}

/**
 * The context of a spec for a rule, or undefined when the rules do not apply (not a Linux guest).
 * Reads through the policy host's proxy throw for values unknown at preview, as the SDK intends.
 */
export function ruleContext<S>(spec: VirtualMachineSpec, settings: S): RuleContext<S> | undefined {
  const guest = spec.guest;
  if (!isMatrixGuestFamily(guest.family)) return undefined;
  assertNormalized(spec);
  const release = guest.integrationComponents;
  const support = Object.prototype.hasOwnProperty.call(GUEST_SUPPORT, release)
    ? GUEST_SUPPORT[release]
    : undefined;
  if (!support) {
    throw new Error(
      `guest.integrationComponents "${release}" is not a release of the support matrix ` +
        `(${Object.keys(GUEST_SUPPORT).join(", ")}): use one of them`,
    );
  }
  const row = release === "in-kernel" ? inKernelRow(guest) : undefined;
  return {
    spec,
    guest,
    release,
    capabilities: guestCapabilities(release, guest),
    ...(row && { row }),
    settings,
  };
}

/** Spec fields that are never absent once the model has applied its defaults. */
const NORMALIZED_FIELDS = [
  "processorCount",
  "generation",
  "networkAdapters",
  "hardDisks",
  "integrationServices",
  "automaticStopAction",
  "timeSync",
] as const;

/**
 * The rules judge the model's normalized output. Raw inputs (no defaults applied) would make a
 * Linux guest look compliant or crash a rule, so they are refused with the fix instead.
 */
function assertNormalized(spec: VirtualMachineSpec): void {
  const missing: string[] = NORMALIZED_FIELDS.filter((field) => !(field in spec));
  if (!("integrationComponents" in spec.guest)) missing.push("guest.integrationComponents");
  if (missing.length > 0) {
    throw new Error(
      `the VM's properties lack ${missing.join(", ")}: the policies judge the VM model's normalized ` +
        "output; pass the inputs through parseVirtualMachine (the provider's check() does) before judging them",
    );
  }
}

/** "SLES 11 x64 guest with Linux Integration Components v2", for messages. */
export function describeGuest(ctx: RuleContext<unknown>): string {
  const { distribution, version, architecture, kernel } = ctx.guest;
  const name =
    [distribution?.toUpperCase(), version?.toUpperCase()].filter(Boolean).join(" ") ||
    (ctx.guest.family === "freebsd" ? "FreeBSD" : "Linux");
  const withKernel = kernel !== undefined ? ` (kernel ${kernel})` : "";
  return `${name}${withKernel} ${architecture} guest with ${GUEST_SUPPORT[ctx.release].displayName}`;
}

/** "Supported Debian virtual machines on Hyper-V (2023-09-26), feature table, column 11": a citation for messages. */
export function citation(source: { page: string; edition: string; section: string }): string {
  return `${source.page} (${source.edition}), ${source.section}`;
}

/** Whether the guest's clock is kept by the host: the release can do it and the service is on. */
export function hasHostTimeSync(ctx: RuleContext<unknown>): boolean {
  return ctx.capabilities.hostTimeSync && ctx.spec.integrationServices.timeSynchronization;
}

/**
 * Why the host does not keep the guest's clock, for messages: the release cannot (an ICs limit),
 * or the release can but the Time Synchronization service is off.
 */
export function noHostTimeSync(ctx: RuleContext<unknown>): string {
  return ctx.capabilities.hostTimeSync
    ? `the Time Synchronization service of this ${describeGuest(ctx)} is off (integrationServices.timeSynchronization: false)`
    : `a ${describeGuest(ctx)} gets no time synchronization from the host (an integration components limit)`;
}
