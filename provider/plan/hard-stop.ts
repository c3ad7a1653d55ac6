/**
 * What `up` would refuse, told at preview (pure): an update whose changes need the VM off, on a VM
 * that is not off and whose guest cannot be shut down gracefully, without `allowHardStop`. The rule
 * is the update script's (`Stop-HvVmForChanges`): a running VM whose guest answers an enabled
 * Shutdown service is shut down; any other VM that is not off can only be turned off hard.
 */
import {
  containsUnknown,
  GUEST_SUPPORT,
  isMatrixGuestFamily,
  type GuestSpec,
  type VirtualMachineSpec,
} from "../model";
import { planVmChanges, type VmConfiguration } from "./vm-changes";

/** The VM as the last deployment left it: its previous outputs. */
export type DeployedVm = VmConfiguration & { state?: string };

/** The change needs a hard stop that the inputs do not allow; the message names the changes and the fixes. */
export class HardStopRequiredError extends Error {
  constructor(
    readonly vmName: string,
    readonly offReasons: readonly string[],
    why: string,
  ) {
    super(
      `These changes need the VM '${vmName}' off: ${offReasons.join(", ")}. ${why}, so it can only be ` +
        "turned off hard, which up refuses. Set allowHardStop: true to allow that, or stop the VM " +
        "yourself first (then refresh).",
    );
    this.name = "HardStopRequiredError";
  }
}

/** Whether the guest's integration components answer a host-initiated shutdown. */
function guestAnswersShutdown(guest: GuestSpec | undefined): boolean {
  if (!guest) return false;
  if (guest.family === "windows") return true;
  if (!isMatrixGuestFamily(guest.family)) return false;
  return GUEST_SUPPORT[guest.integrationComponents]?.capabilities.shutdownIntegration === true;
}

/** Why the deployed VM cannot be shut down gracefully, or undefined when it can (or is off). */
function noGracefulStop(deployed: DeployedVm): string | undefined {
  const state = deployed.state ?? "Running";
  if (state === "Off") return undefined;
  if (state !== "Running") return `It is ${state}`;
  if (!guestAnswersShutdown(deployed.guest)) {
    const release = deployed.guest?.integrationComponents ?? "unknown";
    return `It is Running and its guest (integration components ${release}) does not answer the Shutdown integration service`;
  }
  if (deployed.integrationServices.shutdown !== true)
    return "It is Running and its Shutdown integration service is off";
  return undefined;
}

/** Outputs of the shape the planner reads (state written by this provider always is). */
function isDeployedVm(value: DeployedVm): boolean {
  const v = value as unknown as Record<string, unknown>;
  return (
    ["networkAdapters", "hardDisks", "dvdDrives"].every((key) => Array.isArray(v[key])) &&
    typeof v.integrationServices === "object" &&
    v.integrationServices !== null
  );
}

/**
 * Throws {@link HardStopRequiredError} when updating `deployed` to `next` would be refused at `up`.
 * Inputs unknown at preview decide nothing: what they would change is not known yet.
 */
export function assertUpdateCanStop(deployed: DeployedVm, next: VirtualMachineSpec): void {
  if (next.allowHardStop === true || containsUnknown(next) || !isDeployedVm(deployed)) return;
  const why = noGracefulStop(deployed);
  if (why === undefined) return;
  const { offReasons } = planVmChanges(deployed, next);
  if (offReasons.length > 0) throw new HardStopRequiredError(next.vmName, offReasons, why);
}
