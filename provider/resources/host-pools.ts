/**
 * One session pool per host per provider process, shared by every resource and every serialized
 * copy of the provider (they live on `globalThis`, not in captured state), closed when the process
 * ends.
 */
import {
  createPool,
  hostLabel,
  InvalidArgumentError,
  parseHost,
  type HostDescription,
  type SessionPool,
} from "../powershell";
import {
  poolOptionsFor,
  readProviderSettings,
  type ConfigReader,
  type ProviderSettings,
} from "./provider-settings";

interface Registry {
  settings: ProviderSettings;
  /** Why the stack config was refused; every operation fails with it (check reports it). */
  settingsError?: InvalidArgumentError;
  pools: Map<string, SessionPool>;
  /** Counts PowerShell calls per operation name (tests and benchmarks read it). */
  calls: Map<string, number>;
  exitHookInstalled: boolean;
}

const KEY = Symbol.for("pulumi-hyperv.host-pools");

function registry(): Registry {
  const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
  holder[KEY] ??= {
    settings: { host: "simulator" },
    pools: new Map(),
    calls: new Map(),
    exitHookInstalled: false,
  };
  return holder[KEY]!;
}

/**
 * Applies the stack config (called from each provider's `configure()`); `keys`: every stack config
 * key. Never throws: Pulumi's dynamic provider host configures a provider once and keeps it even
 * when configure fails, so a refused config is kept and every later operation fails with it
 * instead of using the defaults.
 */
export function configureHostPools(read: ConfigReader, keys?: readonly string[]): void {
  const state = registry();
  try {
    state.settings = readProviderSettings(read, keys);
    state.settingsError = undefined;
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    state.settingsError = error;
  }
}

/** Why the stack config was refused, or undefined when it was accepted. */
export function settingsProblem(): string | undefined {
  return registry().settingsError?.message;
}

function settings(): ProviderSettings {
  const state = registry();
  if (state.settingsError) throw state.settingsError;
  return state.settings;
}

/**
 * The host a resource lives on: its own `host` input, else `hyperv:host`.
 *
 * @throws InvalidArgumentError when the stack config was refused.
 */
export function resolveHost(inputHost: string | undefined): string {
  return inputHost ?? settings().host;
}

/**
 * What kind of host a specification names (simulator state directory from the stack config).
 *
 * @throws InvalidArgumentError when the host specification is not one of the accepted forms.
 */
export function describeHost(host: string): HostDescription {
  return parseHost(host, settings().simulatorStateDir);
}

/**
 * The pool of a host, created on first use. Pools are keyed by the parsed host, state directory
 * included: each named simulated host (`simulator://NAME`) has its own pool, and two spellings of
 * one host share one.
 *
 * @throws InvalidArgumentError when the host specification is not one of the accepted forms.
 */
export function poolFor(host: string): SessionPool {
  const state = registry();
  const parsed = parseHost(host, settings().simulatorStateDir);
  const key = JSON.stringify(parsed);
  let pool = state.pools.get(key);
  if (!pool) {
    if (parsed.kind === "simulator")
      console.log(
        `pulumi-hyperv: using the simulated Hyper-V host ${hostLabel(parsed)} ` +
          "(hyperv:host or a resource's host names a real one)",
      );
    pool = createPool(poolOptionsFor(state.settings, host));
    state.pools.set(key, pool);
    installExitHook(state);
  }
  return pool;
}

/** Runs one operation script on a host and counts the call. */
export async function invoke<T>(
  host: string,
  operation: string,
  payload: unknown,
  kind: "read" | "write",
): Promise<T> {
  const state = registry();
  const pool = poolFor(host);
  state.calls.set(operation, (state.calls.get(operation) ?? 0) + 1);
  return pool.invoke<T>(operation, payload, { kind });
}

/** PowerShell calls made in this process so far, by operation. */
export function powerShellCalls(): Record<string, number> {
  return Object.fromEntries(registry().calls);
}

/** Closes every pool (their sessions end); the next call starts new ones. */
export async function closeHostPools(): Promise<void> {
  const state = registry();
  const pools = [...state.pools.values()];
  state.pools.clear();
  await Promise.all(pools.map((pool) => pool.close()));
}

function installExitHook(state: Registry): void {
  if (state.exitHookInstalled) return;
  state.exitHookInstalled = true;
  // Idle sessions never keep the process alive; this ends the busy ones when the host process winds down.
  process.once("beforeExit", () => void closeHostPools());
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      void closeHostPools().finally(() => process.exit(128 + (signal === "SIGTERM" ? 15 : 2)));
    });
  }
}
