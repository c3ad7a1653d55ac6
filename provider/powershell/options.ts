import { resolve } from "node:path";
import { z } from "zod";
import { InvalidArgumentError } from "./errors";
import type { ConnectionOptions } from "./connection";
import type { HostSpec } from "./hosts";
import type { Secrets } from "./secrets";

/** Default time limit of a `read` call: 60 s. */
export const DEFAULT_READ_TIMEOUT_MS = 60_000;
/** Default time limit of a `write` call: 5 min. */
export const DEFAULT_WRITE_TIMEOUT_MS = 300_000;
/** Default number of pwsh sessions a pool runs at most. */
export const DEFAULT_POOL_SIZE = 3;
/** Default time a new session may take to start: 30 s. */
export const DEFAULT_START_TIMEOUT_MS = 30_000;
/** Default time an unused session stays alive: 60 s. */
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;
/** How long calls wait for a busy session before the pool's first measured start: 1 s. */
export const DEFAULT_GROW_AFTER_MS = 1_000;

/** Options of a {@link SessionPool}. Every field is optional. */
export interface PoolOptions {
  /** Sessions run at most at once; callers queue beyond that. 0 = a fresh pwsh per call. Default 3. */
  size?: number;
  /** An unused session is ended after this many ms; 0 keeps sessions until `close()`. Default 60 000. */
  idleTimeoutMs?: number;
  /**
   * How long calls wait for a busy session to come free before the pool starts another; 0 starts one
   * for each waiting call at once. Default: as long as the pool's last start took (1 000 before the
   * first), so a queue that drains sooner than a start would take never costs a pwsh process.
   */
  growAfterMs?: number;
  /** Where operations run: `simulator` (default), `local`, `ssh://user@host[:port]` or `winrm://host[:port]`. */
  host?: HostSpec;
  /** How to log in to a remote host (user, key, known hosts, secrets, connect timeout). */
  connection?: ConnectionOptions;
  /** The simulator's state directory (host `simulator` only). Default `<cwd>/.hyperv-sim`. */
  simulatorStateDir?: string;
  /** Extra environment variables for every session. */
  env?: Record<string, string>;
  /** Secrets handed to each session out of band; scripts read them with `Get-HvSecret -Name <name>`. */
  secrets?: Secrets;
  /** More directories of `<operation>.ps1` scripts, searched after the built-in one. */
  scriptDirectories?: string[];
  /** The pwsh executable. Default: {@link resolvePwshPath}. */
  pwshPath?: string;
  /** Limit for starting a session (pwsh plus the prelude), separate from the call's own limit. Default 30 000. */
  startTimeoutMs?: number;
  /** Default limit of calls with `kind: 'read'`. Default 60 000. */
  readTimeoutMs?: number;
  /** Default limit of calls with `kind: 'write'`. Default 300 000. */
  writeTimeoutMs?: number;
}

const timeout = z.number().int().positive().finite();

const optionsSchema = z.object({
  size: z.number().int().min(0).optional(),
  idleTimeoutMs: z.number().int().min(0).optional(),
  growAfterMs: z.number().int().min(0).optional(),
  host: z.unknown().optional(),
  connection: z.unknown().optional(),
  simulatorStateDir: z.string().min(1).optional(),
  env: z.record(z.string(), z.string()).optional(),
  secrets: z.record(z.string(), z.string()).optional(),
  scriptDirectories: z.array(z.string().min(1)).optional(),
  pwshPath: z.string().min(1).optional(),
  startTimeoutMs: timeout.optional(),
  readTimeoutMs: timeout.optional(),
  writeTimeoutMs: timeout.optional(),
});

/** Options with every default applied. */
export interface ResolvedPoolOptions {
  size: number;
  idleTimeoutMs: number;
  /** Unset: measured (the last start's duration). */
  growAfterMs?: number;
  host: HostSpec;
  connection: unknown;
  simulatorStateDir?: string;
  env: Record<string, string>;
  secrets: Secrets;
  scriptDirectories: string[];
  pwshPath: string;
  startTimeoutMs: number;
  readTimeoutMs: number;
  writeTimeoutMs: number;
}

/** Validates pool options (errors name the field) and applies the defaults. */
export function resolvePoolOptions(options: PoolOptions, defaultPwshPath: () => string): ResolvedPoolOptions {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidArgumentError(`pool options.${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  const value = parsed.data;
  return {
    size: value.size ?? DEFAULT_POOL_SIZE,
    idleTimeoutMs: value.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    ...(value.growAfterMs !== undefined && { growAfterMs: value.growAfterMs }),
    host: (options.host ?? "simulator") as HostSpec,
    connection: options.connection ?? {},
    simulatorStateDir: value.simulatorStateDir,
    env: value.env ?? {},
    secrets: value.secrets ?? {},
    scriptDirectories: (value.scriptDirectories ?? []).map((directory) => resolve(directory)),
    pwshPath: value.pwshPath ?? defaultPwshPath(),
    startTimeoutMs: value.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
    readTimeoutMs: value.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS,
    writeTimeoutMs: value.writeTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS,
  };
}
