import { existsSync } from "node:fs";
import { join } from "node:path";
import { assertOperationName, encodePayload } from "./command-line";
import { CONNECTION_SECRET_NAMES, remoteSetup, type RemoteSetup } from "./connection";
import type { ErrorInfo } from "./envelope";
import { errorFromInfo } from "./error-mapping";
import { HyperVError, InvalidArgumentError, ProtocolError, TimeoutError } from "./errors";
import { hostEnvironment, hostLabel, parseHost, type HostDescription } from "./hosts";
import {
  DEFAULT_GROW_AFTER_MS,
  resolvePoolOptions,
  type PoolOptions,
  type ResolvedPoolOptions,
} from "./options";
import { withoutPassphrase } from "./passphrase-environment";
import { BUILTIN_SCRIPTS_DIR, PRELUDE_PATH } from "./paths";
import { packageRoot, resolvePwshPath } from "./pwsh-path";
import { redact, validateSecrets } from "./secrets";
import { PowerShellSession, type SessionConfig } from "./session";

/** Options of one call. */
export interface InvokeOptions {
  /** `read` calls default to the pool's read limit (60 s), `write` calls to its write limit (5 min). Default `write`. */
  kind?: "read" | "write";
  /**
   * Time limit of this call in ms, over its whole life: waiting for a free session, starting one (which
   * also has the pool's own `startTimeoutMs`) and running the operation.
   */
  timeoutMs?: number;
}

/** A successful call: the operation's data plus the warnings it wrote. */
export interface InvocationOutcome<T> {
  data: T;
  warnings: string[];
  /** The pwsh process that ran the call. */
  processId: number;
}

/** Counts of a pool's sessions and queued callers. */
export interface PoolStats {
  idle: number;
  busy: number;
  starting: number;
  waiting: number;
}

interface Waiter {
  resolve(session: PowerShellSession): void;
  reject(error: unknown): void;
}

/** Variables of the runtime's own that a session must never inherit from the provider process. */
const RUNTIME_VARIABLES = [
  "HYPERV_PS_PRELUDE",
  "HYPERV_PS_SCRIPT_DIRS",
  "HYPERV_PS_SECRETS_FILE",
  "HYPERV_PS_MODULES_FIRST",
  "HYPERV_PS_PARENT_PID",
  "NODE_POWERSHELL",
];

function childEnvironment(
  options: ResolvedPoolOptions,
  host: HostDescription,
  directories: string[],
  remote: RemoteSetup | undefined,
) {
  // pwsh, and the ssh client it starts for a remote host, decrypt nothing: no passphrase for them.
  const env = withoutPassphrase(process.env);
  for (const name of RUNTIME_VARIABLES) delete env[name];
  return {
    ...env,
    TERM: "dumb",
    NO_COLOR: "1",
    __SuppressAnsiEscapeSequences: "1",
    POWERSHELL_TELEMETRY_OPTOUT: "1",
    POWERSHELL_UPDATECHECK: "Off",
    // Without this, every pwsh opens .NET diagnostic pipes in the temp directory, and a session killed
    // on timeout or crash leaves them behind for good.
    DOTNET_EnableDiagnostics: "0",
    ...hostEnvironment(host, packageRoot, process.env.PSModulePath),
    ...options.env,
    ...remote?.env,
    HYPERV_PS_PRELUDE: remote?.entryModule ?? PRELUDE_PATH,
    HYPERV_PS_SCRIPT_DIRS: JSON.stringify(directories),
    // Each session watches this process and ends itself once it is gone, even after a SIGKILL.
    HYPERV_PS_PARENT_PID: String(process.pid),
  };
}

/** The remote connection of a pool, checked; `undefined` for the simulator and local hosts. */
function remoteSessionSetup(host: HostDescription, options: ResolvedPoolOptions): RemoteSetup | undefined {
  if (host.kind !== "ssh" && host.kind !== "winrm") return undefined;
  const reserved = Object.values(CONNECTION_SECRET_NAMES).filter((name) => name in options.secrets);
  if (reserved.length > 0) {
    throw new InvalidArgumentError(
      `secrets: '${reserved[0]}' is reserved for the connection; give it through the connection options.`,
    );
  }
  return remoteSetup(host, options.connection);
}

/**
 * A pool of pwsh sessions that run static operation scripts. Sessions start lazily, run one call at a
 * time, close when idle, and are replaced when a call times out or the conversation breaks. Callers queue
 * when every session is busy, and are served by whichever session comes free or starts first; the pool
 * starts another session only once the queue has waited as long as a start takes (`growAfterMs`), so
 * short calls share the sessions there are. Size 0 starts a fresh pwsh for every call.
 *
 * @example
 * const pool = createPool({ size: 4 });
 * const vm = await pool.invoke<VmInfo>("vm-get", { id }, { kind: "read" });
 * await pool.close();
 */
export class SessionPool {
  /** The host every session of this pool talks to. */
  readonly host: HostDescription;
  private readonly options: ResolvedPoolOptions;
  private readonly directories: string[];
  private readonly config: SessionConfig;
  private readonly idle: PowerShellSession[] = [];
  private readonly idleTimers = new Map<PowerShellSession, NodeJS.Timeout>();
  private readonly busy = new Set<PowerShellSession>();
  private readonly waiters: Waiter[] = [];
  private readonly knownOperations = new Set<string>();
  private readonly pendingExits = new Set<Promise<void>>();
  private starting = 0;
  private closed = false;
  /** How long the last session start took (what waiting for a busy session is weighed against). */
  private lastStartMs: number | undefined;
  private growTimer: NodeJS.Timeout | undefined;

  /** @throws InvalidArgumentError naming the option at fault. */
  constructor(options: PoolOptions = {}) {
    this.options = resolvePoolOptions(options, resolvePwshPath);
    validateSecrets(this.options.secrets);
    this.host = parseHost(this.options.host, this.options.simulatorStateDir);
    const remote = remoteSessionSetup(this.host, this.options);
    this.directories = [BUILTIN_SCRIPTS_DIR, ...this.options.scriptDirectories];
    this.config = {
      pwshPath: this.options.pwshPath,
      env: childEnvironment(this.options, this.host, this.directories, remote),
      secrets: { ...this.options.secrets, ...remote?.secrets },
      host: hostLabel(this.host),
    };
  }

  /**
   * Runs `operation` (the script `<operation>.ps1`) with `payload` and returns its data.
   *
   * @throws a {@link HyperVError} subclass: NotFoundError, InvalidArgumentError, InvalidStateError,
   *   TransientError, PermissionDeniedError, TimeoutError, ProtocolError or PowerShellNotInstalledError.
   */
  async invoke<T = unknown>(operation: string, payload?: unknown, options: InvokeOptions = {}): Promise<T> {
    return (await this.invokeWithDetails<T>(operation, payload, options)).data;
  }

  /** Like {@link invoke}, but also returns the warnings the operation wrote and the pwsh process id. */
  async invokeWithDetails<T = unknown>(
    operation: string,
    payload?: unknown,
    options: InvokeOptions = {},
  ): Promise<InvocationOutcome<T>> {
    this.assertOpen();
    this.assertOperationExists(operation);
    const timeoutMs = this.timeoutFor(options);
    const payloadBase64 = encodePayload(payload);
    // The limit covers the call's whole life: waiting for a session, starting one, and running.
    const deadline = Date.now() + timeoutMs;
    const session = await this.acquire(deadline, () => this.queueTimeoutError(operation, timeoutMs));
    try {
      const remainingMs = deadline - Date.now();
      if (remainingMs <= 0) throw this.queueTimeoutError(operation, timeoutMs);
      const envelope = await session.run(operation, payloadBase64, remainingMs, timeoutMs);
      const secrets = this.config.secrets;
      const warnings = envelope.warnings.map((warning) => redact(warning, secrets));
      if (!envelope.ok || envelope.error) {
        if (!envelope.error) {
          throw new ProtocolError(`Hyper-V operation '${operation}' failed without an error record.`, {
            operation,
            host: this.config.host,
          });
        }
        throw errorFromInfo(this.redactInfo(envelope.error), this.config.host, warnings);
      }
      return { data: envelope.data as T, warnings, processId: session.info.processId };
    } finally {
      this.release(session);
    }
  }

  /** Current counts, for diagnostics. */
  get stats(): PoolStats {
    return {
      idle: this.idle.length,
      busy: this.busy.size,
      starting: this.starting,
      waiting: this.waiters.length,
    };
  }

  /** Ends every session (interrupting calls in flight) and refuses further calls. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.growTimer);
    for (const waiter of this.waiters.splice(0)) waiter.reject(this.closedError());
    for (const session of this.idle.splice(0)) this.discard(session, "close");
    for (const session of this.busy) this.track(session.kill("the session pool was closed"));
    while (this.pendingExits.size > 0 || this.starting > 0) {
      await Promise.all([...this.pendingExits]);
      if (this.starting > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private redactInfo(info: ErrorInfo): ErrorInfo {
    const secrets = this.config.secrets;
    return {
      ...info,
      message: redact(info.message, secrets),
      targetObject: info.targetObject === null ? null : redact(info.targetObject, secrets),
    };
  }

  private assertOpen(): void {
    if (this.closed) throw this.closedError();
  }

  private closedError(): HyperVError {
    return new HyperVError(`The PowerShell session pool for host '${this.config.host}' is closed.`, {
      host: this.config.host,
    });
  }

  private assertOperationExists(operation: string): void {
    assertOperationName(operation);
    if (this.knownOperations.has(operation)) return;
    if (!this.directories.some((directory) => existsSync(join(directory, `${operation}.ps1`)))) {
      throw new InvalidArgumentError(
        `operation: no script '${operation}.ps1' in ${this.directories.map((d) => `'${d}'`).join(", ")}.`,
        { operation },
      );
    }
    this.knownOperations.add(operation);
  }

  private timeoutFor(options: InvokeOptions): number {
    if (options.kind !== undefined && options.kind !== "read" && options.kind !== "write") {
      throw new InvalidArgumentError(
        `options.kind: must be 'read' or 'write', not '${String(options.kind)}'.`,
      );
    }
    const timeoutMs =
      options.timeoutMs ??
      (options.kind === "read" ? this.options.readTimeoutMs : this.options.writeTimeoutMs);
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new InvalidArgumentError(`options.timeoutMs: must be a positive number of milliseconds.`);
    }
    return timeoutMs;
  }

  private queueTimeoutError(operation: string, timeoutMs: number): TimeoutError {
    return new TimeoutError(
      `Hyper-V operation '${operation}' on host '${this.config.host}' did not get a PowerShell session within ` +
        `${timeoutMs} ms (all ${this.options.size} sessions were busy); it was not run.`,
      { operation, host: this.config.host, timeoutMs },
    );
  }

  /**
   * Hands out an idle session, or queues the caller until one is free or started. A caller still waiting
   * at `deadline` is rejected with `onTimeout()`; a session that arrives for it afterwards goes back to the
   * pool.
   */
  private acquire(deadline: number, onTimeout: () => HyperVError): Promise<PowerShellSession> {
    for (let reusable = this.idle.pop(); reusable; reusable = this.idle.pop()) {
      clearTimeout(this.idleTimers.get(reusable));
      this.idleTimers.delete(reusable);
      if (!reusable.usable) {
        // It died while idle (killed from outside, crashed): never hand it to a caller.
        this.discard(reusable, "kill");
        continue;
      }
      this.busy.add(reusable);
      return Promise.resolve(reusable);
    }
    return new Promise((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(
        () => {
          settled = true;
          const index = this.waiters.indexOf(waiter);
          if (index !== -1) this.waiters.splice(index, 1);
          reject(onTimeout());
        },
        Math.max(0, deadline - Date.now()),
      );
      const waiter: Waiter = {
        resolve: (session) => {
          if (settled) return this.release(session);
          settled = true;
          clearTimeout(timer);
          resolve(session);
        },
        reject: (error) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          reject(error);
        },
      };
      if (this.eager() && this.hasRoom()) {
        this.startSession(waiter);
        return;
      }
      this.waiters.push(waiter);
      this.grow();
    });
  }

  private hasRoom(): boolean {
    return this.options.size === 0 || this.busy.size + this.idle.length + this.starting < this.options.size;
  }

  /** Size 0 and `growAfterMs` 0: every call that finds no idle session starts one of its own. */
  private eager(): boolean {
    return this.options.size === 0 || this.options.growAfterMs === 0;
  }

  /**
   * Starts sessions for the queue when that is worth it: at once when nothing runs or starts that
   * could serve it (and, eager, one per waiting call), otherwise one, once the queue has waited as
   * long as a start takes.
   */
  private grow(): void {
    if (this.closed || this.waiters.length === 0 || !this.hasRoom()) return;
    if (this.eager()) {
      while (this.waiters.length > 0 && this.hasRoom()) this.startSession(this.waiters.shift());
      return;
    }
    if (this.busy.size === 0 && this.starting === 0) {
      this.startSession();
      return;
    }
    if (this.starting > 0 || this.growTimer) return;
    const delay = this.options.growAfterMs ?? this.lastStartMs ?? DEFAULT_GROW_AFTER_MS;
    this.growTimer = setTimeout(() => {
      this.growTimer = undefined;
      if (!this.closed && this.waiters.length > 0 && this.hasRoom() && this.starting === 0) {
        this.startSession();
      }
    }, delay);
    this.growTimer.unref();
  }

  /**
   * Starts a session for `waiter`, or, without one, for the first waiting call (or to wait idle); a
   * failed start fails that call.
   */
  private startSession(waiter?: Waiter): void {
    this.starting++;
    const started = Date.now();
    PowerShellSession.start(this.config, this.options.startTimeoutMs).then(
      (session) => {
        this.starting--;
        if (this.closed) {
          this.track(session.kill());
          waiter?.reject(this.closedError());
          return;
        }
        this.lastStartMs = Date.now() - started;
        void session.exited.then(() => this.forgetIdle(session));
        if (waiter) {
          this.busy.add(session);
          waiter.resolve(session);
        } else {
          this.handOff(session);
        }
        this.grow();
      },
      (error: unknown) => {
        this.starting--;
        (waiter ?? this.waiters.shift())?.reject(error);
        this.grow();
      },
    );
  }

  /** Gives a new session to the first waiting call, or keeps it idle. */
  private handOff(session: PowerShellSession): void {
    const waiter = this.waiters.shift();
    if (waiter) {
      this.busy.add(session);
      waiter.resolve(session);
    } else if (this.options.size === 0) {
      this.discard(session, "close");
    } else {
      this.keepIdle(session);
    }
  }

  private release(session: PowerShellSession): void {
    this.busy.delete(session);
    if (this.closed || !session.usable || this.options.size === 0) {
      this.discard(session, session.usable ? "close" : "kill");
      this.grow();
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) {
      this.busy.add(session);
      waiter.resolve(session);
      return;
    }
    this.keepIdle(session);
  }

  private keepIdle(session: PowerShellSession): void {
    this.idle.push(session);
    if (this.options.idleTimeoutMs > 0) {
      const timer = setTimeout(() => this.expire(session), this.options.idleTimeoutMs);
      timer.unref();
      this.idleTimers.set(session, timer);
    }
  }

  /** Drops a session that ended while idle (killed from outside, crashed). */
  private forgetIdle(session: PowerShellSession): void {
    const index = this.idle.indexOf(session);
    if (index === -1) return;
    this.idle.splice(index, 1);
    clearTimeout(this.idleTimers.get(session));
    this.idleTimers.delete(session);
  }

  private expire(session: PowerShellSession): void {
    const index = this.idle.indexOf(session);
    if (index === -1) return;
    this.idle.splice(index, 1);
    this.idleTimers.delete(session);
    this.discard(session, "close");
  }

  private discard(session: PowerShellSession, how: "close" | "kill"): void {
    clearTimeout(this.idleTimers.get(session));
    this.idleTimers.delete(session);
    this.track(how === "close" ? session.close() : session.kill());
  }

  private track(exit: Promise<void>): void {
    const tracked = exit.catch(() => undefined).finally(() => this.pendingExits.delete(tracked));
    this.pendingExits.add(tracked);
  }
}

/** Creates a {@link SessionPool}; see {@link PoolOptions} for the options and their defaults. */
export function createPool(options: PoolOptions = {}): SessionPool {
  return new SessionPool(options);
}
