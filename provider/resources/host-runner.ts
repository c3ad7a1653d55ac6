/**
 * How a resource provider runs its operation scripts: the seam between the provider implementations
 * and PowerShell. Production uses each host's session pool; unit tests give a fake host.
 */
import { invoke } from "./host-pools";

/** Runs one operation script (`<operation>.ps1`) with a request on a host and returns its data. */
export interface HostRunner {
  /**
   * @param kind `read` or `write`, which picks the call's time limit.
   * @throws a `HyperVError` subclass decoded from the host's error record (e.g. `NotFoundError`).
   */
  invoke<T>(host: string, operation: string, request: unknown, kind: "read" | "write"): Promise<T>;
}

/** The providers' runner: one session pool per host, shared by the whole process. */
export const pooledRunner: HostRunner = { invoke };
