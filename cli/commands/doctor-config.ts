/**
 * The stack config check of `pulumi-hyperv doctor` (pure): keys of the provider's `hyperv:`
 * namespace that are no setting, which the provider refuses, each with the setting it was likely
 * meant to be. Only key names are read, never values (some are secrets).
 */
import {
  describeUnknownSetting,
  SETTING_KEYS,
  unknownSettings,
  type HostCheck,
} from "../../provider/host-check";

/** The check of the stack config keys; `stackFile` names the file the keys come from. */
export function stackConfigCheck(keys: readonly string[], stackFile: string | undefined): HostCheck {
  const unknown = unknownSettings(keys);
  const where = stackFile ? `${stackFile} (or Pulumi.yaml's config)` : "the stack config";
  if (unknown.length === 0) {
    const count = keys.filter((key) => (Object.values(SETTING_KEYS) as string[]).includes(key)).length;
    return { name: "stack config", status: "pass", detail: `${count} hyperv:* setting(s), none unknown` };
  }
  return {
    name: "stack config",
    status: "fail",
    detail: unknown.map(describeUnknownSetting).join("; "),
    fix: `rename or remove ${unknown.map((u) => u.key).join(", ")} in ${where}`,
  };
}
