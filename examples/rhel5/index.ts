/**
 * A Red Hat Enterprise Linux 5.4 guest with the Linux Integration Components v2, built by
 * `LinuxIcsGuest`. The 2010-01 readme lists RHEL 5.2-5.4, so by default it gets synthetic devices;
 * the 2009-10 RTM readme lists SLES only, so a site that follows it sets `devices: emulated`
 * (legacy network adapter, IDE disk) and the guest passes under both editions.
 */
import * as hyperv from "pulumi-hyperv";
import { z } from "zod";

const wholeNumber = (min: number, max: number, what: string) => {
  const error = `must be a whole number from ${min} to ${max} (${what})`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

const settings = hyperv.readStackConfig(
  z.object({
    vmName: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9-]{0,62}$/, {
        error: "must start with a letter and hold only letters, digits and hyphens (at most 63)",
      })
      .default("rhel5"),
    version: z
      .enum(["5.2", "5.3", "5.4"], { error: "must be 5.2, 5.3 or 5.4 (the RHEL versions ICs v2 supports)" })
      .default("5.4"),
    architecture: z.enum(["x86", "x64"], { error: "must be x86 or x64" }).default("x64"),
    devices: z
      .enum(["synthetic", "emulated"], {
        error: "must be synthetic (the 2010-01 readme) or emulated (passes under the 2009-10 readme too)",
      })
      .default("synthetic"),
    memoryMB: wholeNumber(256, 65536, "the guest's memory in MB")
      .refine((mb) => mb % 2 === 0, { error: "must be an even number of MB (Hyper-V's 2 MB units)" })
      .default(1024),
    diskSizeGB: wholeNumber(1, 2040, "the boot disk in GB, a VHD's range").default(16),
    ntpServers: z
      .array(z.string({ error: "must list host names or IP addresses" }), {
        error: "must be a list of NTP servers, e.g. [0.pool.ntp.org, 1.pool.ntp.org]",
      })
      .min(1, { error: "must list at least one NTP server: ICs v2 guests get no time from the host" }),
    switchName: z.string().trim().min(1, { error: "must not be empty" }).default("rhel"),
  }),
);

const lan = new hyperv.VirtualSwitch("rhel-switch", {
  switchName: settings.switchName,
  type: "Internal",
  notes: "pulumi-hyperv rhel5 example",
});

const guest = new hyperv.LinuxIcsGuest(settings.vmName, {
  distribution: "rhel",
  version: settings.version,
  architecture: settings.architecture,
  emulatedDevices: settings.devices === "emulated",
  memoryMB: settings.memoryMB,
  diskSizeGB: settings.diskSizeGB,
  switchName: lan.switchName,
  ntpServers: settings.ntpServers,
});

export const vmName = guest.vm.vmName;
export const vmId = guest.vmId;
/** `synthetic` or `emulated`: the devices the guest got. */
export const devices = guest.synthetic ? "synthetic" : "emulated";
/** The MAC address of the guest's adapter `eth0`. */
export const macAddress = guest.vm.macAddresses.apply((macs) => macs.eth0);
/** The guest's `/etc/ntp.conf`, rendered from its NTP servers. */
export const ntpConf = guest.vm.ntpConf;
