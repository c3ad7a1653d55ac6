/**
 * The private parts of node-powershell (and of child-shell, the base class it extends) that shell.ts
 * replaces or reads. Neither library documents them, so they are checked before they are used: an
 * upgrade that renames one fails at once with an error naming the installed versions and what is
 * missing, instead of a call that never returns or a pwsh process nobody stops.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** What the installed node-powershell and child-shell say their versions are. */
export interface NodePowerShellVersions {
  nodePowerShell: string;
  childShell: string;
}

function versionIn(manifest: () => string): string {
  try {
    const { version } = JSON.parse(readFileSync(manifest(), "utf8")) as { version?: unknown };
    return typeof version === "string" ? version : "of unknown version";
  } catch {
    return "of unknown version";
  }
}

/** The versions of the installed node-powershell and of the child-shell it loads. */
export function installedVersions(): NodePowerShellVersions {
  const manifest = () => require.resolve("node-powershell/package.json");
  return {
    nodePowerShell: versionIn(manifest),
    childShell: versionIn(() => createRequire(manifest()).resolve("child-shell/package.json")),
  };
}

/** One private member: where it lives, its name, and what shell.ts needs it to be. */
interface Expectation {
  name: string;
  what: string;
  holds(value: unknown): boolean;
}

const isFunction = (value: unknown): boolean => typeof value === "function";
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;
const isThenable = (value: unknown): boolean => isObject(value) && isFunction(value.then);
const isStream = (value: unknown): boolean => isObject(value) && isFunction(value.on);

/** On the class's prototype: the output reader shell.ts replaces, and the call it goes through. */
const PROTOTYPE_MEMBERS: Expectation[] = [
  { name: "readBulkFromOutput", what: "a method", holds: isFunction },
  { name: "invoke", what: "a method", holds: isFunction },
];

/** On a started shell. */
const INSTANCE_MEMBERS: Expectation[] = [
  {
    name: "process",
    what: "the pwsh ChildProcess",
    holds: (v) => isObject(v) && isFunction(v.once) && isFunction(v.unref) && isFunction(v.ref),
  },
  { name: "exitPromise", what: "a promise", holds: isThenable },
  {
    name: "debuggers",
    what: "an object of debug loggers with an `enabled` flag",
    holds: (v) => isObject(v) && Object.values(v).every((d) => isObject(d) || isFunction(d)),
  },
  { name: "history", what: "an array", holds: Array.isArray },
  {
    name: "streams",
    what: "{ stdin, stdout, stderr } streams",
    holds: (v) =>
      isObject(v) &&
      isStream(v.stdin) &&
      isStream(v.stdout) &&
      isStream(v.stderr) &&
      isFunction((v.stderr as Record<string, unknown>).unpipe),
  },
];

function missingOf(target: unknown, members: Expectation[], label: string): string[] {
  const holder = (target ?? {}) as Record<string, unknown>;
  return members.filter((m) => !m.holds(holder[m.name])).map((m) => `${label}.${m.name} (${m.what})`);
}

/** The private members missing from node-powershell's PowerShell prototype (or not of the kind needed). */
export function missingPrototypeMembers(prototype: unknown): string[] {
  return missingOf(prototype, PROTOTYPE_MEMBERS, "PowerShell.prototype");
}

/** The private members missing from a constructed node-powershell shell (or not of the kind needed). */
export function missingInstanceMembers(shell: unknown): string[] {
  return missingOf(shell, INSTANCE_MEMBERS, "shell");
}

/** The error for a node-powershell without what shell.ts relies on. */
export class NodePowerShellInternalsError extends Error {
  constructor(
    readonly missing: string[],
    readonly versions: NodePowerShellVersions = installedVersions(),
  ) {
    super(
      `node-powershell ${versions.nodePowerShell} (child-shell ${versions.childShell}) lacks what ` +
        `provider/powershell/shell.ts relies on: ${missing.join(", ")}. Install the node-powershell ` +
        "version pulumi-hyperv's package.json pins (npm ci), or adapt shell.ts to the new internals.",
    );
    this.name = "NodePowerShellInternalsError";
  }
}

/** Throws NodePowerShellInternalsError when the prototype lacks a member shell.ts relies on. */
export function assertPrototypeInternals(prototype: unknown): void {
  const missing = missingPrototypeMembers(prototype);
  if (missing.length > 0) throw new NodePowerShellInternalsError(missing);
}

/** Throws NodePowerShellInternalsError when a constructed shell lacks a member shell.ts relies on. */
export function assertInstanceInternals(shell: unknown): void {
  const missing = missingInstanceMembers(shell);
  if (missing.length > 0) throw new NodePowerShellInternalsError(missing);
}
