/**
 * Defaults that depend on the declared guest. They come from the support matrix, so a default is
 * always compliant for the guest: a Linux guest whose release has no host time sync gets the Time
 * Synchronization service off, VMQ off, and a clock step after resume; a guest its release does not
 * support with synthetic devices gets legacy network adapters. Non-Linux guests get Hyper-V's own
 * defaults. A default that depends on a value unknown at preview is itself unknown.
 */
import {
  DEFAULT_README_EDITION,
  guestCapabilities,
  inKernelRow,
  supportsSyntheticDevices,
  type GuestCapabilities,
} from "./guest-support";
import type { DaemonsFact } from "./in-kernel-guests";
import {
  guestIntegrationServices,
  HYPER_V_INTEGRATION_SERVICES,
  INTEGRATION_SERVICE_KEYS,
} from "./integration-services";
import { isUnknown, UNKNOWN } from "./unknown";
import type { VirtualMachineInput } from "./virtual-machine";
import type {
  FirmwareSpec,
  GuestSpec,
  IntegrationServicesSpec,
  NetworkAdapterSpec,
  VirtualMachineSpec,
} from "./virtual-machine-spec";
import { isMatrixGuestFamily } from "./virtual-machine-spec";

/** What a value is while it is unknown at preview: typed as the value, holding the sentinel. */
const unknownAs = <T>(): T => UNKNOWN as unknown as T;

const HYPER_V_VMQ_WEIGHT = 100;

/** Hyper-V's firmware defaults for a new generation 2 VM. */
const HYPER_V_FIRMWARE: FirmwareSpec = { secureBoot: true, secureBootTemplate: "MicrosoftWindows" };

interface GuestDefaults {
  services: IntegrationServicesSpec;
  vmqWeight: number;
  /** Whether the guest steps its clock after a resume, given whether the Time Synchronization service is on. */
  stepOnResume(timeSyncServiceOn: boolean): boolean;
  /** Whether chrony reads the host's PTP clock, given whether the Time Synchronization service is on; undefined: no default. */
  ptpRefclock(timeSyncServiceOn: boolean): boolean | undefined;
  legacyNetwork: boolean;
  firmware: FirmwareSpec;
}

function linuxDefaults(
  caps: GuestCapabilities,
  legacyNetwork: boolean,
  daemons: DaemonsFact | undefined,
  daemonsInstalled: boolean,
): GuestDefaults {
  return {
    services: guestIntegrationServices(caps, daemons, daemonsInstalled),
    vmqWeight: caps.networkOffloads ? HYPER_V_VMQ_WEIGHT : 0,
    // A guest whose clock the host does not keep steps it after a resume from saved state.
    stepOnResume: (timeSyncServiceOn) => !(caps.hostTimeSync && timeSyncServiceOn),
    // The PTP clock comes with the Time Synchronization service.
    ptpRefclock: (timeSyncServiceOn) => (caps.hostTimeViaPtp ? timeSyncServiceOn : undefined),
    legacyNetwork,
    // Linux boots under secure boot with the Microsoft UEFI CA only, where its drivers are documented to.
    firmware: { secureBoot: caps.secureBoot, secureBootTemplate: "MicrosoftUEFICertificateAuthority" },
  };
}

function guestDefaults(
  guest: GuestSpec,
  generation: VirtualMachineInput["generation"],
): GuestDefaults | undefined {
  if (isUnknown(guest.family)) return undefined;
  if (!isMatrixGuestFamily(guest.family)) {
    return {
      services: HYPER_V_INTEGRATION_SERVICES,
      vmqWeight: HYPER_V_VMQ_WEIGHT,
      stepOnResume: () => false,
      ptpRefclock: () => undefined,
      legacyNetwork: false,
      firmware: HYPER_V_FIRMWARE,
    };
  }
  if (isUnknown(guest.integrationComponents)) return undefined;
  // Generation 2 has no legacy adapter: its default stays synthetic (the policy pack judges the guest).
  const identity = [guest.distribution, guest.version, guest.architecture, guest.kernel];
  const identityUnknown = [...identity, generation].some(isUnknown);
  // In-kernel drivers differ by row: nothing about them is known while the guest's identity is not.
  if (
    guest.integrationComponents === "in-kernel" &&
    (identity.some(isUnknown) || isUnknown(guest.hypervDaemons))
  ) {
    return undefined;
  }
  const legacyNetwork = identityUnknown
    ? unknownAs<boolean>()
    : generation !== 2 &&
      !supportsSyntheticDevices(guest.integrationComponents, guest, DEFAULT_README_EDITION);
  const row = guest.integrationComponents === "in-kernel" ? inKernelRow(guest) : undefined;
  return linuxDefaults(
    guestCapabilities(guest.integrationComponents, guest),
    legacyNetwork,
    row?.daemons,
    guest.hypervDaemons === true,
  );
}

function normalizeGuest(guest: VirtualMachineInput["guest"]): GuestSpec {
  const { distribution, version, integrationComponents, ...rest } = guest;
  const release =
    integrationComponents ??
    (isUnknown(guest.family)
      ? unknownAs<GuestSpec["integrationComponents"]>()
      : guest.family === "linux"
        ? "linux-ics-v2"
        : guest.family === "freebsd"
          ? "in-kernel"
          : "none");
  return {
    ...rest,
    ...(distribution !== undefined && { distribution }),
    ...(version !== undefined && { version }),
    integrationComponents: release,
  };
}

const pick = <T>(value: T | undefined, fallback: () => T): T => (value !== undefined ? value : fallback());

/** zod transform: applies every default and returns the normalized spec. */
export function applyVirtualMachineDefaults(vm: VirtualMachineInput): VirtualMachineSpec {
  const guest = isUnknown(vm.guest) ? unknownAs<GuestSpec>() : normalizeGuest(vm.guest);
  const defaults = isUnknown(guest) ? undefined : guestDefaults(guest, vm.generation);
  const derived = <T>(value: T | undefined, choose: (d: GuestDefaults) => T): T =>
    pick(value, () => (defaults ? choose(defaults) : unknownAs<T>()));

  const networkAdapters = isUnknown(vm.networkAdapters)
    ? vm.networkAdapters
    : vm.networkAdapters.map((nic): NetworkAdapterSpec => {
        if (isUnknown(nic)) return nic as unknown as NetworkAdapterSpec;
        const legacy = derived(nic.legacy, (d) => d.legacyNetwork);
        const vmqWeight = pick(nic.vmqWeight, () =>
          legacy === true ? 0 : derived(undefined, (d) => d.vmqWeight),
        );
        return { ...nic, legacy, vmqWeight };
      });

  const services = vm.integrationServices;
  const integrationServices = isUnknown(services)
    ? unknownAs<IntegrationServicesSpec>()
    : (Object.fromEntries(
        INTEGRATION_SERVICE_KEYS.map((k) => [k, derived(services[k], (d) => d.services[k])]),
      ) as unknown as IntegrationServicesSpec);

  const ts = vm.timeSync;
  const timeSync = isUnknown(ts)
    ? ts
    : {
        ntpServers: isUnknown(ts.ntpServers) ? ts.ntpServers : [...new Set(ts.ntpServers)],
        maxPollSeconds: ts.maxPollSeconds,
        stepOnResume: derived(ts.stepOnResume, (d) =>
          isUnknown(integrationServices) || isUnknown(integrationServices.timeSynchronization)
            ? unknownAs<boolean>()
            : d.stepOnResume(integrationServices.timeSynchronization),
        ),
        ...ptpRefclockOf(ts.ptpRefclock, defaults, integrationServices),
      };

  const firmware = firmwareOf(vm, defaults);
  return {
    ...vm,
    guest,
    networkAdapters,
    integrationServices,
    timeSync,
    ...(firmware !== undefined && { firmware }),
  } as VirtualMachineSpec;
}

/** `ptpRefclock` as given, else its default where the guest has one (absent otherwise). */
function ptpRefclockOf(
  given: boolean | undefined,
  defaults: GuestDefaults | undefined,
  services: IntegrationServicesSpec,
): { ptpRefclock?: boolean } {
  if (given !== undefined) return { ptpRefclock: given };
  if (!defaults) return {};
  if (isUnknown(services) || isUnknown(services.timeSynchronization)) return {};
  const value = defaults.ptpRefclock(services.timeSynchronization);
  return value === undefined ? {} : { ptpRefclock: value };
}

/**
 * The firmware of a generation 2 VM with the guest's defaults filled in; none for generation 1. A
 * Windows or other guest that states no firmware keeps Hyper-V's, unmanaged; a Linux guest always
 * gets the firmware its drivers boot with.
 */
function firmwareOf(vm: VirtualMachineInput, defaults: GuestDefaults | undefined): FirmwareSpec | undefined {
  if (vm.generation !== 2 && !isUnknown(vm.generation)) return undefined;
  const given = vm.firmware;
  const linux = !isUnknown(vm.guest) && !isUnknown(vm.guest.family) && isMatrixGuestFamily(vm.guest.family);
  if (given === undefined && !linux && !isUnknown(vm.guest) && !isUnknown(vm.guest.family)) return undefined;
  if (isUnknown(vm.generation)) return given === undefined && !linux ? undefined : unknownAs<FirmwareSpec>();
  if (isUnknown(given)) return unknownAs<FirmwareSpec>();
  const pickFirmware = <K extends keyof FirmwareSpec>(key: K): FirmwareSpec[K] =>
    pick(given?.[key] as FirmwareSpec[K] | undefined, () =>
      defaults ? defaults.firmware[key] : unknownAs<FirmwareSpec[K]>(),
    );
  return {
    secureBoot: pickFirmware("secureBoot"),
    secureBootTemplate: pickFirmware("secureBootTemplate"),
    ...(given?.bootOrder !== undefined && { bootOrder: given.bootOrder }),
  };
}
