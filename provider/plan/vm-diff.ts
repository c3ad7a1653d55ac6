/** Diff rules of a VirtualMachine (pure). */
import type { DvdDriveSpec, HardDiskSpec, VirtualMachineSpec } from "../model";
import { assertUpdateCanStop, type DeployedVm } from "./hard-stop";
import { diffResource, type DiffRules, type ResourceDiff } from "./resource-diff";

/** Outputs the provider computes, never compared as inputs; `adoptVmId` only matters to create. */
export const VM_OUTPUT_KEYS = ["vmId", "macAddresses", "ntpConf", "adoptVmId"] as const;

const lowerPaths = (value: unknown) =>
  Array.isArray(value)
    ? value.map((item: HardDiskSpec | DvdDriveSpec) =>
        item && typeof item === "object" && typeof item.path === "string"
          ? { ...item, path: item.path.toLowerCase() }
          : item,
      )
    : value;

const VM_RULES: DiffRules = {
  // A VM's generation is fixed at creation; another host means another VM.
  replaceKeys: ["generation", "host"],
  ignoredKeys: VM_OUTPUT_KEYS,
  // Windows paths are case-insensitive; Hyper-V reports them in its own spelling.
  normalize: { hardDisks: lowerPaths, dvdDrives: lowerPaths },
};

/**
 * Compares a VM's previous outputs with its new checked inputs. An in-place update that `up` would
 * refuse (it needs a running VM off and only a hard stop, not allowed, could do it) throws
 * {@link HardStopRequiredError}, so that preview fails as `up` would.
 */
export function diffVirtualMachine(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): ResourceDiff {
  const diff = diffResource(olds, news, VM_RULES);
  if (diff.changedKeys.length > 0 && diff.replaces.length === 0)
    assertUpdateCanStop(olds as unknown as DeployedVm, news as unknown as VirtualMachineSpec);
  return diff;
}
