/**
 * Property values as the Pulumi CLI's display prints them (`display.printPropertyValue`): strings
 * quoted, lists as `[i]: value` lines and maps as `key: value` lines (keys padded) in brackets, secrets
 * as `[secret]` unless shown, unknowns as `output<string>`. Pure.
 */
import { isSecret, UNKNOWN } from "../engine/properties";

const INDENT = "    ";

function quote(text: string): string {
  return JSON.stringify(text);
}

/** One value, starting at the cursor, continuation lines indented by `indent`. */
export function renderValue(value: unknown, indent: string, showSecrets: boolean): string {
  if (isSecret(value)) return showSecrets ? renderValue(value.value, indent, showSecrets) : "[secret]";
  if (value === UNKNOWN) return "output<string>";
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return quote(value);
  if (typeof value !== "object") return String(value);
  const inner = indent + INDENT;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const lines = value.map((v, i) => `${inner}[${i}]: ${renderValue(v, inner, showSecrets)}`);
    return `[\n${lines.join("\n")}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return "{}";
  return `{\n${renderEntries(entries, inner, showSecrets)}\n${indent}}`;
}

/** `key: value` lines, keys padded to the longest, each line starting with `indent`. */
export function renderEntries(entries: [string, unknown][], indent: string, showSecrets: boolean): string {
  const width = Math.max(...entries.map(([k]) => k.length));
  return entries
    .map(([k, v]) => `${indent}${k.padEnd(width)}: ${renderValue(v, indent, showSecrets)}`)
    .join("\n");
}

/** The `Outputs:` section printed after an update (empty text when the stack has no outputs). */
export function outputsSection(outputs: Record<string, unknown>, showSecrets: boolean): string {
  const entries = Object.entries(outputs).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return "";
  return `Outputs:\n${renderEntries(entries, INDENT, showSecrets)}\n`;
}

/** The `--diff` lines of one changed property: `~ key: old => new` (`+`/`-` when added or removed). */
export function propertyDiffLine(
  key: string,
  old: unknown,
  next: unknown,
  indent: string,
  showSecrets: boolean,
  replaces = false,
): string {
  const suffix = replaces ? " (forces replacement)" : "";
  if (old === undefined && next === undefined) return `${indent}~ ${key}${suffix}`;
  if (old === undefined) return `${indent}+ ${key}: ${renderValue(next, indent, showSecrets)}${suffix}`;
  if (next === undefined) return `${indent}- ${key}: ${renderValue(old, indent, showSecrets)}${suffix}`;
  return `${indent}~ ${key}: ${renderValue(old, indent, showSecrets)} => ${renderValue(next, indent, showSecrets)}${suffix}`;
}
