/** Diff rules of a VirtualSwitch (pure). */
import { diffResource, type ResourceDiff } from "./resource-diff";

/** Outputs the provider computes, never compared as inputs. */
export const SWITCH_OUTPUT_KEYS = ["switchId"] as const;

/** Every switch input is fixed at creation: a change replaces the switch (the old one is removed first, freeing its name). */
export const SWITCH_REPLACE_KEYS = [
  "switchName",
  "type",
  "netAdapterName",
  "allowManagementOs",
  "notes",
  "host",
] as const;

/** Compares a switch's previous outputs with its new checked inputs. */
export function diffVirtualSwitch(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): ResourceDiff {
  return diffResource(olds, news, { replaceKeys: SWITCH_REPLACE_KEYS, ignoredKeys: SWITCH_OUTPUT_KEYS });
}
