/**
 * Which integration services the guest of a VM answers, for the simulated host's guest model
 * (`Set-VMSimGuest`): a Linux guest answers what its integration components release provides, a
 * Windows guest everything, any other guest nothing.
 */
import { guestCapabilities, isMatrixGuestFamily, isUnknown, type GuestSpec } from "../model";

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
  const caps = guestCapabilities(guest.integrationComponents, guest);
  const answering: [boolean, string][] = [
    [caps.hostTimeSync, "Time Synchronization"],
    [caps.shutdownIntegration, "Shutdown"],
    [caps.heartbeat, "Heartbeat"],
    [caps.keyValuePairExchange, "Key-Value Pair Exchange"],
    [caps.liveBackup, "VSS"],
  ];
  return { profile: "None", answeringServices: answering.filter(([on]) => on).map(([, name]) => name) };
}
