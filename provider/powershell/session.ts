import { existsSync } from "node:fs";
import { constants } from "node:os";
import { isAbsolute } from "node:path";
import { initializeCommandLine, newNonce, operationCommandLine } from "./command-line";
import { readEnvelope, type Envelope } from "./envelope";
import { PowerShellNotInstalledError, ProtocolError, TimeoutError } from "./errors";
import { redact, writeSecretsFile, type Secrets } from "./secrets";
import { startShell, type ShellExit, type ShellHandle } from "./shell";

/** Everything a session needs to start; shared by all sessions of a pool. */
export interface SessionConfig {
  pwshPath: string;
  /** The complete child environment (the secrets file variable is added per session). */
  env: NodeJS.ProcessEnv;
  secrets: Secrets;
  /** The host label used in messages. */
  host: string;
}

/** What the prelude reports about a freshly started session. */
export interface SessionInfo {
  processId: number;
  psVersion: string;
  psEdition: string;
}

const STDERR_EXCERPT = 2000;

function signalName(number: number): string | undefined {
  return Object.entries(constants.signals).find(([, value]) => value === number)?.[0];
}

function describeExit(exit: ShellExit): string {
  if (exit.error) return `could not be started (${exit.error.code ?? exit.error.message})`;
  if (exit.signal) return `was killed by ${exit.signal}`;
  // A launcher whose PowerShell child was killed exits with 128 + the signal number.
  const signal = exit.code !== null && exit.code > 128 ? signalName(exit.code - 128) : undefined;
  if (signal) return `was killed by ${signal} (exit code ${exit.code})`;
  return `exited with code ${exit.code}`;
}

function isMissingExecutable(pwshPath: string): boolean {
  return (isAbsolute(pwshPath) || /[\\/]/.test(pwshPath)) && !existsSync(pwshPath);
}

/**
 * One pwsh process with the prelude loaded, running one call at a time. Any failure of the conversation
 * (timeout, death, stderr, missing envelope) marks it unusable; the pool then discards it.
 */
export class PowerShellSession {
  private broken = false;
  private killReason?: string;
  private infoValue?: SessionInfo;

  private constructor(
    private readonly shell: ShellHandle,
    private readonly config: SessionConfig,
  ) {}

  /**
   * Starts pwsh, loads the prelude and hands over the secrets.
   *
   * @throws PowerShellNotInstalledError when pwsh cannot be started; ProtocolError or TimeoutError when the
   *   session does not come up cleanly (the process is killed).
   */
  static async start(config: SessionConfig, timeoutMs: number): Promise<PowerShellSession> {
    if (isMissingExecutable(config.pwshPath)) throw new PowerShellNotInstalledError(config.pwshPath);
    const secretsFile = writeSecretsFile(config.secrets);
    try {
      const env = { ...config.env };
      if (secretsFile) env.HYPERV_PS_SECRETS_FILE = secretsFile.path;
      const session = new PowerShellSession(startShell({ pwshPath: config.pwshPath, env }), config);
      const nonce = newNonce();
      let envelope: Envelope;
      try {
        envelope = await session.exchange(initializeCommandLine(nonce), nonce, timeoutMs, "initialize");
      } catch (error) {
        const exit = session.shell.hasExited ? await session.shell.exited : undefined;
        const code = exit?.error?.code;
        if (code === "ENOENT" || code === "EACCES")
          throw new PowerShellNotInstalledError(config.pwshPath, error);
        throw error;
      }
      if (!envelope.ok || envelope.error) {
        await session.kill("it failed to initialize");
        throw new ProtocolError(
          `PowerShell session on host '${config.host}' failed to initialize: ${redact(envelope.error?.message ?? "no error record", config.secrets)}`,
          { operation: "initialize", host: config.host },
        );
      }
      const data = envelope.data as Partial<SessionInfo> | null;
      session.infoValue = {
        processId: Number(data?.processId ?? session.shell.pid ?? 0),
        psVersion: String(data?.psVersion ?? ""),
        psEdition: String(data?.psEdition ?? ""),
      };
      return session;
    } finally {
      secretsFile?.dispose();
    }
  }

  /** The pwsh process id and version, as the session reported them. */
  get info(): SessionInfo {
    return this.infoValue ?? { processId: this.shell.pid ?? 0, psVersion: "", psEdition: "" };
  }

  /** Settles when the pwsh process is gone, for whatever reason. */
  get exited(): Promise<void> {
    return this.shell.exited.then(() => undefined);
  }

  /** False once the session failed or is gone; the pool never reuses it then. */
  get usable(): boolean {
    return !this.broken && !this.shell.hasExited;
  }

  /**
   * Runs one operation and returns its envelope (which may report a PowerShell error). `timeoutMs` is
   * what is left of the call's limit; `reportedLimitMs`, the whole limit, is what a TimeoutError reports.
   *
   * @throws TimeoutError (the session is killed) or ProtocolError (the session is unusable afterwards).
   */
  run(
    operation: string,
    payloadBase64: string,
    timeoutMs: number,
    reportedLimitMs = timeoutMs,
  ): Promise<Envelope> {
    const nonce = newNonce();
    const line = operationCommandLine(operation, payloadBase64, nonce);
    return this.exchange(line, nonce, timeoutMs, operation, reportedLimitMs);
  }

  /** Kills pwsh at once (SIGKILL) and waits for it to be gone; `reason` explains an interrupted call. */
  async kill(reason?: string): Promise<void> {
    this.broken = true;
    this.killReason ??= reason;
    await this.shell.terminate("SIGKILL");
  }

  /** Ends pwsh politely (SIGTERM) and waits for it to be gone. */
  async close(): Promise<void> {
    this.broken = true;
    this.killReason ??= "its session was closed";
    await this.shell.terminate("SIGTERM");
  }

  private async exchange(
    line: string,
    nonce: string,
    timeoutMs: number,
    operation: string,
    reportedLimitMs = timeoutMs,
  ): Promise<Envelope> {
    const details = { operation, host: this.config.host };
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<{ timeout: true }>((resolve) => {
      timer = setTimeout(() => resolve({ timeout: true }), timeoutMs);
    });
    let outcome;
    try {
      outcome = await Promise.race([
        this.shell.invoke(line).then(
          (result) => ({ result }),
          (failure: unknown) => ({ failure }),
        ),
        this.shell.exited.then((exit) => ({ exit })),
        timedOut,
      ]);
    } finally {
      clearTimeout(timer);
      this.shell.forgetHistory();
    }

    if ("timeout" in outcome) {
      await this.kill("it timed out");
      throw new TimeoutError(
        `Hyper-V operation '${operation}' on host '${this.config.host}' did not finish within ${reportedLimitMs} ms; ` +
          `its PowerShell session was killed. Work already handed to Hyper-V may still complete: ` +
          `refresh the resource before retrying.`,
        { ...details, timeoutMs: reportedLimitMs },
      );
    }
    if (!("result" in outcome) || this.shell.hasExited) {
      const wasKilledOnPurpose = this.killReason !== undefined;
      await this.kill();
      const exit = await this.shell.exited;
      const cause = "failure" in outcome ? outcome.failure : undefined;
      const why = wasKilledOnPurpose ? `was stopped because ${this.killReason}` : describeExit(exit);
      throw new ProtocolError(
        `Hyper-V operation '${operation}' on host '${this.config.host}' failed: its PowerShell process ` +
          `(pid ${this.shell.pid ?? "none"}) ${why} before answering. The operation's effect is unknown: ` +
          `refresh the resource before retrying.`,
        details,
        cause,
      );
    }

    const stdout = outcome.result.stdout?.toString("utf8") ?? "";
    const stderr = outcome.result.stderr?.toString("utf8") ?? "";
    if (stderr.trim().length > 0) {
      this.broken = true;
      const excerpt = redact(stderr.trim(), this.config.secrets).slice(0, STDERR_EXCERPT);
      throw new ProtocolError(
        `Hyper-V operation '${operation}' on host '${this.config.host}' wrote to stderr, which the protocol ` +
          `does not allow; the session was discarded. stderr: ${excerpt}`,
        { ...details, stderr: excerpt },
      );
    }
    const read = readEnvelope(stdout, nonce);
    if ("problem" in read) {
      this.broken = true;
      throw new ProtocolError(
        `Hyper-V operation '${operation}' on host '${this.config.host}' returned no readable result (${read.detail}); ` +
          `the session was discarded.`,
        details,
      );
    }
    return read.envelope;
  }
}
