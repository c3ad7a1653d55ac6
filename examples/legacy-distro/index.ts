/**
 * A Linux guest the integration components do not support (Debian 5.0 by default), built by
 * `LinuxIcsGuest` without integration components: emulated devices only (the legacy network
 * adapter, its disk on IDE), every integration service off, one virtual processor and NTP.
 */
import * as hyperv from "pulumi-hyperv";
import { z } from "zod";

const wholeNumber = (min: number, max: number, what: string) => {
  const error = `must be a whole number from ${min} to ${max} (${what})`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};
const text = (what: string) =>
  z.coerce
    .string()
    .trim()
    .min(1, { error: `must not be empty (${what})` });

const settings = hyperv.readStackConfig(
  z.object({
    distribution: text("the guest's distribution, e.g. debian").default("debian"),
    version: text("the distribution's version, e.g. 5.0").default("5.0"),
    architecture: z.enum(["x86", "x64"], { error: "must be x86 or x64" }).default("x64"),
    vmName: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9-]{0,62}$/, {
        error: "must start with a letter and hold only letters, digits and hyphens (at most 63)",
      })
      .default("legacy"),
    memoryMB: wholeNumber(256, 65536, "the guest's memory in MB")
      .refine((mb) => mb % 2 === 0, { error: "must be an even number of MB (Hyper-V's 2 MB units)" })
      .default(512),
    diskSizeGB: wholeNumber(1, 2040, "the boot disk in GB, a VHD's range").default(8),
    ntpServers: z
      .array(z.string({ error: "must list host names or IP addresses" }), {
        error: "must be a list of NTP servers, e.g. [0.pool.ntp.org, 1.pool.ntp.org]",
      })
      .min(1, { error: "must list at least one NTP server: the guest gets no time from the host" }),
    switchName: z.string().trim().min(1, { error: "must not be empty" }).default("legacy"),
  }),
);

const lan = new hyperv.VirtualSwitch("legacy-switch", {
  switchName: settings.switchName,
  type: "Internal",
  notes: "pulumi-hyperv legacy-distro example",
});

const guest = new hyperv.LinuxIcsGuest(settings.vmName, {
  distribution: settings.distribution,
  version: settings.version,
  architecture: settings.architecture,
  // No integration components in the guest: no synthetic device drivers, no integration services.
  integrationComponents: "none",
  memoryMB: settings.memoryMB,
  diskSizeGB: settings.diskSizeGB,
  switchName: lan.switchName,
  ntpServers: settings.ntpServers,
});

export const vmName = guest.vm.vmName;
export const vmId = guest.vmId;
/** Always `emulated`: a guest without integration components has no synthetic device drivers. */
export const devices = guest.synthetic ? "synthetic" : "emulated";
/** The MAC address of the guest's legacy adapter `eth0`. */
export const macAddress = guest.vm.macAddresses.apply((macs) => macs.eth0);
/** The guest's `/etc/ntp.conf`, rendered from its NTP servers. */
export const ntpConf = guest.vm.ntpConf;
