/**
 * Three Linux guests, each breaking a rule of the Linux Integration Components v2 on purpose, built
 * with the plain `VirtualMachine` resource (a `LinuxIcsGuest` could not break them). Deploy it with
 * the policy pack to see what it refuses, at which level, and the fix; nothing is created.
 */
import * as hyperv from "pulumi-hyperv";
import { z } from "zod";

const settingsSchema = z.object({
  memoryMB: z.coerce
    .number({ error: "must be a whole, even number of MB, e.g. 512" })
    .int({ error: "must be a whole, even number of MB, e.g. 512" })
    .min(32, { error: "must be at least 32 MB" })
    .refine((mb) => mb % 2 === 0, { error: "must be an even number of MB (Hyper-V's 2 MB units)" })
    .default(512),
  processorCount: z.coerce
    .number({ error: "must be a whole number of virtual processors, e.g. 2" })
    .int({ error: "must be a whole number of virtual processors, e.g. 2" })
    .min(1, { error: "must be at least 1" })
    .default(2),
  ntpServers: z
    .array(z.string({ error: "must list host names or IP addresses" }), {
      error: "must be a list of NTP servers, e.g. [0.pool.ntp.org, 1.pool.ntp.org]",
    })
    .min(1, { error: "must list at least one NTP server (the guests that break other rules do use NTP)" })
    .default(["0.pool.ntp.org"]),
});

const settings = hyperv.readStackConfig(settingsSchema);

const icsV2 = { family: "linux", architecture: "x64", integrationComponents: "linux-ics-v2" } as const;
const base = { memoryStartupMB: settings.memoryMB, notes: "pulumi-hyperv noncompliant example" };

/** 1. More virtual processors than ICs v2 supports on SLES 11 (it supports one). */
const smp = new hyperv.VirtualMachine("smp-guest", {
  ...base,
  processorCount: settings.processorCount,
  guest: { ...icsV2, distribution: "sles", version: "11" },
  networkAdapters: [{ name: "eth0" }],
  timeSync: { ntpServers: settings.ntpServers },
});

/** 2. A synthetic network adapter on Debian, which no ICs v2 readme lists: emulated devices only. */
const debian = new hyperv.VirtualMachine("unsupported-distro", {
  ...base,
  guest: { ...icsV2, distribution: "debian", version: "5.0" },
  networkAdapters: [{ name: "eth0", legacy: false }],
  timeSync: { ntpServers: settings.ntpServers },
});

/** 3. No NTP server, and the host's Time Synchronization service on, which ICs v2 cannot use. */
const clock = new hyperv.VirtualMachine("host-time-sync", {
  ...base,
  guest: { ...icsV2, distribution: "sles", version: "11" },
  networkAdapters: [{ name: "eth0" }],
  integrationServices: { timeSynchronization: true },
});

export const vmIds = {
  "smp-guest": smp.vmId,
  "unsupported-distro": debian.vmId,
  "host-time-sync": clock.vmId,
};
