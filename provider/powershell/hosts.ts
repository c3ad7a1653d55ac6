import { delimiter, isAbsolute, join, resolve } from "node:path";
import { SIMULATOR_HOST_NAME_RULE, simulatorHostName } from "../model/simulator-host";
import { InvalidArgumentError } from "./errors";

/**
 * The embedded simulated Hyper-V host: the `Hyper-V` module from `provider/simulator`, state in a
 * directory. `simulator` is the one whose state is the state root itself; `simulator://NAME` is a
 * host of its own, with its state in `<root>/hosts/NAME`.
 */
export interface SimulatorHost {
  kind: "simulator";
  /** Absolute directory holding this host's state. */
  stateDir: string;
  /** The NAME of `simulator://NAME` (lower case); absent for plain `simulator`. */
  name?: string;
}

/** pwsh running on the Hyper-V host itself, with the real `Hyper-V` module. */
export interface LocalHost {
  kind: "local";
}

/** A Hyper-V host reached by PowerShell SSH remoting. */
export interface SshHost {
  kind: "ssh";
  /** The user to log in as; when absent, the connection's `username` (`hyperv:username`) names it. */
  user?: string;
  hostname: string;
  port?: number;
}

/** A Hyper-V host reached by WinRM (from Windows clients). */
export interface WinRmHost {
  kind: "winrm";
  hostname: string;
  port?: number;
}

/** Where operations run. */
export type HostDescription = SimulatorHost | LocalHost | SshHost | WinRmHost;

/** The host specification accepted in configuration: a string (`simulator`, `local`, `ssh://...`) or parsed. */
export type HostSpec = string | HostDescription;

const HOST_FORMS =
  "use 'simulator', 'simulator://NAME', 'local', 'ssh://user@host[:port]' or 'winrm://host[:port]'";

/** The default simulator state directory: `.hyperv-sim` under the working directory. */
export function defaultSimulatorStateDir(cwd: string = process.cwd()): string {
  return join(cwd, ".hyperv-sim");
}

function parsePort(url: URL, spec: string): number | undefined {
  if (!url.port) return undefined;
  const port = Number(url.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InvalidArgumentError(`host: '${spec}' has an invalid port; ${HOST_FORMS}.`);
  }
  return port;
}

function parseRemote(spec: string): SshHost | WinRmHost {
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw new InvalidArgumentError(`host: '${spec}' is not a valid host; ${HOST_FORMS}.`);
  }
  const extras = url.pathname.replace(/^\/$/, "") || url.search || url.hash || url.password;
  if (!url.hostname || extras) {
    throw new InvalidArgumentError(`host: '${spec}' is not a valid host; ${HOST_FORMS}.`);
  }
  const port = parsePort(url, spec);
  if (url.protocol === "ssh:") {
    const user = url.username ? decodeURIComponent(url.username) : undefined;
    return { kind: "ssh", ...(user ? { user } : {}), hostname: url.hostname, port };
  }
  if (url.protocol === "winrm:") {
    if (url.username) {
      throw new InvalidArgumentError(
        `host: '${spec}' carries a user name; WinRM credentials come from the provider configuration.`,
      );
    }
    return { kind: "winrm", hostname: url.hostname, port };
  }
  throw new InvalidArgumentError(`host: '${spec}' uses an unknown scheme '${url.protocol}'; ${HOST_FORMS}.`);
}

/**
 * Parses a host specification. `simulatorStateDir` (default `<cwd>/.hyperv-sim`) is the simulator's
 * state root: plain `simulator` keeps its state there, `simulator://NAME` in `<root>/hosts/NAME`.
 *
 * @throws InvalidArgumentError naming the accepted forms when the specification is not one of them.
 */
export function parseHost(spec: HostSpec = "simulator", simulatorStateDir?: string): HostDescription {
  if (typeof spec !== "string") return spec;
  const trimmed = spec.trim();
  const root = () => {
    const stateDir = simulatorStateDir ?? defaultSimulatorStateDir();
    return isAbsolute(stateDir) ? stateDir : resolve(stateDir);
  };
  if (trimmed === "simulator") return { kind: "simulator", stateDir: root() };
  const simulated = simulatorHostName(trimmed);
  if (simulated && "problem" in simulated) {
    throw new InvalidArgumentError(
      `host: '${spec}': ${simulated.problem}; ${HOST_FORMS} (${SIMULATOR_HOST_NAME_RULE}).`,
    );
  }
  if (simulated) {
    return { kind: "simulator", stateDir: join(root(), "hosts", simulated.name), name: simulated.name };
  }
  if (trimmed === "local") return { kind: "local" };
  if (/^[a-z]+:\/\//i.test(trimmed)) return parseRemote(trimmed);
  throw new InvalidArgumentError(`host: '${spec}' is not a valid host; ${HOST_FORMS}.`);
}

/** A short name for messages: `simulator`, `simulator://NAME`, `local`, `ssh://user@host`, `winrm://host`. */
export function hostLabel(host: HostDescription): string {
  const port = "port" in host && host.port ? `:${host.port}` : "";
  switch (host.kind) {
    case "simulator":
      return host.name === undefined ? "simulator" : `simulator://${host.name}`;
    case "local":
      return "local";
    case "ssh":
      return `ssh://${host.user ? `${host.user}@` : ""}${host.hostname}${port}`;
    case "winrm":
      return `winrm://${host.hostname}${port}`;
  }
}

/**
 * The environment variables a session on this host needs, on top of the provider's own environment.
 * Remote hosts need none here: their connection settings come from `remoteSetup` (connection.ts).
 *
 * @param packageRoot the package root (holds `provider/simulator`).
 * @param baseModulePath the PSModulePath inherited from the provider process, if any.
 */
export function hostEnvironment(
  host: HostDescription,
  packageRoot: string,
  baseModulePath: string | undefined,
): Record<string, string> {
  switch (host.kind) {
    case "simulator": {
      const simulatorModules = join(packageRoot, "provider", "simulator");
      const modulePath = baseModulePath
        ? `${simulatorModules}${delimiter}${baseModulePath}`
        : simulatorModules;
      return {
        PSModulePath: modulePath,
        HYPERV_PS_MODULES_FIRST: simulatorModules,
        HYPERV_SIM_STATE_DIR: host.stateDir,
        // Empty for plain `simulator`: the machine's own name, whatever the provider inherited.
        HYPERV_SIM_HOST_NAME: host.name ?? "",
      };
    }
    case "local":
    case "ssh":
    case "winrm":
      return {};
  }
}
