/** Diff rules of a VirtualHardDisk (pure). */
import { diffResource, type ResourceDiff } from "./resource-diff";

/** Outputs the provider computes, never compared as inputs. */
export const VHD_OUTPUT_KEYS = ["vhdFormat", "fileSizeBytes"] as const;

/**
 * Compares a disk's previous outputs with its new checked inputs: another path, type, parent or host
 * is another disk (replaced, the old one deleted first); a larger size is a resize in place. `sizeGB`
 * is folded into `sizeBytes` by check, and a disk without a declared size keeps whatever it has.
 */
export function diffVirtualHardDisk(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): ResourceDiff {
  const lower = (v: unknown) => (typeof v === "string" ? v.toLowerCase() : v);
  const diff = diffResource(olds, news, {
    replaceKeys: ["path", "type", "parentPath", "host"],
    ignoredKeys: [...VHD_OUTPUT_KEYS, "sizeBytes", "sizeGB"],
    normalize: { path: lower, parentPath: lower },
  });
  if (news.sizeBytes !== undefined && news.sizeBytes !== olds.sizeBytes) {
    diff.changedKeys = [...diff.changedKeys, "sizeBytes"].sort();
  }
  return diff;
}
