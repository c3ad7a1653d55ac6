/**
 * Stack configuration of the provider (`hyperv:*` keys, read in `configure()`) and its mapping to
 * session pool options. Remote-host credentials will be read here too; they never travel in inputs.
 */
import { z } from "zod";
import { InvalidArgumentError, type PoolOptions } from "../powershell";

/** Reads one stack config value by its full key (e.g. `hyperv:host`); undefined when not set. */
export type ConfigReader = (key: string) => string | undefined;

/** The provider's settings, from stack config. */
export interface ProviderSettings {
  /** `hyperv:host`: where resources without a `host` input live. Default `simulator`. */
  host: string;
  /** `hyperv:simulatorStateDir`: the simulated host's state directory. Default `<program dir>/.hyperv-sim`. */
  simulatorStateDir?: string;
  /** `hyperv:poolSize`: PowerShell sessions per host. Default 3. */
  poolSize?: number;
  /** `hyperv:readTimeoutSeconds`: time limit of a read. Default 60. */
  readTimeoutSeconds?: number;
  /** `hyperv:writeTimeoutSeconds`: time limit of a create, update or delete. Default 300. */
  writeTimeoutSeconds?: number;
}

/** The stack config keys the provider reads. */
export const SETTING_KEYS = {
  host: "hyperv:host",
  simulatorStateDir: "hyperv:simulatorStateDir",
  poolSize: "hyperv:poolSize",
  readTimeoutSeconds: "hyperv:readTimeoutSeconds",
  writeTimeoutSeconds: "hyperv:writeTimeoutSeconds",
} as const;

const wholeNumber = (key: string, min: number) =>
  z.coerce
    .number({ error: `${key} must be a whole number of at least ${min}` })
    .int({ error: `${key} must be a whole number of at least ${min}` })
    .min(min, { error: `${key} must be a whole number of at least ${min}` });

const schema = z.object({
  host: z.string().trim().min(1).default("simulator"),
  simulatorStateDir: z.string().min(1).optional(),
  poolSize: wholeNumber(SETTING_KEYS.poolSize, 0).optional(),
  readTimeoutSeconds: wholeNumber(SETTING_KEYS.readTimeoutSeconds, 1).optional(),
  writeTimeoutSeconds: wholeNumber(SETTING_KEYS.writeTimeoutSeconds, 1).optional(),
});

/**
 * Reads the provider's settings from stack config.
 *
 * @throws InvalidArgumentError naming the config key and the accepted values.
 */
export function readProviderSettings(read: ConfigReader): ProviderSettings {
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

/** Pool options for one host under these settings. */
export function poolOptionsFor(settings: ProviderSettings, host: string): PoolOptions {
  return {
    host,
    ...(settings.simulatorStateDir !== undefined && { simulatorStateDir: settings.simulatorStateDir }),
    ...(settings.poolSize !== undefined && { size: settings.poolSize }),
    ...(settings.readTimeoutSeconds !== undefined && { readTimeoutMs: settings.readTimeoutSeconds * 1000 }),
    ...(settings.writeTimeoutSeconds !== undefined && {
      writeTimeoutMs: settings.writeTimeoutSeconds * 1000,
    }),
  };
}
