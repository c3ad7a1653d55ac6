import { accessSync, constants, existsSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { z } from "zod";
import { InvalidArgumentError } from "./errors";
import { hostLabel, type SshHost, type WinRmHost } from "./hosts";
import { BUILTIN_SCRIPTS_DIR } from "./paths";
import type { Secrets } from "./secrets";

/** Default time a remote host has to accept a connection and start PowerShell: 30 s. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;

/** The names under which connection secrets travel to a session (the remote entry module reads them). */
export const CONNECTION_SECRET_NAMES = {
  password: "HyperVRemotePassword",
  sshKeyPassphrase: "HyperVRemoteKeyPassphrase",
} as const;

/** The helper ssh runs (SSH_ASKPASS) to read a key passphrase or password from its own environment. */
export const SSH_ASKPASS_PATH = join(BUILTIN_SCRIPTS_DIR, "ssh-askpass.sh");

/** The module a remote session loads instead of the prelude. */
export const REMOTE_ENTRY_PATH = join(BUILTIN_SCRIPTS_DIR, "remote.psm1");

/**
 * How to log in to a remote host (`ssh://` or `winrm://`); the provider fills it from stack config
 * (`hyperv:username`, `hyperv:password`, `hyperv:sshKeyFile`, ...). Ignored for `simulator` and `local`.
 */
export interface ConnectionOptions {
  /** The user to log in as; for `ssh://` only when the host names none. */
  username?: string;
  /** A password: WinRM's credential, or SSH password authentication when no key file is given. Secret. */
  password?: string;
  /** The private key for SSH (`~` expands). Default: ssh's own (its default identities or agent). */
  sshKeyFile?: string;
  /** The passphrase of `sshKeyFile`, when it has one. Secret. */
  sshKeyPassphrase?: string;
  /** The known-hosts file that must hold the SSH host's key (strict checking). Default `~/.ssh/known_hosts`. */
  knownHostsFile?: string;
  /** Time to connect and start PowerShell on the host, in ms. Default 30 000. */
  connectTimeoutMs?: number;
  /** WinRM over HTTPS. Default true. */
  useSsl?: boolean;
}

const connectionSchema = z
  .object({
    username: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    sshKeyFile: z.string().min(1).optional(),
    sshKeyPassphrase: z.string().min(1).optional(),
    knownHostsFile: z.string().min(1).optional(),
    connectTimeoutMs: z.number().int().min(1000).max(600_000).optional(),
    useSsl: z.boolean().optional(),
  })
  .strict();

/** What a session needs to reach a remote host: its entry module, settings (no secrets) and secrets. */
export interface RemoteSetup {
  entryModule: string;
  env: Record<string, string>;
  secrets: Secrets;
}

function fail(field: string, message: string): never {
  throw new InvalidArgumentError(`connection.${field} (hyperv:${field}): ${message}`);
}

function expandPath(path: string): string {
  const expanded = path === "~" ? homedir() : path.replace(/^~(?=[\\/])/, homedir());
  return isAbsolute(expanded) ? expanded : resolve(expanded);
}

function existingFile(field: string, path: string, fix: string): string {
  const full = expandPath(path);
  if (!existsSync(full) || !statSync(full).isFile()) fail(field, `no file at '${full}'; ${fix}`);
  return full;
}

function sshSetup(host: SshHost, options: ConnectionOptions, platform: NodeJS.Platform): RemoteSetup {
  const label = hostLabel(host);
  if (host.user && options.username && host.user !== options.username) {
    fail(
      "username",
      `'${options.username}' differs from the user '${host.user}' in host '${label}'; name the user in one place.`,
    );
  }
  const userName = host.user || options.username;
  if (!userName) {
    fail(
      "username",
      `host '${label}' names no user; write it as 'ssh://user@${host.hostname}' or set hyperv:username.`,
    );
  }
  const keyFilePath = options.sshKeyFile
    ? existingFile("sshKeyFile", options.sshKeyFile, "set it to the private key that the host accepts.")
    : null;
  const knownHostsFile = existingFile(
    "knownHostsFile",
    options.knownHostsFile ?? join(homedir(), ".ssh", "known_hosts"),
    `record the host's key there after checking its fingerprint (ssh-keyscan${host.port ? ` -p ${host.port}` : ""} ` +
      `${host.hostname} >> <file>), or set hyperv:knownHostsFile.`,
  );
  if (options.sshKeyPassphrase && !keyFilePath) {
    fail("sshKeyPassphrase", "is set, but hyperv:sshKeyFile is not; set the key file it unlocks.");
  }
  const secrets: Record<string, string> = {};
  if (options.sshKeyPassphrase) secrets[CONNECTION_SECRET_NAMES.sshKeyPassphrase] = options.sshKeyPassphrase;
  else if (options.password && !keyFilePath) secrets[CONNECTION_SECRET_NAMES.password] = options.password;
  if (Object.keys(secrets).length > 0) {
    const field = options.sshKeyPassphrase ? "sshKeyPassphrase" : "password";
    if (platform === "win32") {
      fail(
        field,
        "ssh on Windows cannot be given a secret non-interactively; load the key into ssh-agent (ssh-add) and unset it.",
      );
    }
    try {
      accessSync(SSH_ASKPASS_PATH, constants.X_OK);
    } catch {
      fail(
        field,
        `the helper '${SSH_ASKPASS_PATH}' that hands it to ssh is not executable; reinstall the package.`,
      );
    }
  }
  const settings = {
    kind: "ssh",
    hostName: host.hostname,
    port: host.port ?? null,
    userName,
    keyFilePath,
    knownHostsFile,
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    askpassPath: SSH_ASKPASS_PATH,
    useSsl: false,
  };
  return { entryModule: REMOTE_ENTRY_PATH, env: { HYPERV_PS_REMOTE: JSON.stringify(settings) }, secrets };
}

function winRmSetup(host: WinRmHost, options: ConnectionOptions, platform: NodeJS.Platform): RemoteSetup {
  const label = hostLabel(host);
  if (platform !== "win32") {
    throw new InvalidArgumentError(
      `host: '${label}' needs WinRM, which PowerShell offers only on Windows clients; from Linux or macOS ` +
        `use PowerShell SSH remoting instead: 'ssh://<user>@${host.hostname}' (see docs/hosts.md).`,
    );
  }
  if (options.password && !options.username)
    fail("username", `is needed with hyperv:password for '${label}'.`);
  const secrets: Record<string, string> = {};
  if (options.password) secrets[CONNECTION_SECRET_NAMES.password] = options.password;
  const settings = {
    kind: "winrm",
    hostName: host.hostname,
    port: host.port ?? null,
    userName: options.username ?? null,
    keyFilePath: null,
    knownHostsFile: null,
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    askpassPath: null,
    useSsl: options.useSsl ?? true,
  };
  return { entryModule: REMOTE_ENTRY_PATH, env: { HYPERV_PS_REMOTE: JSON.stringify(settings) }, secrets };
}

/**
 * Checks the connection options for a remote host and returns what its sessions need. Files are checked
 * here, so a wrong path fails at once with the field to fix instead of as a refused login later.
 *
 * @throws InvalidArgumentError naming the field (`connection.<field>` / `hyperv:<field>`) and the fix.
 */
export function remoteSetup(
  host: SshHost | WinRmHost,
  options: unknown = {},
  platform: NodeJS.Platform = process.platform,
): RemoteSetup {
  const parsed = connectionSchema.safeParse(options ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field =
      issue.path.join(".") || (issue.code === "unrecognized_keys" ? issue.keys.join(", ") : "(root)");
    throw new InvalidArgumentError(`connection.${field}: ${issue.message}`);
  }
  return host.kind === "ssh"
    ? sshSetup(host, parsed.data, platform)
    : winRmSetup(host, parsed.data, platform);
}
