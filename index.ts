/**
 * The demo stack: one internal virtual switch, two SLES 11 guests with the Linux Integration
 * Components v2 (one virtual processor, NTP, synthetic devices) and one RHEL 5.4 guest without
 * integration components, so on emulated devices only (legacy network adapter, IDE disk), on the
 * host the `hyperv:host` stack config names (the simulator by default). Deploy it with the policy
 * pack: `pulumi-hyperv up --policy-pack ./policies` or `pulumi up --policy-pack ./policies`.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  VirtualHardDisk,
  VirtualMachine,
  VirtualSwitch,
  type GuestArgs,
  type NetworkAdapterArgs,
} from "./provider";

const config = new pulumi.Config();
const ntpServers = config.requireObject<string[]>("ntpServers");

const lab = new VirtualSwitch("lab", { type: "Internal", notes: "pulumi-hyperv demo network" });

/** A generation 1 guest booting from its own disk on IDE 0:0, with one adapter on the lab switch. */
function guest(name: string, os: GuestArgs, adapter: Partial<NetworkAdapterArgs> = {}): VirtualMachine {
  const disk = new VirtualHardDisk(`${name}-root`, { path: `C:\\Hyper-V\\${name}\\root.vhd`, sizeGB: 16 });
  return new VirtualMachine(name, {
    memoryStartupMB: 1024,
    processorCount: 1,
    guest: os,
    networkAdapters: [{ name: "eth0", switchName: lab.switchName, ...adapter }],
    hardDisks: [{ path: disk.path, controllerType: "IDE", controllerNumber: 0, controllerLocation: 0 }],
    timeSync: { ntpServers },
    notes: "pulumi-hyperv demo",
  });
}

const sles = { family: "linux", distribution: "sles", version: "11", architecture: "x64" } as const;
const web = guest("sles-web", { ...sles, integrationComponents: "linux-ics-v2" });
const db = guest("sles-db", { ...sles, integrationComponents: "linux-ics-v2" });
const legacy = guest(
  "rhel-legacy",
  {
    family: "linux",
    distribution: "rhel",
    version: "5.4",
    architecture: "x64",
    integrationComponents: "none",
  },
  { legacy: true },
);

export const switchId = lab.switchId;
export const vmIds = { "sles-web": web.vmId, "sles-db": db.vmId, "rhel-legacy": legacy.vmId };
export const vmStates = { "sles-web": web.state, "sles-db": db.state, "rhel-legacy": legacy.state };
