/**
 * Defaults that depend on the declared guest. They come from the support matrix, so a default is
 * always compliant for the guest: a Linux guest whose release has no host time sync gets the Time
 * Synchronization service off, VMQ off, and a clock step after resume; a guest its release does not
 * support with synthetic devices gets legacy network adapters. Non-Linux guests get Hyper-V's own
 * defaults. A default that depends on a value unknown at preview is itself unknown.
 */
import {
  DEFAULT_README_EDITION,
  GUEST_SUPPORT,
  supportsSyntheticDevices,
  type GuestCapabilities,
} from "./guest-support";
import { isUnknown, UNKNOWN } from "./unknown";
import type { VirtualMachineInput } from "./virtual-machine";
import type {
  GuestSpec,
  IntegrationServicesSpec,
  NetworkAdapterSpec,
  VirtualMachineSpec,
} from "./virtual-machine-spec";

/** What a value is while it is unknown at preview: typed as the value, holding the sentinel. */
const unknownAs = <T>(): T => UNKNOWN as unknown as T;

/** Hyper-V's defaults, for guests that bring their own integration services. */
const HYPER_V_SERVICES: IntegrationServicesSpec = {
  timeSynchronization: true,
  shutdown: true,
  heartbeat: true,
  keyValuePairExchange: true,
  vss: true,
  guestServiceInterface: false,
};
const HYPER_V_VMQ_WEIGHT = 100;

interface GuestDefaults {
  services: IntegrationServicesSpec;
  vmqWeight: number;
  /** Whether the guest steps its clock after a resume, given whether the Time Synchronization service is on. */
  stepOnResume(timeSyncServiceOn: boolean): boolean;
  legacyNetwork: boolean;
}

function linuxDefaults(caps: GuestCapabilities, legacyNetwork: boolean): GuestDefaults {
  return {
    services: {
      timeSynchronization: caps.hostTimeSync,
      shutdown: caps.shutdownIntegration,
      heartbeat: caps.heartbeat,
      keyValuePairExchange: caps.keyValuePairExchange,
      vss: caps.liveBackup,
      guestServiceInterface: false,
    },
    vmqWeight: caps.networkOffloads ? HYPER_V_VMQ_WEIGHT : 0,
    // A guest whose clock the host does not keep steps it after a resume from saved state.
    stepOnResume: (timeSyncServiceOn) => !(caps.hostTimeSync && timeSyncServiceOn),
    legacyNetwork,
  };
}

function guestDefaults(
  guest: GuestSpec,
  generation: VirtualMachineInput["generation"],
): GuestDefaults | undefined {
  if (isUnknown(guest.family)) return undefined;
  if (guest.family !== "linux") {
    return {
      services: HYPER_V_SERVICES,
      vmqWeight: HYPER_V_VMQ_WEIGHT,
      stepOnResume: () => false,
      legacyNetwork: false,
    };
  }
  if (isUnknown(guest.integrationComponents)) return undefined;
  // Generation 2 has no legacy adapter: its default stays synthetic (the policy pack judges the guest).
  const identityUnknown = [guest.distribution, guest.version, guest.architecture, generation].some(isUnknown);
  const legacyNetwork = identityUnknown
    ? unknownAs<boolean>()
    : generation !== 2 &&
      !supportsSyntheticDevices(guest.integrationComponents, guest, DEFAULT_README_EDITION);
  return linuxDefaults(GUEST_SUPPORT[guest.integrationComponents].capabilities, legacyNetwork);
}

function normalizeGuest(guest: VirtualMachineInput["guest"]): GuestSpec {
  const { distribution, version, integrationComponents, ...rest } = guest;
  const release =
    integrationComponents ??
    (isUnknown(guest.family)
      ? unknownAs<GuestSpec["integrationComponents"]>()
      : guest.family === "linux"
        ? "linux-ics-v2"
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
        (Object.keys(HYPER_V_SERVICES) as (keyof IntegrationServicesSpec)[]).map((k) => [
          k,
          derived(services[k], (d) => d.services[k]),
        ]),
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
      };

  return {
    ...vm,
    guest,
    networkAdapters,
    integrationServices,
    timeSync,
  } as VirtualMachineSpec;
}
