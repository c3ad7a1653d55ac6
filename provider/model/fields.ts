/**
 * Field-level zod schemas shared by the resource models: names, enums, addresses, paths.
 * Every message names what is accepted, so a failure tells the user the fix.
 */
import { z } from "zod";
import { SIMULATOR_HOST_SCHEME, simulatorHostName } from "./simulator-host";
import { normalizeWindowsPath } from "./windows-path";
import { UNKNOWN_SENTINELS } from "./unknown";

const sentinel = z.enum([...UNKNOWN_SENTINELS] as [string, ...string[]]);

/**
 * Accepts an unknown-value sentinel in place of `schema`'s value and keeps it as it is. The output
 * type stays `schema`'s: during preview any field of a parsed spec may still hold a sentinel (see
 * `isUnknown`), which is exactly what the policy host expects to find.
 */
export function known<T extends z.ZodType>(schema: T): T {
  return z.union([sentinel, schema]) as unknown as T;
}

/** A list; only a value that is not an array gets the "must be a list" message. */
export function listOf<T extends z.ZodType>(field: string, item: T) {
  return z.array(item, {
    error: (issue) => (issue.code === "invalid_type" ? `${field} must be a list` : undefined),
  });
}

/** A case-insensitive enum whose output is the canonical spelling. */
export function caseInsensitiveEnum<const T extends readonly [string, ...string[]]>(
  field: string,
  values: T,
) {
  const byLower = new Map(values.map((v) => [v.toLowerCase(), v]));
  const message = `${field} must be one of ${values.join(", ")}`;
  return z.string({ error: message }).transform((v, ctx) => {
    const found = byLower.get(v.trim().toLowerCase());
    if (found === undefined) {
      ctx.addIssue({ code: "custom", message: `${message} (got "${v}")` });
      return z.NEVER;
    }
    return found as T[number];
  });
}

/** An integer in [min, max]; `hint` (e.g. what the range means) is appended to the message. */
export function integerIn(field: string, min: number, max: number, hint?: string) {
  const message = `${field} must be a whole number from ${min} to ${max}${hint ? ` (${hint})` : ""}`;
  return z
    .number({ error: message })
    .int({ error: message })
    .min(min, { error: message })
    .max(max, { error: message });
}

/** An even number of megabytes (Hyper-V allocates memory in 2 MB units). */
export function evenMegabytes(field: string, min: number, max: number) {
  return integerIn(field, min, max).refine((v) => v % 2 === 0, {
    error: (issue) =>
      `${field} must be an even number of MB (Hyper-V allocates memory in 2 MB units): use ${Number(issue.input) + 1}`,
  });
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** A display name Hyper-V stores as text: 1 to `max` characters, no control characters, no padding. */
export function displayName(field: string, max = 100) {
  return z
    .string({ error: `${field} must be a string` })
    .min(1, { error: `${field} must not be empty` })
    .max(max, { error: `${field} must be at most ${max} characters` })
    .refine((v) => !CONTROL_CHARS.test(v), { error: `${field} must not contain control characters` })
    .refine((v) => v.trim() === v, { error: `${field} must not start or end with whitespace` });
}

/** A VM name: a display name that can also name the VM's folder on the host. */
export const vmNameSchema = displayName("vmName").refine((v) => !/[\\/:*?"<>|]/.test(v), {
  error: 'vmName must not contain \\ / : * ? " < > | (Hyper-V uses it as a folder name)',
});

/**
 * A MAC address in any of the usual spellings (`00-15-5D-01-02-03`, `00:15:5d:01:02:03`,
 * `00155D010203`), normalized to Hyper-V's form: 12 upper-case hex digits. Must be unicast.
 */
export const macAddressSchema = z
  .string({ error: "macAddress must be a string such as 00-15-5D-01-02-03" })
  .transform((v, ctx) => {
    const hex = v.trim().replace(/[-:.]/g, "").toUpperCase();
    if (!/^[0-9A-F]{12}$/.test(hex)) {
      ctx.addIssue({
        code: "custom",
        message: "macAddress is not a MAC address; write it as 00-15-5D-01-02-03",
      });
      return z.NEVER;
    }
    if (/^0+$/.test(hex)) {
      ctx.addIssue({
        code: "custom",
        message: "macAddress is all zeros, which Hyper-V refuses; omit macAddress for a dynamic address",
      });
      return z.NEVER;
    }
    if (parseInt(hex.slice(0, 2), 16) & 1) {
      ctx.addIssue({
        code: "custom",
        message: "macAddress is a multicast address; the first octet must be even",
      });
      return z.NEVER;
    }
    return hex;
  });

/**
 * An absolute Windows path on the Hyper-V host (`C:\...` or `\\server\share\...`, either separator)
 * ending in one of `extensions`, normalized by {@link normalizeWindowsPath}.
 */
export function hostPath(field: string, extensions: readonly string[]) {
  const example = `C:\\Hyper-V\\disks\\vm1${extensions[0]}`;
  return (
    z
      .string({ error: `${field} must be a string such as ${example}` })
      // Hyper-V's VM and disk management takes paths up to MAX_PATH (260 characters).
      .max(260, { error: `${field} must be at most 260 characters (the Windows path limit)` })
      .transform((v, ctx) => {
        const normalized = normalizeWindowsPath(v);
        if ("path" in normalized) return normalized.path;
        const fix = normalized.problem.startsWith("must be an absolute") ? `, such as ${example}` : "";
        ctx.addIssue({ code: "custom", message: `${field} ${normalized.problem}${fix}` });
        return z.NEVER;
      })
      .refine((v) => extensions.some((e) => v.toLowerCase().endsWith(e)), {
        error: `${field} must end in ${extensions.join(" or ")}`,
      })
  );
}

const HOSTNAME =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;
const IPV6 = /^[0-9a-f:]+$/;

/** True for a DNS host name, an IPv4 address or an IPv6 address (lower case). */
export function isHostName(v: string): boolean {
  return HOSTNAME.test(v) || IPV4.test(v) || (v.includes(":") && IPV6.test(v));
}

/** An NTP server: host name or IP address, normalized to lower case. */
export const ntpServerSchema = z
  .string({ error: "timeSync.ntpServers entries must be host names or IP addresses" })
  .transform((v, ctx) => {
    const host = v.trim().toLowerCase();
    if (!isHostName(host)) {
      ctx.addIssue({
        code: "custom",
        message: "timeSync.ntpServers entries must be host names or IP addresses, such as ntp1.example.com",
      });
      return z.NEVER;
    }
    return host;
  });

/** The host forms `host` inputs and `hyperv:host` accept, for messages. */
export const HOST_FORMS = "simulator, simulator://NAME, local, ssh://user@host[:port] or winrm://host[:port]";

/**
 * Reads a host specification: the normalized host, or what is wrong with it. The problem never
 * quotes the specification, which may carry a password (a `host` given as a secret).
 */
export function readHostSpec(v: string): { host: string } | { problem: string } {
  const text = v.trim();
  const lower = text.toLowerCase();
  if (lower === "simulator" || lower === "local") return { host: lower };
  const simulated = simulatorHostName(text);
  if (simulated && "problem" in simulated) return { problem: simulated.problem };
  if (simulated) return { host: `${SIMULATOR_HOST_SCHEME}${simulated.name}` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: "it is not one of the accepted host forms" };
  }
  const scheme = url.protocol.slice(0, -1);
  const problem =
    scheme !== "ssh" && scheme !== "winrm"
      ? /^[a-z][a-z0-9+.-]{0,15}$/.test(scheme)
        ? `scheme "${scheme}" is not supported`
        : "its scheme is not supported"
      : !url.hostname
        ? "it names no host"
        : url.password
          ? "it contains a password (credentials belong in stack config, never in inputs)"
          : scheme === "ssh" && !url.username
            ? "ssh needs a user (key-based login)"
            : (url.pathname && url.pathname !== "/") || url.search || url.hash
              ? "it has a path, query or fragment"
              : undefined;
  if (problem) return { problem };
  const user = url.username ? `${url.username}@` : "";
  const port = url.port ? `:${url.port}` : "";
  return { host: `${scheme}://${user}${url.hostname.toLowerCase()}${port}` };
}

/**
 * Where the VM lives: `simulator`, `simulator://NAME` (a simulated host of its own), `local`,
 * `ssh://user@host[:port]` or `winrm://host[:port]`. The scheme and host names are normalized to
 * lower case.
 */
export const hostSchema = z.string({ error: `host must be a string: ${HOST_FORMS}` }).transform((v, ctx) => {
  const read = readHostSpec(v);
  if ("host" in read) return read.host;
  ctx.addIssue({ code: "custom", message: `host: ${read.problem}; use ${HOST_FORMS}` });
  return z.NEVER;
});

/** A Hyper-V object id (a GUID), normalized to lower case. */
export function vmIdSchema(field: string) {
  const message = `${field} must be a VM id (a GUID such as 4b1a2c3d-0000-4000-8000-00155d010203; Get-VM shows it as Id)`;
  return z.string({ error: message }).transform((v, ctx) => {
    const id = v.trim().toLowerCase();
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) {
      ctx.addIssue({ code: "custom", message: `${message} (got "${v}")` });
      return z.NEVER;
    }
    return id;
  });
}
