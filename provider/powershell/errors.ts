/**
 * Typed errors of the PowerShell runtime. Callers branch on the class (`instanceof NotFoundError`), never
 * on message text: Hyper-V messages are localized.
 */

/** What PowerShell reported about a failed operation (all optional: runtime failures have no record). */
export interface HyperVErrorDetails {
  /** The operation that failed, e.g. `vm-create`. */
  operation?: string;
  /** PowerShell's ErrorCategory name, e.g. `ObjectNotFound`. */
  category?: string;
  /** PowerShell's FullyQualifiedErrorId, e.g. `InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM`. */
  fullyQualifiedErrorId?: string;
  /** The error's target object as text (a VM id, a path...), if any. */
  targetObject?: string | null;
  /** The .NET type of the exception behind the error record. */
  exceptionType?: string;
  /** The host the operation ran on, e.g. `simulator` or `local`. */
  host?: string;
  /** Warnings the operation wrote before it failed. */
  warnings?: string[];
}

/** Base class of every error the PowerShell runtime raises. */
export class HyperVError extends Error {
  readonly operation?: string;
  readonly category?: string;
  readonly fullyQualifiedErrorId?: string;
  readonly targetObject?: string | null;
  readonly exceptionType?: string;
  readonly host?: string;
  readonly warnings: string[];

  constructor(message: string, details: HyperVErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.operation = details.operation;
    this.category = details.category;
    this.fullyQualifiedErrorId = details.fullyQualifiedErrorId;
    this.targetObject = details.targetObject;
    this.exceptionType = details.exceptionType;
    this.host = details.host;
    this.warnings = details.warnings ?? [];
  }
}

/**
 * The object does not exist: a read script looked it up and found nothing (error id `HvObjectNotFound`).
 * A resource's `read` treats this, and only this, as "gone".
 */
export class NotFoundError extends HyperVError {}

/** An argument was rejected: fix the input named in the message. */
export class InvalidArgumentError extends HyperVError {}

/** The object is in the wrong state for the operation (e.g. the VM is running), or already exists. */
export class InvalidStateError extends HyperVError {}

/** The host or a resource is temporarily unavailable or busy; retrying later may succeed. */
export class TransientError extends HyperVError {}

/** The account running PowerShell lacks the rights (Administrators or Hyper-V Administrators). */
export class PermissionDeniedError extends HyperVError {}

/**
 * The operation did not finish in time. The PowerShell session running it was killed, but work already
 * handed to Hyper-V may still complete: re-read the object before retrying.
 */
export class TimeoutError extends HyperVError {
  /** The time limit that was exceeded, in milliseconds, when the runtime enforced it. */
  readonly timeoutMs?: number;

  constructor(message: string, details: HyperVErrorDetails & { timeoutMs?: number } = {}) {
    super(message, details);
    this.timeoutMs = details.timeoutMs;
  }
}

/**
 * The conversation with PowerShell broke: output on stderr, no envelope, unreadable JSON, or the pwsh
 * process exited mid-call. The session is discarded; the operation's effect on the host is unknown.
 */
export class ProtocolError extends HyperVError {
  /** Text the session wrote to stderr during the call (secrets redacted), if any. */
  readonly stderr?: string;

  constructor(message: string, details: HyperVErrorDetails & { stderr?: string } = {}, cause?: unknown) {
    super(message, details, cause === undefined ? undefined : { cause });
    this.stderr = details.stderr;
  }
}

/** PowerShell 7 (`pwsh`) could not be started from the configured path. */
export class PowerShellNotInstalledError extends HyperVError {
  /** The executable that was tried. */
  readonly pwshPath: string;

  constructor(pwshPath: string, cause?: unknown) {
    super(
      `PowerShell 7 was not found at '${pwshPath}'. Install PowerShell 7 (pwsh) or set the HYPERV_PWSH ` +
        `environment variable (or the pool's pwshPath option) to the full path of pwsh.`,
      {},
      cause === undefined ? undefined : { cause },
    );
    this.pwshPath = pwshPath;
  }
}
