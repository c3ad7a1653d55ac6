import { randomBytes } from "node:crypto";
import { InvalidArgumentError } from "./errors";

/** Operation names: lower-case words joined by dashes, e.g. `vm-create`. Each names a script `<name>.ps1`. */
export const OPERATION_NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** A fresh per-call nonce: 32 lower-case hex digits. */
export function newNonce(): string {
  return randomBytes(16).toString("hex");
}

/** Base64 of the payload's UTF-8 JSON (`undefined` travels as JSON `null`). */
export function encodePayload(payload: unknown): string {
  const json = JSON.stringify(payload === undefined ? null : payload);
  if (json === undefined) throw new InvalidArgumentError("payload: cannot be represented as JSON.");
  return Buffer.from(json, "utf8").toString("base64");
}

/** Throws unless `operation` is a valid operation name. */
export function assertOperationName(operation: string): void {
  if (typeof operation !== "string" || !OPERATION_NAME_PATTERN.test(operation)) {
    throw new InvalidArgumentError(
      `operation: '${String(operation)}' is not a valid operation name; use lower-case words joined by dashes, e.g. 'vm-create'.`,
    );
  }
}

const SAFE_LINE = /^[\x20-\x7e]*$/;

function assertSafeLine(line: string): string {
  // Defence in depth: every piece is validated already, but a line break would desynchronize the session.
  if (!SAFE_LINE.test(line))
    throw new Error("internal error: a PowerShell command line must be one line of ASCII");
  return line;
}

/**
 * The one line sent to a session for a call. Only validated, quote-free pieces are put in it: the operation
 * name (checked against {@link OPERATION_NAME_PATTERN}), base64 and a hex nonce.
 */
export function operationCommandLine(operation: string, payloadBase64: string, nonce: string): string {
  assertOperationName(operation);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(payloadBase64)) throw new Error("internal error: payload is not base64");
  if (!/^[0-9a-f]{32}$/.test(nonce)) throw new Error("internal error: invalid nonce");
  return assertSafeLine(
    `Invoke-HvOperation -Operation '${operation}' -Payload '${payloadBase64}' -Nonce '${nonce}'`,
  );
}

/**
 * The one line that starts a session: loads the prelude named by the HYPERV_PS_PRELUDE environment
 * variable (so no path is ever put into command text) and initializes the session.
 */
export function initializeCommandLine(nonce: string): string {
  if (!/^[0-9a-f]{32}$/.test(nonce)) throw new Error("internal error: invalid nonce");
  return assertSafeLine(
    `Import-Module -Name $env:HYPERV_PS_PRELUDE -Force -DisableNameChecking; Initialize-HvSession -Nonce '${nonce}'`,
  );
}
