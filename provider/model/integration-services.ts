/**
 * Which Hyper-V integration services a VM has on: Hyper-V's own defaults, and the services a
 * guest's integration components answer (from its capabilities in the support matrix). The one
 * place this mapping is written; the VM defaults, `LinuxIcsGuest` and the simulated guest read it.
 */
import type { GuestCapabilities } from "./guest-support";
import type { DaemonsFact } from "./in-kernel-guests";
import type { IntegrationServicesSpec } from "./virtual-machine-spec";

/** Hyper-V's integration services of a new VM (for guests that bring their own integration services). */
export const HYPER_V_INTEGRATION_SERVICES: Readonly<IntegrationServicesSpec> = Object.freeze({
  timeSynchronization: true,
  shutdown: true,
  heartbeat: true,
  keyValuePairExchange: true,
  vss: true,
  guestServiceInterface: false,
});

/** Every integration service, in Hyper-V's order. */
export const INTEGRATION_SERVICE_KEYS = Object.keys(
  HYPER_V_INTEGRATION_SERVICES,
) as readonly (keyof IntegrationServicesSpec)[];

/**
 * The services a guest with `caps` answers. A service whose in-kernel driver needs a user-space
 * daemon (`daemons`, from the guest's in-kernel row) works only with the daemons package installed;
 * where no page names a package, or there is no row, nothing needs one. Guest Service Interface
 * stays off: no release of the matrix answers it by default.
 */
export function guestIntegrationServices(
  caps: GuestCapabilities,
  daemons?: DaemonsFact,
  daemonsInstalled = false,
): IntegrationServicesSpec {
  const served = (available: boolean, needsDaemon: boolean | undefined) =>
    available && (!needsDaemon || !daemons?.package || daemonsInstalled);
  return {
    timeSynchronization: caps.hostTimeSync,
    shutdown: caps.shutdownIntegration,
    heartbeat: caps.heartbeat,
    keyValuePairExchange: served(caps.keyValuePairExchange, daemons?.keyValuePair),
    vss: served(caps.liveBackup, daemons?.vss),
    guestServiceInterface: false,
  };
}
