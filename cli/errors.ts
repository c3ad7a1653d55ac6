/** Errors the command reports as a plain `error:` line (no stack trace). */

/** Bad input from the user: flags, project or stack files. The message names the fix. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
