/**
 * Property values as the engine handles them: plain JSON plus Pulumi's special objects, marked by
 * the signature key. A secret is `{[SIG]: SECRET_SIG, value}` on the wire (and
 * `{[SIG]: SECRET_SIG, ciphertext}` in a checkpoint); an unknown value is the UNKNOWN string.
 * Pure functions, no I/O.
 */
import { specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

/** The key that marks Pulumi's special property objects (the SDK's own constant). */
export const SIG = specialSigKey;
/** Signature of a secret. */
export const SECRET_SIG = specialSecretSig;
/** The value of a property that is not known yet (during a preview). */
export const UNKNOWN = unknownValue;

export type PropertyMap = Record<string, unknown>;

/** A secret in wire form. */
export function secret(value: unknown): PropertyMap {
  return { [SIG]: SECRET_SIG, value };
}

export function isSecret(value: unknown): value is PropertyMap {
  return typeof value === "object" && value !== null && (value as PropertyMap)[SIG] === SECRET_SIG;
}

export function isPlainObject(value: unknown): value is PropertyMap {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True when the value is or holds a secret. */
export function containsSecret(value: unknown): boolean {
  if (isSecret(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecret);
  if (isPlainObject(value)) return Object.values(value).some(containsSecret);
  return false;
}

/** True when the value is or holds an unknown (the model's test, shared with the provider and the policy pack). */
export { containsUnknown } from "../../provider/model/unknown";

/** The value with every secret replaced by its plaintext (what a provider without secret support gets). */
export function revealSecrets<T>(value: T): T {
  if (isSecret(value)) return revealSecrets(value.value) as T;
  if (Array.isArray(value)) return value.map(revealSecrets) as T;
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revealSecrets(v)])) as T;
  }
  return value;
}

/** The top-level keys whose values hold a secret. */
export function secretKeys(props: PropertyMap): string[] {
  return Object.keys(props).filter((k) => containsSecret(props[k]));
}

/**
 * Marks the given top-level keys secret again, as the engine does with a provider's outputs when
 * the matching input was secret or the key is listed in `additionalSecretOutputs`.
 */
export function markSecret(props: PropertyMap, keys: Iterable<string>): PropertyMap {
  const out = { ...props };
  for (const key of keys) {
    if (key in out && !isSecret(out[key])) out[key] = secret(revealSecrets(out[key]));
  }
  return out;
}

/** Every secret anywhere in the value, replaced by "[secret]" (for display). */
export function maskSecrets<T>(value: T): T {
  if (isSecret(value)) return "[secret]" as T;
  if (Array.isArray(value)) return value.map(maskSecrets) as T;
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecrets(v)])) as T;
  }
  return value;
}

/** The properties without the engine-internal keys (`__provider`, ...), as policies see them. */
export function withoutInternalKeys(props: PropertyMap): PropertyMap {
  return Object.fromEntries(Object.entries(props).filter(([k]) => !k.startsWith("__")));
}

/** Structural equality of two property values (secrets compare by their plaintext). */
export function deepEqual(a: unknown, b: unknown): boolean {
  a = isSecret(a) ? a.value : a;
  b = isSecret(b) ? b.value : b;
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** Top-level keys whose values differ (the engine's own diff when a provider gives none). */
export function changedKeys(olds: PropertyMap, news: PropertyMap): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  return [...keys].filter((k) => !deepEqual(olds[k], news[k])).sort();
}

type PathPart = string | number;

/** `a.b[0].c` or `a["b.c"]` as parts (the property path syntax of `ignoreChanges`). */
export function parsePropertyPath(path: string): PathPart[] {
  const parts: PathPart[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\["([^"]*)"\]/g;
  for (const m of path.matchAll(re)) {
    if (m[1] !== undefined) parts.push(m[1]);
    else if (m[2] !== undefined) parts.push(Number(m[2]));
    else parts.push(m[3]);
  }
  return parts;
}

function getPath(value: unknown, parts: PathPart[]): { found: boolean; value?: unknown } {
  let cur: unknown = value;
  for (const part of parts) {
    if (isSecret(cur)) cur = cur.value;
    if (cur === null || typeof cur !== "object" || !(part in (cur as object))) return { found: false };
    cur = (cur as Record<PathPart, unknown>)[part];
  }
  return { found: true, value: cur };
}

function setPath(target: PropertyMap, parts: PathPart[], value: unknown, present: boolean): void {
  let cur: unknown = target;
  for (const part of parts.slice(0, -1)) {
    const next = (cur as Record<PathPart, unknown>)[part];
    if (next === null || typeof next !== "object") return;
    cur = isSecret(next) ? next.value : next;
  }
  const last = parts[parts.length - 1];
  if (present) (cur as Record<PathPart, unknown>)[last] = value;
  else delete (cur as Record<PathPart, unknown>)[last];
}

/**
 * The new inputs with every ignored path set back to its old value (or removed when it had none),
 * as the engine applies `ignoreChanges` before Check.
 */
export function applyIgnoreChanges(news: PropertyMap, olds: PropertyMap, paths: string[]): PropertyMap {
  if (paths.length === 0) return news;
  const result = structuredClone(news);
  for (const path of paths) {
    const parts = parsePropertyPath(path);
    if (parts.length === 0) continue;
    const old = getPath(olds, parts);
    setPath(result, parts, structuredClone(old.value), old.found);
  }
  return result;
}

/** A protobuf Struct from a plain JSON object. */
export function toStruct(value: PropertyMap): Struct {
  return Struct.fromJavaScript(value as Parameters<typeof Struct.fromJavaScript>[0]);
}

/** The plain JSON object of a Struct (absent Struct: an empty object). */
export function fromStruct(struct: Struct | undefined): PropertyMap {
  return (struct?.toJavaScript() as PropertyMap | undefined) ?? {};
}
