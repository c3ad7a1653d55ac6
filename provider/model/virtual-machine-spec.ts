/**
 * The normalized VM spec: what `parseVirtualMachine` returns, what the provider's `check()` hands to
 * the engine, and what the policy pack judges. Every field is present except the optional ones
 * marked `?`, which are absent (never `undefined`) when not set.
 *
 * During `pulumi preview`, any field may instead hold an unknown-value sentinel (`isUnknown()`),
 * either because the input depends on another resource's output or because its default depends on
 * such an input.
 */
import type { GuestArchitecture, IntegrationComponentsRelease } from "./guest-support";

/** Pulumi type token of the VM resource: module `hyperv`, type `VirtualMachine`. */
export const VIRTUAL_MACHINE_TYPE = "pulumi-nodejs:dynamic/hyperv:VirtualMachine";

export const GUEST_FAMILIES = ["linux", "freebsd", "windows", "other"] as const;
export type GuestFamily = (typeof GUEST_FAMILIES)[number];

/**
 * Whether the support matrix judges guests of the family: Linux (every release) and FreeBSD, whose
 * drivers are in its kernel (`in-kernel` only). Windows and other guests have Hyper-V's own services.
 */
export function isMatrixGuestFamily(family: GuestFamily): family is "linux" | "freebsd" {
  return family === "linux" || family === "freebsd";
}

export const CONTROLLER_TYPES = ["IDE", "SCSI"] as const;
export type ControllerType = (typeof CONTROLLER_TYPES)[number];

export const AUTOMATIC_START_ACTIONS = ["Nothing", "StartIfRunning", "Start"] as const;
export type AutomaticStartAction = (typeof AUTOMATIC_START_ACTIONS)[number];

export const AUTOMATIC_STOP_ACTIONS = ["TurnOff", "Save", "ShutDown"] as const;
export type AutomaticStopAction = (typeof AUTOMATIC_STOP_ACTIONS)[number];

export const VM_STATES = ["Running", "Off"] as const;

/** Hyper-V's secure boot templates (`Get-VMHost | Select -Expand SecureBootTemplates`). */
export const SECURE_BOOT_TEMPLATES = [
  "MicrosoftWindows",
  "MicrosoftUEFICertificateAuthority",
  "OpenSourceShieldedVM",
] as const;
export type SecureBootTemplate = (typeof SECURE_BOOT_TEMPLATES)[number];

/** Device kinds of a generation 2 boot order, each standing for the VM's first device of that kind. */
export const BOOT_DEVICES = ["HardDisk", "DvdDrive", "NetworkAdapter"] as const;
export type BootDevice = (typeof BOOT_DEVICES)[number];
export type VmState = (typeof VM_STATES)[number];

/** The guest operating system and the integration components installed in it. */
export interface GuestSpec {
  family: GuestFamily;
  /** Canonical distribution id: `sles`, `rhel`, or the lower-cased name of another one. */
  distribution?: string;
  /** Canonical version: SLES `10`, `10 sp3`, `11`; RHEL `5.4`; others lower-cased. */
  version?: string;
  architecture: GuestArchitecture;
  /** Default: `linux-ics-v2` for Linux guests, `in-kernel` for FreeBSD, `none` for the others. */
  integrationComponents: IntegrationComponentsRelease;
  /** The Citrix Project Satori mouse driver is installed. Default false. */
  mouseIntegration: boolean;
  /** Kernel of the guest where the support matrix splits by kernel: `rhck`, `uek4`, `uek5` (Oracle Linux), `backports` (Debian). */
  kernel?: string;
  /** The distribution's Hyper-V daemons package (KVP, VSS, file copy daemons) is installed in the guest. Absent: not declared (not installed). */
  hypervDaemons?: boolean;
}

export interface NetworkAdapterSpec {
  /** Adapter name, unique within the VM. */
  name: string;
  switchName?: string;
  /** Emulated "Legacy Network Adapter" (DEC 21140). Default: true when the guest has no synthetic network driver. */
  legacy: boolean;
  /** 12 upper-case hex digits; absent for a dynamic MAC address. */
  macAddress?: string;
  vlanId?: number;
  /** VMQ weight 0-100 (0 = VMQ off). Default: 0 when the guest has no network offloads, else Hyper-V's 100. */
  vmqWeight: number;
  /** Guest MTU in bytes. Default 1500. */
  mtu: number;
}

export interface HardDiskSpec {
  /** Absolute Windows path of the .vhd/.vhdx on the host. */
  path: string;
  controllerType: ControllerType;
  controllerNumber: number;
  controllerLocation: number;
}

export interface DvdDriveSpec {
  /** Absolute Windows path of an .iso on the host; absent for an empty drive. */
  path?: string;
  controllerNumber: number;
  controllerLocation: number;
}

/** Hyper-V integration services, each enabled (true) or disabled. */
export interface IntegrationServicesSpec {
  timeSynchronization: boolean;
  shutdown: boolean;
  heartbeat: boolean;
  keyValuePairExchange: boolean;
  vss: boolean;
  guestServiceInterface: boolean;
}

/** Guest time keeping with NTP. */
export interface TimeSyncSpec {
  /** NTP servers (host names or addresses, lower case, no duplicates). Default none. */
  ntpServers: string[];
  /** ntpd `maxpoll` in seconds, a power of two from 16 to 131072. Default 1024. */
  maxPollSeconds: number;
  /** Step the clock at once after a resume from saved state. Default: true when the guest has no host time sync. */
  stepOnResume: boolean;
  /**
   * The guest's chrony reads the host's clock from `/dev/ptp_hyperv` (`refclock PHC /dev/ptp_hyperv`).
   * Default (in-kernel guests whose host clock reaches them as a PTP clock): true when Time
   * Synchronization is on; absent for other guests unless set.
   */
  ptpRefclock?: boolean;
}

/** UEFI settings of a generation 2 VM (`Set-VMFirmware`). */
export interface FirmwareSpec {
  /** Default: on (Hyper-V's default), off for a Linux guest whose drivers are not documented to boot with it. */
  secureBoot: boolean;
  /** Default `MicrosoftWindows` (Hyper-V's default), `MicrosoftUEFICertificateAuthority` for a Linux guest. */
  secureBootTemplate: SecureBootTemplate;
  /** Device kinds to boot from first, in order; absent leaves Hyper-V's order (the boot disk first). */
  bootOrder?: BootDevice[];
}

export interface DynamicMemorySpec {
  minimumMB: number;
  maximumMB: number;
}

/** A Hyper-V virtual machine, normalized and with every default applied. */
export interface VirtualMachineSpec {
  /** Hyper-V VM name. Default: the Pulumi resource name. */
  vmName: string;
  /** Target host (`simulator`, `simulator://NAME`, `local`, `ssh://user@host`, `winrm://host`); absent means the `hyperv:host` stack config (or the simulator). */
  host?: string;
  /** Default 1. */
  generation: 1 | 2;
  /** Default 1. */
  processorCount: number;
  memoryStartupMB: number;
  dynamicMemory?: DynamicMemorySpec;
  guest: GuestSpec;
  networkAdapters: NetworkAdapterSpec[];
  hardDisks: HardDiskSpec[];
  dvdDrives: DvdDriveSpec[];
  integrationServices: IntegrationServicesSpec;
  /** Default `StartIfRunning` (Hyper-V's default). */
  automaticStartAction: AutomaticStartAction;
  /** Default `Save` (Hyper-V's default). */
  automaticStopAction: AutomaticStopAction;
  timeSync: TimeSyncSpec;
  /** Generation 2 only: UEFI firmware settings; absent on a generation 1 VM. */
  firmware?: FirmwareSpec;
  /** Desired power state. Default `Running`. */
  state: VmState;
  /** Default "". */
  notes: string;
  /** Allow the provider to turn the VM off when a change needs it off and the guest cannot shut down. Default false. */
  allowHardStop: boolean;
  /** Take over the existing VM with this id at create instead of creating one (the import path). */
  adoptVmId?: string;
}
