/** The VirtualMachine resource: a Hyper-V VM with its devices, settings and power state. */
import * as pulumi from "@pulumi/pulumi";
import { VIRTUAL_MACHINE_TYPE } from "../model";
import { lazyProvider } from "./lazy-provider";
import { outputKeys, unsetOutputs } from "./output-keys";

/** A network adapter of a VM, identified by its name. */
export interface NetworkAdapterArgs {
  /** Adapter name, unique within the VM. */
  name: pulumi.Input<string>;
  /** Virtual switch to connect to; absent: not connected. */
  switchName?: pulumi.Input<string>;
  /** Emulated "Legacy Network Adapter" (generation 1). Default: true when the guest has no synthetic network driver. */
  legacy?: pulumi.Input<boolean>;
  /** Static MAC address (e.g. `00-15-5D-01-02-03`); absent: a dynamic one. */
  macAddress?: pulumi.Input<string>;
  /** Access-mode VLAN id, 1-4094; absent: untagged. */
  vlanId?: pulumi.Input<number>;
  /** VMQ weight 0-100 (0 turns VMQ off). Default: 0 when the guest has no network offloads, else 100. */
  vmqWeight?: pulumi.Input<number>;
  /** The guest's MTU in bytes (configured in the guest; recorded here for the policy pack). Default 1500. */
  mtu?: pulumi.Input<number>;
}

/** A virtual hard disk attached to a VM, identified by its controller slot. */
export interface HardDiskArgs {
  /** Absolute Windows path of the `.vhdx`/`.vhd` on the host. */
  path: pulumi.Input<string>;
  /** `IDE` (generation 1) or `SCSI`. */
  controllerType: pulumi.Input<string>;
  /** Controller number: IDE 0-1, SCSI 0-3. */
  controllerNumber: pulumi.Input<number>;
  /** Location on the controller: IDE 0-1, SCSI 0-63. */
  controllerLocation: pulumi.Input<number>;
}

/** A DVD drive of a VM (IDE on generation 1, SCSI on generation 2), identified by its slot. */
export interface DvdDriveArgs {
  /** Absolute Windows path of an `.iso` on the host; absent: an empty drive. */
  path?: pulumi.Input<string>;
  /** Controller number. */
  controllerNumber: pulumi.Input<number>;
  /** Location on the controller. */
  controllerLocation: pulumi.Input<number>;
}

/** The guest operating system and the integration components in it. */
export interface GuestArgs {
  /** `linux`, `freebsd`, `windows` or `other`. */
  family: pulumi.Input<string>;
  /** Distribution, e.g. `sles`, `rhel`. */
  distribution?: pulumi.Input<string>;
  /** Distribution version, e.g. `"11"`, `"5.4"`. */
  version?: pulumi.Input<string | number>;
  /** `x86` or `x64`. Default `x64`. */
  architecture?: pulumi.Input<string>;
  /** Integration components release in the guest (`in-kernel` for drivers in the distribution's kernel). Default: `linux-ics-v2` for Linux guests, `none` otherwise. */
  integrationComponents?: pulumi.Input<string>;
  /** The mouse integration driver is installed. Default false. */
  mouseIntegration?: pulumi.Input<boolean>;
  /** Kernel, where the support matrix splits by kernel: `rhck`, `uek4`, `uek5` (Oracle Linux), `backports` (Debian). */
  kernel?: pulumi.Input<string>;
  /** The distribution's Hyper-V daemons package (KVP, VSS, file copy) is installed. Default: not declared. */
  hypervDaemons?: pulumi.Input<boolean>;
}

/** UEFI firmware of a generation 2 VM. */
export interface FirmwareArgs {
  /** Secure boot. Default on; off for a Linux guest not documented to boot with it. */
  secureBoot?: pulumi.Input<boolean>;
  /** `MicrosoftWindows`, `MicrosoftUEFICertificateAuthority` or `OpenSourceShieldedVM`. Default `MicrosoftWindows`, `MicrosoftUEFICertificateAuthority` for Linux guests. */
  secureBootTemplate?: pulumi.Input<string>;
  /** Device kinds to boot from first (`HardDisk`, `DvdDrive`, `NetworkAdapter`: the first declared one of each). Default: Hyper-V's order. */
  bootOrder?: pulumi.Input<pulumi.Input<string>[]>;
}

/** Hyper-V integration services, each on (true) or off. Defaults follow what the guest supports. */
export interface IntegrationServicesArgs {
  /** Time Synchronization. */
  timeSynchronization?: pulumi.Input<boolean>;
  /** Shutdown. */
  shutdown?: pulumi.Input<boolean>;
  /** Heartbeat. */
  heartbeat?: pulumi.Input<boolean>;
  /** Key-Value Pair Exchange. */
  keyValuePairExchange?: pulumi.Input<boolean>;
  /** VSS (Backup). */
  vss?: pulumi.Input<boolean>;
  /** Guest Service Interface. */
  guestServiceInterface?: pulumi.Input<boolean>;
}

/** How the guest keeps time with NTP. */
export interface TimeSyncArgs {
  /** NTP servers (host names or addresses). */
  ntpServers?: pulumi.Input<pulumi.Input<string>[]>;
  /** ntpd `maxpoll` in seconds, a power of two from 16 to 131072. Default 1024. */
  maxPollSeconds?: pulumi.Input<number>;
  /** Step the clock at once after a resume from saved state. Default: true when the host does not keep the guest's time. */
  stepOnResume?: pulumi.Input<boolean>;
  /** chrony reads the host's PTP clock `/dev/ptp_hyperv`. Default: true for an in-kernel guest whose host clock arrives as PTP, with Time Synchronization on. */
  ptpRefclock?: pulumi.Input<boolean>;
}

/** The inputs of a {@link VirtualMachine}. */
export interface VirtualMachineArgs {
  /** Hyper-V VM name (may repeat on a host: the VM is tracked by its id). Changing it renames the VM. Default: the resource name. */
  vmName?: pulumi.Input<string>;
  /** Host: `simulator`, `simulator://NAME` (a simulated host of its own), `local`, `ssh://user@host`, `winrm://host`. Default: stack config `hyperv:host`. Changing it replaces the VM. */
  host?: pulumi.Input<string>;
  /** VM generation, 1 or 2. Default 1. Changing it replaces the VM. */
  generation?: pulumi.Input<number>;
  /** Virtual processors. Default 1. */
  processorCount?: pulumi.Input<number>;
  /** Startup memory in MB (even). */
  memoryStartupMB: pulumi.Input<number>;
  /** Dynamic memory range in MB; absent: static memory. */
  dynamicMemory?: pulumi.Input<{ minimumMB: pulumi.Input<number>; maximumMB: pulumi.Input<number> }>;
  /** The guest operating system: drives defaults and the policy pack. */
  guest: pulumi.Input<GuestArgs>;
  /** Network adapters, by name. Default none. */
  networkAdapters?: pulumi.Input<pulumi.Input<NetworkAdapterArgs>[]>;
  /** Attached virtual hard disks, by slot. Default none. */
  hardDisks?: pulumi.Input<pulumi.Input<HardDiskArgs>[]>;
  /** DVD drives, by slot. Default none. */
  dvdDrives?: pulumi.Input<pulumi.Input<DvdDriveArgs>[]>;
  /** Integration services on or off. */
  integrationServices?: pulumi.Input<IntegrationServicesArgs>;
  /** `Nothing`, `StartIfRunning` or `Start` when the host starts. Default `StartIfRunning`. */
  automaticStartAction?: pulumi.Input<string>;
  /** `TurnOff`, `Save` or `ShutDown` when the host stops. Default `Save`. */
  automaticStopAction?: pulumi.Input<string>;
  /** Guest time keeping with NTP; rendered into `ntpConf` for Linux guests. */
  timeSync?: pulumi.Input<TimeSyncArgs>;
  /** Generation 2 only: secure boot, its template and the boot order. Default: Hyper-V's (Windows guests), the Linux template (Linux guests). */
  firmware?: pulumi.Input<FirmwareArgs>;
  /** Desired power state, `Running` or `Off`. Default `Running`. */
  state?: pulumi.Input<string>;
  /** Notes stored with the VM. Default "". */
  notes?: pulumi.Input<string>;
  /** Allow turning the VM off hard when a change needs it off and its guest cannot shut down. Default false. */
  allowHardStop?: pulumi.Input<boolean>;
  /** Take over the existing VM with this id instead of creating one, then converge it to these inputs (the import path). */
  adoptVmId?: pulumi.Input<string>;
}

/**
 * A Hyper-V virtual machine. Its id is the VM's GUID. Outputs hold every input as Hyper-V reports
 * it, plus `vmId`, `state`, `macAddresses` and, for Linux guests, `ntpConf`.
 *
 * @example
 * const vm = new VirtualMachine("web", {
 *   memoryStartupMB: 1024,
 *   guest: { family: "linux", distribution: "sles", version: "11" },
 *   networkAdapters: [{ name: "lan", switchName: "internal" }],
 *   timeSync: { ntpServers: ["ntp1.example.com"] },
 * });
 */
export class VirtualMachine extends pulumi.dynamic.Resource {
  /** The Pulumi type token, for `validateResourceOfType` in policy packs. */
  static readonly __pulumiType = VIRTUAL_MACHINE_TYPE;

  /** The VM's GUID (Hyper-V `Id`); also the resource id. */
  declare readonly vmId: pulumi.Output<string>;
  /** The VM name as Hyper-V reports it. */
  declare readonly vmName: pulumi.Output<string>;
  /** The host the VM is on: its `host` input, else the `hyperv:host` it was created with (read and delete go there). */
  declare readonly host: pulumi.Output<string>;
  /** The VM generation. */
  declare readonly generation: pulumi.Output<number>;
  /** Virtual processors as reported. */
  declare readonly processorCount: pulumi.Output<number>;
  /** Startup memory in MB as reported. */
  declare readonly memoryStartupMB: pulumi.Output<number>;
  /** Dynamic memory range as reported; absent for static memory. */
  declare readonly dynamicMemory: pulumi.Output<{ minimumMB: number; maximumMB: number } | undefined>;
  /** The declared guest, normalized. */
  declare readonly guest: pulumi.Output<Record<string, unknown>>;
  /** Network adapters as reported (the static MAC address only where one is set). */
  declare readonly networkAdapters: pulumi.Output<Record<string, unknown>[]>;
  /** Attached disks as reported. */
  declare readonly hardDisks: pulumi.Output<Record<string, unknown>[]>;
  /** DVD drives as reported. */
  declare readonly dvdDrives: pulumi.Output<Record<string, unknown>[]>;
  /** Integration services on or off, as reported. */
  declare readonly integrationServices: pulumi.Output<Record<string, boolean>>;
  /** Automatic start action as reported. */
  declare readonly automaticStartAction: pulumi.Output<string>;
  /** Automatic stop action as reported. */
  declare readonly automaticStopAction: pulumi.Output<string>;
  /** The declared time keeping, normalized. */
  declare readonly timeSync: pulumi.Output<Record<string, unknown>>;
  /** Generation 2 with declared firmware (or a Linux guest): secure boot, template and boot order as Hyper-V reports them. */
  declare readonly firmware: pulumi.Output<Record<string, unknown> | undefined>;
  /** The power state Hyper-V reports: `Running`, `Off`, `Saved`, `Paused`... */
  declare readonly state: pulumi.Output<string>;
  /** Notes as reported. */
  declare readonly notes: pulumi.Output<string>;
  /** Whether hard stops are allowed. */
  declare readonly allowHardStop: pulumi.Output<boolean>;
  /** The id of the VM that was adopted, when `adoptVmId` was set. */
  declare readonly adoptVmId: pulumi.Output<string | undefined>;
  /** Each adapter's MAC address by adapter name (`000000000000` until Hyper-V assigns a dynamic one at first start). */
  declare readonly macAddresses: pulumi.Output<Record<string, string>>;
  /** Linux guests: the guest's `/etc/ntp.conf`, rendered from `timeSync` (ICs v2 cannot keep the guest's time). */
  declare readonly ntpConf: pulumi.Output<string | undefined>;

  constructor(name: string, args: VirtualMachineArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      lazyProvider("VirtualMachine"),
      name,
      { ...unsetOutputs(OUTPUT_KEYS), ...args, vmName: args.vmName ?? name },
      opts,
      "hyperv",
      "VirtualMachine",
    );
  }
}

const OUTPUT_KEYS = outputKeys<VirtualMachine>()([
  "vmId",
  "vmName",
  "host",
  "generation",
  "processorCount",
  "memoryStartupMB",
  "dynamicMemory",
  "guest",
  "networkAdapters",
  "hardDisks",
  "dvdDrives",
  "firmware",
  "integrationServices",
  "automaticStartAction",
  "automaticStopAction",
  "timeSync",
  "state",
  "notes",
  "allowHardStop",
  "adoptVmId",
  "macAddresses",
  "ntpConf",
]);
