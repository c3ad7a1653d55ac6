/**
 * Which integration services the guest of a VM answers, for the simulated host's guest model
 * (`Set-VMSimGuest`): a Linux guest answers what its integration components release provides, a
 * Windows guest everything, any other guest nothing. Only a simulated host gets this step; the
 * planner and a real host's requests know nothing of it.
 */
import type { HostDescription } from "../powershell";
import {
  guestCapabilities,
  guestIntegrationServices,
  INTEGRATION_SERVICE_KEYS,
  isMatrixGuestFamily,
  isUnknown,
  type GuestSpec,
  type IntegrationServicesSpec,
} from "../model";
import { sameValue } from "../plan/same-value";

/** Hyper-V's name of each integration service (`Get-VMIntegrationService`'s `Name`). */
const SERVICE_NAMES: Readonly<Record<keyof IntegrationServicesSpec, string>> = {
  timeSynchronization: "Time Synchronization",
  shutdown: "Shutdown",
  heartbeat: "Heartbeat",
  keyValuePairExchange: "Key-Value Pair Exchange",
  vss: "VSS",
  guestServiceInterface: "Guest Service Interface",
};

export interface SimulatedGuest {
  profile: "None" | "LinuxIcsV2" | "Full";
  answeringServices: string[];
}

/** The simulator's guest profile for a declared guest. */
export function simulatedGuest(guest: GuestSpec): SimulatedGuest {
  if (guest.family === "windows") return { profile: "Full", answeringServices: [] };
  if (!isMatrixGuestFamily(guest.family) || isUnknown(guest.integrationComponents)) {
    return { profile: "None", answeringServices: [] };
  }
  if (guest.integrationComponents === "linux-ics-v2") return { profile: "LinuxIcsV2", answeringServices: [] };
  if (guest.integrationComponents === "none") return { profile: "None", answeringServices: [] };
  const services = guestIntegrationServices(guestCapabilities(guest.integrationComponents, guest));
  const answeringServices = INTEGRATION_SERVICE_KEYS.filter((k) => services[k]).map((k) => SERVICE_NAMES[k]);
  return { profile: "None", answeringServices };
}

/** The step that sets a simulated host's guest model (the last step of a VM request). */
export interface SimulatedGuestStep extends SimulatedGuest {
  op: "simulatedGuest";
}

/**
 * The simulator's guest step for a change of the declared guest from `from` (undefined: a new or
 * adopted VM) to `to`: one step on a simulated host when the guest profile changes, none on any other host.
 */
export function simulatorGuestSteps(
  host: HostDescription,
  from: GuestSpec | undefined,
  to: GuestSpec,
): SimulatedGuestStep[] {
  if (host.kind !== "simulator") return [];
  if (from && sameValue(simulatedGuest(from), simulatedGuest(to))) return [];
  return [{ op: "simulatedGuest", ...simulatedGuest(to) }];
}
