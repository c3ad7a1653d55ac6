/**
 * Check failures as the engine shows them (console, `--json`, reports, errors): a provider without
 * secret support gets secret inputs in plaintext and may quote them in a failure's reason, so every
 * secret value is replaced by `[secret]`, and a failure of a secret input says so. Pure.
 */
import { isPlainObject, isSecret, type PropertyMap } from "./properties";

/** A provider's check failure (Pulumi's `CheckFailure`). */
export interface CheckFailure {
  property: string;
  reason: string;
}

const MASK = "[secret]";

interface Secrets {
  /** Property paths (`a.b[0].c`) of the secret values. */
  paths: string[];
  /** The plaintexts and the spellings a provider may quote them in, longest first. */
  texts: string[];
}

function childPath(path: string, key: string | number): string {
  return typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

/** The spellings of a secret text a message may hold: as given, trimmed, without separators, a URL's password. */
function spellings(text: string): string[] {
  const trimmed = text.trim();
  const found = [text, trimmed, trimmed.replace(/[-:.\s]/g, "")];
  try {
    const url = new URL(trimmed);
    if (url.password) found.push(url.password, decodeURIComponent(url.password));
  } catch {
    // Not a URL: nothing more to find.
  }
  return found;
}

function leafTexts(value: unknown, into: string[]): void {
  if (isSecret(value)) return leafTexts(value.value, into);
  if (typeof value === "string") into.push(...spellings(value));
  else if (typeof value === "number" || typeof value === "boolean") into.push(String(value));
  else if (Array.isArray(value)) value.forEach((item) => leafTexts(item, into));
  else if (isPlainObject(value)) Object.values(value).forEach((item) => leafTexts(item, into));
}

function collect(value: unknown, path: string, into: Secrets): void {
  if (isSecret(value)) {
    into.paths.push(path);
    leafTexts(value.value, into.texts);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => collect(item, childPath(path, i), into));
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) collect(item, childPath(path, key), into);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function within(property: string, path: string): boolean {
  return property === path || property.startsWith(`${path}.`) || property.startsWith(`${path}[`);
}

/**
 * The failures with every secret input's value (any case, and the spellings a provider normalizes
 * it to) replaced by `[secret]` in their reasons; a failure of a secret input that quotes nothing
 * still says `[secret]`. Failures without secrets come back unchanged.
 *
 * @param inputs the resource's inputs as the engine holds them, secrets marked.
 */
export function redactCheckFailures(failures: readonly CheckFailure[], inputs: PropertyMap): CheckFailure[] {
  const secrets: Secrets = { paths: [], texts: [] };
  collect(inputs, "", secrets);
  if (secrets.paths.length === 0) return failures.map((f) => ({ ...f }));
  const texts = [...new Set(secrets.texts.filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
  const pattern = texts.length > 0 ? new RegExp(texts.map(escapeRegExp).join("|"), "gi") : undefined;
  return failures.map(({ property, reason }) => {
    let redacted = pattern ? reason.replace(pattern, MASK) : reason;
    const onSecret = secrets.paths.some((path) => within(property, path));
    if (onSecret && !redacted.includes(MASK)) redacted = `${redacted} (the value is ${MASK})`;
    return { property, reason: redacted };
  });
}
