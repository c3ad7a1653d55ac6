/** Diff rules of a VirtualMachine (pure). */
import type { DvdDriveSpec, HardDiskSpec } from "../model";
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

/** Compares a VM's previous outputs with its new checked inputs. */
export function diffVirtualMachine(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): ResourceDiff {
  return diffResource(olds, news, VM_RULES);
}
