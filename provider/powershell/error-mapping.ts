import type { ErrorInfo } from "./envelope";
import {
  HyperVError,
  InvalidArgumentError,
  InvalidStateError,
  NotFoundError,
  PermissionDeniedError,
  TimeoutError,
  TransientError,
  type HyperVErrorDetails,
} from "./errors";

type ErrorClass = new (message: string, details: HyperVErrorDetails) => HyperVError;

/**
 * Error ids that decide the class before the category does. Order matters: the first match wins.
 * Ids are stable across locales, unlike messages.
 */
const ERROR_ID_RULES: ReadonlyArray<{ pattern: RegExp; errorClass: ErrorClass }> = [
  // A missing cmdlet or module is a broken host, not a missing object: never let `read` drop a resource.
  { pattern: /^CommandNotFoundException(,|$)/, errorClass: HyperVError },
  { pattern: /^Modules_ModuleNotFound(,|$)/, errorClass: HyperVError },
  { pattern: /^CouldNotAutoLoadModule(,|$)/, errorClass: HyperVError },
  // The only "the object is gone": a read script looked the object up and found nothing
  // (New-HvNotFoundRecord). Hyper-V reports a missing VM and a bad argument alike, so no cmdlet error is.
  { pattern: /^HvObjectNotFound$/, errorClass: NotFoundError },
  // The prelude's own "no script for this operation".
  { pattern: /^OperationNotFound$/, errorClass: InvalidArgumentError },
];

/**
 * PowerShell ErrorCategory names, grouped by the class they map to. A cmdlet's `ObjectNotFound` names
 * something the call referred to (a VHD to attach, an ISO, a VM by name), so it is an argument error.
 */
const CATEGORY_RULES: Readonly<Record<string, ErrorClass>> = {
  ObjectNotFound: InvalidArgumentError,
  InvalidArgument: InvalidArgumentError,
  InvalidData: InvalidArgumentError,
  InvalidType: InvalidArgumentError,
  SyntaxError: InvalidArgumentError,
  ParserError: InvalidArgumentError,
  MetadataError: InvalidArgumentError,
  InvalidOperation: InvalidStateError,
  ResourceExists: InvalidStateError,
  NotEnabled: InvalidStateError,
  ResourceUnavailable: TransientError,
  ResourceBusy: TransientError,
  ConnectionError: TransientError,
  DeadlockDetected: TransientError,
  OperationTimeout: TimeoutError,
  PermissionDenied: PermissionDeniedError,
  SecurityError: PermissionDeniedError,
  AuthenticationError: PermissionDeniedError,
};

/** Picks the error class for a PowerShell error record, by error id first, then by category. */
export function errorClassFor(info: Pick<ErrorInfo, "category" | "fullyQualifiedErrorId">): ErrorClass {
  const byId = ERROR_ID_RULES.find((rule) => rule.pattern.test(info.fullyQualifiedErrorId));
  if (byId) return byId.errorClass;
  return CATEGORY_RULES[info.category] ?? HyperVError;
}

/** Formats the message shown in `pulumi up`: what failed, PowerShell's own words, and the stable ids. */
export function describeFailure(info: ErrorInfo, host?: string): string {
  const where = host ? ` on host '${host}'` : "";
  const target = info.targetObject ? `; target: ${info.targetObject}` : "";
  const message = info.message.trim() || "no message";
  return `Hyper-V operation '${info.operation}' failed${where}: ${message} (${info.category}: ${info.fullyQualifiedErrorId}${target})`;
}

/** Turns the error part of an envelope (and the warnings written before it) into the matching typed error. */
export function errorFromInfo(info: ErrorInfo, host?: string, warnings: string[] = []): HyperVError {
  const errorClass = errorClassFor(info);
  return new errorClass(describeFailure(info, host), {
    operation: info.operation,
    category: info.category,
    fullyQualifiedErrorId: info.fullyQualifiedErrorId,
    targetObject: info.targetObject,
    exceptionType: info.exceptionType,
    host,
    warnings,
  });
}
