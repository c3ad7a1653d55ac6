/**
 * A SLES 11 x64 web tier: `count` identical guests on one virtual switch, each built by
 * `LinuxIcsGuest` from the Linux Integration Components v2 support matrix (synthetic devices, one
 * virtual processor, no host time sync, NTP). Everything it varies is stack config.
 */
import * as pulumi from "@pulumi/pulumi";
import * as hyperv from "pulumi-hyperv";
import { z } from "zod";

const wholeNumber = (min: number, max: number, what: string) =>
  z.coerce
    .number({ error: `must be a whole number from ${min} to ${max} (${what})` })
    .int({ error: `must be a whole number from ${min} to ${max} (${what})` })
    .min(min, { error: `must be a whole number from ${min} to ${max} (${what})` })
    .max(max, { error: `must be a whole number from ${min} to ${max} (${what})` });

const settings = hyperv.readStackConfig(
  z
    .object({
      count: wholeNumber(1, 20, "the number of web guests").default(2),
      namePrefix: z
        .string()
        .regex(/^[A-Za-z][A-Za-z0-9-]{0,59}$/, {
          error: "must start with a letter and hold only letters, digits and hyphens (at most 60)",
        })
        .default("web"),
      memoryMB: wholeNumber(256, 65536, "each guest's memory in MB")
        .refine((mb) => mb % 2 === 0, { error: "must be an even number of MB (Hyper-V's 2 MB units)" })
        .default(1024),
      diskSizeGB: wholeNumber(1, 2040, "each guest's boot disk in GB, a VHD's range").default(16),
      ntpServers: z
        .array(z.string({ error: "must list host names or IP addresses" }), {
          error: "must be a list of NTP servers, e.g. [0.pool.ntp.org, 1.pool.ntp.org]",
        })
        .min(1, { error: "must list at least one NTP server: ICs v2 guests get no time from the host" }),
      switchName: z.string().trim().min(1, { error: "must not be empty" }).default("web"),
      switchType: z
        .enum(["Private", "Internal", "External"], { error: "must be Private, Internal or External" })
        .default("Internal"),
      netAdapterName: z.string().trim().min(1, { error: "must not be empty" }).optional(),
    })
    .superRefine((s, ctx) => {
      if ((s.switchType === "External") !== (s.netAdapterName !== undefined)) {
        ctx.addIssue({
          code: "custom",
          path: ["netAdapterName"],
          message:
            s.switchType === "External"
              ? "is required with switchType External: the host's network adapter to bind, e.g. Ethernet"
              : "applies to switchType External only; remove it or set switchType: External",
        });
      }
    }),
);

const lan = new hyperv.VirtualSwitch("web-switch", {
  switchName: settings.switchName,
  type: settings.switchType,
  ...(settings.netAdapterName !== undefined && { netAdapterName: settings.netAdapterName }),
  notes: "pulumi-hyperv sles11-web example",
});

const guests = Array.from({ length: settings.count }, (_, i) => {
  const name = `${settings.namePrefix}${String(i + 1).padStart(2, "0")}`;
  return new hyperv.LinuxIcsGuest(name, {
    distribution: "sles",
    version: "11",
    architecture: "x64",
    memoryMB: settings.memoryMB,
    diskSizeGB: settings.diskSizeGB,
    switchName: lan.switchName,
    ntpServers: settings.ntpServers,
  });
});

/** `{ <vmName>: value }` over every guest. */
function byName<T>(
  value: (guest: hyperv.LinuxIcsGuest) => pulumi.Input<T>,
): pulumi.Output<Record<string, T>> {
  return pulumi
    .all(guests.map((g) => pulumi.all([g.vm.vmName, value(g)])))
    .apply((pairs) => Object.fromEntries(pairs) as Record<string, T>);
}

export const switchName = lan.switchName;
export const vmNames = pulumi.all(guests.map((g) => g.vm.vmName));
export const vmIds = byName((g) => g.vmId);
/** The MAC address of each guest's synthetic adapter `eth0`. */
export const macAddresses = byName((g) => g.vm.macAddresses.apply((macs) => macs.eth0));
/** Each guest's `/etc/ntp.conf`, rendered from its NTP servers. */
export const ntpConf = byName((g) => g.vm.ntpConf);
