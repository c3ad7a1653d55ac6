/**
 * The PowerShell runtime: a pool of pwsh sessions that run static operation scripts with a JSON payload
 * and return one JSON envelope per call, with typed errors.
 */
export { createPool, SessionPool } from "./pool";
export type { InvocationOutcome, InvokeOptions, PoolStats } from "./pool";
export {
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_POOL_SIZE,
  DEFAULT_READ_TIMEOUT_MS,
  DEFAULT_START_TIMEOUT_MS,
  DEFAULT_WRITE_TIMEOUT_MS,
} from "./options";
export type { PoolOptions } from "./options";
export { DEFAULT_CONNECT_TIMEOUT_MS } from "./connection";
export type { ConnectionOptions } from "./connection";
export { checkHost, HOST_CHECKS } from "./diagnostics";
export type { HostCheck, HostCheckResult } from "./diagnostics";
export {
  HyperVError,
  InvalidArgumentError,
  InvalidStateError,
  NotFoundError,
  PermissionDeniedError,
  PowerShellNotInstalledError,
  ProtocolError,
  TimeoutError,
  TransientError,
} from "./errors";
export type { HyperVErrorDetails } from "./errors";
export { defaultSimulatorStateDir, hostLabel, parseHost } from "./hosts";
export type { HostDescription, HostSpec, LocalHost, SimulatorHost, SshHost, WinRmHost } from "./hosts";
export { OPERATION_NAME_PATTERN } from "./command-line";
export { BUILTIN_SCRIPTS_DIR } from "./paths";
export { resolvePwshPath } from "./pwsh-path";
