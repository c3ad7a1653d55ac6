/**
 * Named simulated hosts, `simulator://NAME`: the one rule the resource models and the PowerShell
 * runtime share. Pure.
 */

/** The scheme of a named simulated host. */
export const SIMULATOR_HOST_SCHEME = "simulator://";

/** What a simulated host's NAME may be, for messages. */
export const SIMULATOR_HOST_NAME_RULE = "NAME is 1 to 63 letters, digits, '.', '_' or '-'";

const NAME = /^[A-Za-z0-9._-]{1,63}$/;

/** The outcome of reading a `simulator://NAME` specification. */
export type SimulatorHostName =
  /** A valid name, in lower case: host names are case-insensitive, and so is the state directory it picks. */
  | { name: string }
  /** A `simulator://` specification whose NAME breaks the rule; `problem` says how. */
  | { problem: string };

/**
 * Reads the NAME of a `simulator://NAME` host specification (the scheme in any case).
 *
 * @returns undefined when `spec` is not of that form; else the lower-case name or the problem.
 */
export function simulatorHostName(spec: string): SimulatorHostName | undefined {
  const text = spec.trim();
  if (text.slice(0, SIMULATOR_HOST_SCHEME.length).toLowerCase() !== SIMULATOR_HOST_SCHEME) return undefined;
  const name = text.slice(SIMULATOR_HOST_SCHEME.length);
  if (!NAME.test(name)) {
    // Not quoted: a malformed specification may carry credentials.
    return { problem: `its NAME is not a simulated host name (${SIMULATOR_HOST_NAME_RULE})` };
  }
  // "." and ".." would name the state root or its parent, not a directory of their own.
  if (/^\.+$/.test(name)) {
    return { problem: `its NAME is not a simulated host name (it must not be only dots)` };
  }
  return { name: name.toLowerCase() };
}
