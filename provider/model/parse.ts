/**
 * Parsing entry point for the provider's `check()` and for tools: raw inputs in, a normalized spec
 * or field-level failures out.
 */
import type { z } from "zod";
import { didYouMean } from "./nearest-name";
import { UNKNOWN } from "./unknown";
import { VIRTUAL_MACHINE_INPUT_KEYS, virtualMachineSchema } from "./virtual-machine";
import type { VirtualMachineSpec } from "./virtual-machine-spec";

/** One invalid input, shaped like a Pulumi `CheckFailure`. */
export interface CheckFailure {
  /** Path of the input, e.g. `networkAdapters[0].mtu`. */
  property: string;
  /** What is wrong and how to fix it. */
  reason: string;
}

export type ParseResult<T> = { ok: true; spec: T } | { ok: false; failures: CheckFailure[] };

export interface ParseOptions {
  /** The Pulumi resource name, used as `vmName` when the inputs have none. */
  resourceName?: string;
}

/** `a.b[0].c` from a zod path. */
export function propertyPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === "number") return `${acc}[${key}]`;
    const name = String(key);
    return acc ? `${acc}.${name}` : name;
  }, "");
}

type Issue = z.core.$ZodIssue;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** True for the issues of the "unknown at preview" branch that `known()` adds to every field. */
function isUnknownBranch(issues: readonly Issue[] | undefined): boolean {
  const first = issues?.[0];
  return first?.code === "invalid_value" && first.values.includes(UNKNOWN);
}

/** What a resource's unknown-key messages name: its accepted keys by owning property, and its noun. */
export interface InputKeys {
  keys: Readonly<Record<string, readonly string[]>>;
  /** e.g. "VM input". */
  noun: string;
}

const VM_KEYS: InputKeys = { keys: VIRTUAL_MACHINE_INPUT_KEYS, noun: "VM input" };

function flatten(
  issue: Issue,
  prefix: readonly PropertyKey[],
  input: unknown,
  inputKeys: InputKeys,
): CheckFailure[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === "invalid_union" && isUnknownBranch(issue.errors[0])) {
    // A field accepts "unknown at preview" or its own schema: report what the schema said.
    const own = issue.errors[issue.errors.length - 1] ?? [];
    if (own.length > 0) return own.flatMap((inner) => flatten(inner, path, input, inputKeys));
  }
  if (issue.code === "unrecognized_keys") {
    const owner = [...path].reverse().find((k) => typeof k === "string");
    const allowed = inputKeys.keys[owner === undefined ? "" : String(owner)] ?? [];
    return issue.keys.map((key) => ({
      property: propertyPath([...path, key]),
      reason: `${propertyPath([...path, key])} is not a ${inputKeys.noun}; remove it${didYouMean(key, allowed)}`,
    }));
  }
  const property = propertyPath(path);
  const missing = path.length > 0 && issue.code === "invalid_type" && valueAt(input, path) === undefined;
  return [{ property, reason: missing ? `${property} is required: ${issue.message}` : issue.message }];
}

/** Converts zod issues into Pulumi check failures, one per invalid field; `input` tells missing from invalid values. */
export function toCheckFailures(
  error: z.ZodError,
  input?: unknown,
  inputKeys: InputKeys = VM_KEYS,
): CheckFailure[] {
  const failures = error.issues.flatMap((issue) => flatten(issue, [], input, inputKeys));
  const seen = new Set<string>();
  return failures.filter(
    (f) => !seen.has(`${f.property}\n${f.reason}`) && seen.add(`${f.property}\n${f.reason}`),
  );
}

/**
 * Validates and normalizes VM inputs and applies every default.
 *
 * Keys starting with `__` (the engine's `__provider`) are ignored; unknown values at preview are
 * kept as they are. Returns the spec, or every failure with the property it concerns.
 */
export function parseVirtualMachine(
  input: unknown,
  options: ParseOptions = {},
): ParseResult<VirtualMachineSpec> {
  let raw = input;
  if (options.resourceName !== undefined && raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
    const record = raw as Record<string, unknown>;
    if (record.vmName === undefined) raw = { ...record, vmName: options.resourceName };
  }
  const result = virtualMachineSchema.safeParse(raw);
  return result.success
    ? { ok: true, spec: result.data }
    : { ok: false, failures: toCheckFailures(result.error, raw) };
}
