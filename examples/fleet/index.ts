/**
 * A fleet of Linux guests from a config list, spread over Hyper-V hosts: each guest names its host
 * (or takes `defaultHost`), each distinct host gets one virtual switch of the same name, and each
 * guest is a `LinuxIcsGuest` on its host's switch, so it is compliant by construction. Everything it
 * varies is stack config.
 */
import * as pulumi from "@pulumi/pulumi";
import * as hyperv from "pulumi-hyperv";
import { z } from "zod";

const key = (name: string) => `${pulumi.getProject()}:${name}`;

/** A guest of the list: its name and host here; the rest is LinuxIcsGuest's to judge. */
const guestSchema = z
  .object({
    name: z
      .string({ error: "must be the guest's name, e.g. web01" })
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, {
        error: "must be 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit",
      }),
    host: z.string({ error: "must be a host such as simulator://hv01 or ssh://admin@hv01" }).optional(),
  })
  .catchall(z.unknown());

const settingsSchema = z.object({
  guests: z
    .array(guestSchema, { error: "must be a list of guests (name, distribution, version, memoryMB, ...)" })
    .min(1, { error: "must list at least one guest" }),
  defaultHost: z.string({ error: "must be a host such as simulator://hv01" }).optional(),
  switchName: z.string().trim().min(1, { error: "must not be empty" }).default("fleet"),
  switchType: z.enum(["Private", "Internal"], { error: "must be Private or Internal" }).default("Internal"),
  ntpServers: z
    .array(z.string({ error: "must list host names or IP addresses" }), {
      error: "must be a list of NTP servers, e.g. [0.pool.ntp.org, 1.pool.ntp.org]",
    })
    .default([]),
});

const settings = hyperv.readStackConfig(settingsSchema);

/** Each guest with its host and its plan, or every problem with its config key. */
function planFleet() {
  const problems: hyperv.StackConfigFailure[] = [];
  const seen = new Map<string, number>();
  const planned = settings.guests.map(({ name, host, ...args }, i) => {
    const first = seen.get(name.toLowerCase());
    if (first !== undefined) {
      problems.push({
        key: `${key("guests")}[${i}].name`,
        reason: `"${name}" is already the name of guests[${first}]; give each guest its own name`,
      });
    } else seen.set(name.toLowerCase(), i);
    const ownHost = host !== undefined;
    try {
      const plan = hyperv.layOutLinuxIcsGuest({
        ntpServers: settings.ntpServers,
        ...args,
        vmName: name,
        switchName: settings.switchName,
        ...((host ?? settings.defaultHost) !== undefined && { host: host ?? settings.defaultHost }),
      } as Parameters<typeof hyperv.layOutLinuxIcsGuest>[0]);
      return { name, args, host: plan.vm.host };
    } catch (error) {
      if (!(error instanceof hyperv.LinuxIcsGuestArgsError)) throw error;
      for (const f of error.failures) {
        const where =
          f.property === "host" && !ownHost
            ? key("defaultHost")
            : f.property === "switchName"
              ? key("switchName")
              : f.property === "vmName"
                ? `${key("guests")}[${i}].name`
                : f.property === "ntpServers" && args.ntpServers === undefined
                  ? key("ntpServers")
                  : `${key("guests")}[${i}]${f.property ? `.${f.property}` : ""}`;
        problems.push({ key: where, reason: f.reason });
      }
      return undefined;
    }
  });
  // A bad defaultHost or fleet-wide setting is reported once, not once per guest.
  const unique = [...new Map(problems.map((p) => [`${p.key}\n${p.reason}`, p])).values()];
  if (unique.length > 0) throw new hyperv.StackConfigError(unique, pulumi.getStack());
  return planned.map((p) => p!);
}

const fleet = planFleet();

/** How outputs name a host; guests without one are on the stack's `hyperv:host`. */
const providerHost = new pulumi.Config("hyperv").get("host") ?? "simulator";
const hostName = (host: string | undefined) => host ?? providerHost;

/** One switch per distinct host, all with the same name. */
const switches = new Map<string | undefined, hyperv.VirtualSwitch>();
for (const host of new Set(fleet.map((g) => g.host))) {
  const suffix = host === undefined ? "" : `-${host.replace(/[^A-Za-z0-9.-]+/g, "-")}`;
  switches.set(
    host,
    new hyperv.VirtualSwitch(`${settings.switchName}${suffix}`, {
      switchName: settings.switchName,
      type: settings.switchType,
      notes: "pulumi-hyperv fleet example",
      ...(host !== undefined && { host }),
    }),
  );
}

const guests = fleet.map(
  ({ name, args, host }) =>
    new hyperv.LinuxIcsGuest(name, {
      ntpServers: settings.ntpServers,
      ...(args as Omit<hyperv.LinuxIcsGuestArgs, "switchName" | "host" | "vmName">),
      ...(host !== undefined && { host }),
      switchName: switches.get(host)!.switchName,
    }),
);

/** Per host, each guest's VM id: `{ "simulator://hv01": { web01: "<id>", ... }, ... }`. */
export const vmIds = pulumi
  .all(guests.map((g, i) => pulumi.all([hostName(fleet[i].host), fleet[i].name, g.vmId])))
  .apply((rows) => {
    const byHost: Record<string, Record<string, string>> = {};
    for (const [host, name, id] of rows) (byHost[host] ??= {})[name] = id;
    return byHost;
  });

/** Per host, the id of its switch. */
export const switchIds = pulumi
  .all([...switches].map(([host, sw]) => pulumi.all([hostName(host), sw.switchId])))
  .apply((rows) => Object.fromEntries(rows) as Record<string, string>);
