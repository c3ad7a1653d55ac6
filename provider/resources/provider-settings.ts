/**
 * Stack configuration of the provider (`hyperv:*` keys, read in `configure()`) and its mapping to
 * session pool options. Remote-host credentials are read here only: they never travel in inputs, and
 * these settings live in the provider process, never in the serialized provider or in state.
 */
import { z } from "zod";
import { nearestName } from "../model/nearest-name";
import { hostSchema } from "../model/fields";
import { InvalidArgumentError, type ConnectionOptions, type PoolOptions } from "../powershell";

/** Reads one stack config value by its full key (e.g. `hyperv:host`); undefined when not set. */
export type ConfigReader = (key: string) => string | undefined;

/** The provider's settings, from stack config. */
export interface ProviderSettings {
  /** `hyperv:host`: where resources without a `host` input live (`simulator`, `simulator://NAME`, `local`, `ssh://...`, `winrm://...`). Default `simulator`. */
  host: string;
  /** `hyperv:simulatorStateDir`: the simulated hosts' state root (`simulator`'s state; `simulator://NAME`'s in `hosts/NAME`). Default `<program dir>/.hyperv-sim`. */
  simulatorStateDir?: string;
  /** `hyperv:poolSize`: PowerShell sessions per host. Default 3. */
  poolSize?: number;
  /** `hyperv:readTimeoutSeconds`: time limit of a read. Default 60. */
  readTimeoutSeconds?: number;
  /** `hyperv:writeTimeoutSeconds`: time limit of a create, update or delete. Default 300. */
  writeTimeoutSeconds?: number;
  /** `hyperv:username`: the user on a remote host (for `ssh://`, when the host names none). */
  username?: string;
  /** `hyperv:password` (secret): WinRM's password, or SSH password authentication without a key. */
  password?: string;
  /** `hyperv:sshKeyFile`: the private key for `ssh://` hosts. */
  sshKeyFile?: string;
  /** `hyperv:sshKeyPassphrase` (secret): the passphrase of `hyperv:sshKeyFile`. */
  sshKeyPassphrase?: string;
  /** `hyperv:knownHostsFile`: the known-hosts file holding SSH host keys. Default `~/.ssh/known_hosts`. */
  knownHostsFile?: string;
  /** `hyperv:connectTimeoutSeconds`: time to connect to a remote host and start PowerShell. Default 30. */
  connectTimeoutSeconds?: number;
  /** `hyperv:useSsl`: WinRM over HTTPS. Default true. */
  useSsl?: boolean;
}

/** The stack config keys the provider reads. */
export const SETTING_KEYS = {
  host: "hyperv:host",
  simulatorStateDir: "hyperv:simulatorStateDir",
  poolSize: "hyperv:poolSize",
  readTimeoutSeconds: "hyperv:readTimeoutSeconds",
  writeTimeoutSeconds: "hyperv:writeTimeoutSeconds",
  username: "hyperv:username",
  password: "hyperv:password",
  sshKeyFile: "hyperv:sshKeyFile",
  sshKeyPassphrase: "hyperv:sshKeyPassphrase",
  knownHostsFile: "hyperv:knownHostsFile",
  connectTimeoutSeconds: "hyperv:connectTimeoutSeconds",
  useSsl: "hyperv:useSsl",
} as const;

const wholeNumber = (key: string, min: number) =>
  z.coerce
    .number({ error: `${key} must be a whole number of at least ${min}` })
    .int({ error: `${key} must be a whole number of at least ${min}` })
    .min(min, { error: `${key} must be a whole number of at least ${min}` });

const schema = z.object({
  // The same rule as a resource's `host` input: a typo fails here, before any step reaches a host.
  host: hostSchema.default("simulator"),
  simulatorStateDir: z.string().min(1).optional(),
  poolSize: wholeNumber(SETTING_KEYS.poolSize, 0).optional(),
  readTimeoutSeconds: wholeNumber(SETTING_KEYS.readTimeoutSeconds, 1).optional(),
  writeTimeoutSeconds: wholeNumber(SETTING_KEYS.writeTimeoutSeconds, 1).optional(),
  username: z.string().trim().min(1).optional(),
  password: z.string().min(1).optional(),
  sshKeyFile: z.string().trim().min(1).optional(),
  sshKeyPassphrase: z.string().min(1).optional(),
  knownHostsFile: z.string().trim().min(1).optional(),
  connectTimeoutSeconds: z.coerce
    .number({ error: `${SETTING_KEYS.connectTimeoutSeconds} must be a whole number from 1 to 600` })
    .int({ error: `${SETTING_KEYS.connectTimeoutSeconds} must be a whole number from 1 to 600` })
    .min(1, { error: `${SETTING_KEYS.connectTimeoutSeconds} must be a whole number from 1 to 600` })
    .max(600, { error: `${SETTING_KEYS.connectTimeoutSeconds} must be a whole number from 1 to 600` })
    .optional(),
  useSsl: z
    .enum(["true", "false"], { error: `${SETTING_KEYS.useSsl} must be true or false` })
    .transform((value) => value === "true")
    .optional(),
});

/** The namespace of the provider's stack config keys. */
export const SETTINGS_NAMESPACE = "hyperv:";

/** A key of the provider's namespace that is no setting, and the setting it was likely meant to be. */
export interface UnknownSetting {
  key: string;
  nearest?: string;
}

/** The keys among `keys` (full stack config keys, any namespace) that are in `hyperv:` but no setting. */
export function unknownSettings(keys: readonly string[]): UnknownSetting[] {
  const known: readonly string[] = Object.values(SETTING_KEYS);
  return keys
    .filter((key) => key.startsWith(SETTINGS_NAMESPACE) && !known.includes(key))
    .map((key) => {
      const nearest = nearestName(key, known);
      return { key, ...(nearest !== undefined && { nearest }) };
    });
}

/** What is wrong with an unknown setting and how to fix it, for messages. */
export function describeUnknownSetting({ key, nearest }: UnknownSetting): string {
  return (
    `stack config ${key} is not a setting of the Hyper-V provider` +
    (nearest === undefined
      ? `; remove it (the settings: ${Object.values(SETTING_KEYS).join(", ")})`
      : `; did you mean ${nearest}? Rename or remove it`)
  );
}

/**
 * Reads the provider's settings from stack config. `keys`, every key of the stack config, lets it
 * refuse keys of the `hyperv:` namespace that are no setting (a typo would otherwise be ignored).
 *
 * @throws InvalidArgumentError naming the config key and the accepted values.
 */
export function readProviderSettings(read: ConfigReader, keys: readonly string[] = []): ProviderSettings {
  const unknown = unknownSettings(keys);
  if (unknown.length > 0) {
    throw new InvalidArgumentError(`${unknown.map(describeUnknownSetting).join("; ")}.`);
  }
  const raw = Object.fromEntries(
    Object.entries(SETTING_KEYS)
      .map(([name, key]) => [name, read(key)])
      .filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0]) as keyof typeof SETTING_KEYS;
    throw new InvalidArgumentError(
      `stack config ${SETTING_KEYS[name]}: ${issue.message}; fix it with pulumi config set ${SETTING_KEYS[name]} <value>`,
    );
  }
  return parsed.data;
}

/** The remote connection part of the settings, `undefined` when none is set. */
function connectionOf(settings: ProviderSettings): ConnectionOptions | undefined {
  const connection: ConnectionOptions = {
    ...(settings.username !== undefined && { username: settings.username }),
    ...(settings.password !== undefined && { password: settings.password }),
    ...(settings.sshKeyFile !== undefined && { sshKeyFile: settings.sshKeyFile }),
    ...(settings.sshKeyPassphrase !== undefined && { sshKeyPassphrase: settings.sshKeyPassphrase }),
    ...(settings.knownHostsFile !== undefined && { knownHostsFile: settings.knownHostsFile }),
    ...(settings.connectTimeoutSeconds !== undefined && {
      connectTimeoutMs: settings.connectTimeoutSeconds * 1000,
    }),
    ...(settings.useSsl !== undefined && { useSsl: settings.useSsl }),
  };
  return Object.keys(connection).length > 0 ? connection : undefined;
}

/** Pool options for one host under these settings. */
export function poolOptionsFor(settings: ProviderSettings, host: string): PoolOptions {
  const connection = connectionOf(settings);
  return {
    host,
    ...(connection && { connection }),
    ...(settings.simulatorStateDir !== undefined && { simulatorStateDir: settings.simulatorStateDir }),
    ...(settings.poolSize !== undefined && { size: settings.poolSize }),
    ...(settings.readTimeoutSeconds !== undefined && { readTimeoutMs: settings.readTimeoutSeconds * 1000 }),
    ...(settings.writeTimeoutSeconds !== undefined && {
      writeTimeoutMs: settings.writeTimeoutSeconds * 1000,
    }),
  };
}
