/**
 * Errors the command reports as a plain `error:` line (no stack trace), and the exit code of each, from
 * the Pulumi CLI's exit code taxonomy (pulumi/pulumi `pkg/cmd/pulumi/cmd/exit_codes.go`, `ExitCodeFor`).
 */

/** The Pulumi CLI's exit codes (`cmdutil` / `cmd.Exit*`). */
export const EXIT = {
  success: 0,
  /** A failed step, a program error, a declined confirmation. */
  error: 1,
  /** Bad flags, config or invocation; `--yes` required but missing. */
  configuration: 2,
  policyViolation: 5,
  stackNotFound: 6,
  /** `--expect-no-changes` and changes were proposed. */
  noChanges: 7,
  /** A user-initiated cancellation (Ctrl-C). */
  cancelled: 8,
} as const;

/** Bad input from the user: flags, project or stack files. The message names the fix. */
export class UsageError extends Error {
  readonly exitCode: number = EXIT.configuration;
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** The stack named (or selected) does not exist, or none is selected (`backenderr.StackNotFoundError`). */
export class StackNotFoundError extends Error {
  readonly exitCode = EXIT.stackNotFound;
  constructor(message: string) {
    super(message);
    this.name = "StackNotFoundError";
  }
}

/** A run with `--expect-no-changes` found changes (`backenderr.NoChangesExpectedError`). */
export class NoChangesExpectedError extends Error {
  readonly exitCode = EXIT.noChanges;
  constructor(operation: string) {
    super(`no changes were expected for ${operation} but changes were proposed`);
    this.name = "NoChangesExpectedError";
  }
}

/** The operation was cancelled by the user (`backenderr.CancelledError`). */
export class CancelledError extends Error {
  readonly exitCode = EXIT.cancelled;
  constructor(operation: string) {
    super(`${operation} cancelled`);
    this.name = "CancelledError";
  }
}

/** The exit code for an error: its own, or 1 (`ExitCodeError`) for anything unclassified. */
export function exitCodeOf(error: unknown): number {
  const code = (error as { exitCode?: unknown } | undefined)?.exitCode;
  return typeof code === "number" ? code : EXIT.error;
}

/** Whether an error is one of this command's own (printed as a plain `error:` line). */
export function isCommandError(error: unknown): boolean {
  return typeof (error as { exitCode?: unknown } | undefined)?.exitCode === "number";
}
