import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  HyperVError,
  InvalidArgumentError,
  PermissionDeniedError,
  PowerShellNotInstalledError,
  TimeoutError,
  TransientError,
} from "./errors";
import { hostLabel } from "./hosts";
import type { PoolOptions } from "./options";
import { withoutPassphrase } from "./passphrase-environment";
import { createPool } from "./pool";
import { resolvePwshPath } from "./pwsh-path";

/** One line of a host check: what was checked, whether it passed, what was found and what to fix. */
export interface HostCheck {
  name: string;
  status: "pass" | "fail" | "skipped";
  detail: string;
  /** What to do about a failure (or a warning on a pass). */
  fix?: string;
}

/** The outcome of {@link checkHost}. */
export interface HostCheckResult {
  host: string;
  ok: boolean;
  checks: HostCheck[];
}

/** What `host-check.ps1` reports. */
interface HostFacts {
  psVersion: string;
  psEdition: string;
  computerName: string;
  onWindows: boolean;
  module: { version: string; path: string; simulated: boolean } | null;
  rights: { user: string; administrator: boolean; hyperVAdministrator: boolean } | null;
  vmPath: string | null;
  vhdPath: string | null;
  switches: Array<{ name: string; switchType: string }>;
  vmCount: number | null;
  hostError: { message: string; category: string; fullyQualifiedErrorId: string } | null;
}

/** The names of the checks, in the order they run. */
export const HOST_CHECKS = [
  "PowerShell",
  "host reachable",
  "Hyper-V module",
  "rights",
  "switch and VM path",
  "read-only round trip",
] as const;

const MINIMUM_PWSH = [7, 3];

function localPowerShell(pwshPath: string): HostCheck {
  const run = spawnSync(
    pwshPath,
    ["-NoProfile", "-NonInteractive", "-Command", "$PSVersionTable.PSVersion.ToString()"],
    {
      encoding: "utf8",
      timeout: 60_000,
      env: withoutPassphrase(process.env),
    },
  );
  const version = run.status === 0 ? run.stdout.trim() : "";
  const fix =
    "Install PowerShell 7.3 or later (https://learn.microsoft.com/powershell/scripting/install/installing-powershell) " +
    "or set HYPERV_PWSH to the full path of pwsh.";
  if (!version) {
    return {
      name: "PowerShell",
      status: "fail",
      detail: `'${pwshPath}' did not start (${run.error?.message ?? run.stderr.trim()})`,
      fix,
    };
  }
  const [major, minor] = version.split(".").map(Number);
  const recent = major > MINIMUM_PWSH[0] || (major === MINIMUM_PWSH[0] && minor >= MINIMUM_PWSH[1]);
  return recent
    ? { name: "PowerShell", status: "pass", detail: `pwsh ${version} at ${pwshPath}` }
    : { name: "PowerShell", status: "fail", detail: `pwsh ${version} at ${pwshPath} is older than 7.3`, fix };
}

/** What to do about an error that kept the host from answering, by its class. */
function fixFor(error: unknown): string {
  if (error instanceof InvalidArgumentError)
    return "Fix the setting the message names (stack config hyperv:*).";
  if (error instanceof PermissionDeniedError) return "Fix the login or the host key as the message says.";
  if (error instanceof TransientError)
    return "Check that the host is up and reachable on that port, then check again.";
  if (error instanceof TimeoutError) {
    return "The host did not answer in time: check that it is not overloaded or hung, or raise hyperv:connectTimeoutSeconds.";
  }
  if (error instanceof PowerShellNotInstalledError) return "Install PowerShell 7 or set HYPERV_PWSH.";
  return "See the message.";
}

function skipped(names: readonly string[], why: string): HostCheck[] {
  return names.map((name) => ({ name, status: "skipped", detail: why }));
}

function moduleCheck(facts: HostFacts): HostCheck {
  if (!facts.module) {
    return {
      name: "Hyper-V module",
      status: "fail",
      detail: `no Hyper-V PowerShell module on ${facts.computerName}`,
      fix:
        "Install it on the host: Install-WindowsFeature Hyper-V-PowerShell (Windows Server) or " +
        "Enable-WindowsOptionalFeature -Online -FeatureName Microsoft-Hyper-V-Management-PowerShell (Windows client).",
    };
  }
  const kind = facts.module.simulated ? "the simulated host" : "Hyper-V";
  return {
    name: "Hyper-V module",
    status: "pass",
    detail: `${kind}, module ${facts.module.version} (${facts.module.path}), PowerShell ${facts.psVersion} ${facts.psEdition} on ${facts.computerName}`,
  };
}

function rightsCheck(facts: HostFacts): HostCheck {
  const denied =
    facts.hostError && /PermissionDenied|SecurityError|AuthenticationError/.test(facts.hostError.category);
  const fix = (user: string) =>
    `Add ${user} to Hyper-V Administrators on the host (Add-LocalGroupMember -Group 'Hyper-V Administrators' -Member '${user}'), then log in again.`;
  if (!facts.rights) {
    if (denied) {
      return { name: "rights", status: "fail", detail: facts.hostError!.message, fix: fix("the account") };
    }
    return {
      name: "rights",
      status: "pass",
      detail: "not applicable: the host is not Windows (simulated host)",
    };
  }
  const { user, administrator, hyperVAdministrator } = facts.rights;
  if ((administrator || hyperVAdministrator) && !denied) {
    const role = administrator ? "an administrator" : "in Hyper-V Administrators";
    return { name: "rights", status: "pass", detail: `${user} is ${role}` };
  }
  return {
    name: "rights",
    status: "fail",
    detail: `${user} is neither an administrator nor in Hyper-V Administrators${denied ? ` (${facts.hostError!.message})` : ""}`,
    fix: fix(user),
  };
}

function switchAndPathCheck(facts: HostFacts): HostCheck {
  if (facts.hostError) {
    return {
      name: "switch and VM path",
      status: "fail",
      detail: `Hyper-V did not answer: ${facts.hostError.message} (${facts.hostError.category}: ${facts.hostError.fullyQualifiedErrorId})`,
      fix: "Check that the Hyper-V role is installed and the Virtual Machine Management service (vmms) runs.",
    };
  }
  if (!facts.vmPath) {
    return {
      name: "switch and VM path",
      status: "fail",
      detail: "the host has no default virtual machine path",
      fix: "Set one: Set-VMHost -VirtualMachinePath <dir> -VirtualHardDiskPath <dir>.",
    };
  }
  const names = facts.switches.map((s) => `${s.name} (${s.switchType})`).join(", ");
  const paths = `VM path ${facts.vmPath}, disk path ${facts.vhdPath ?? "none"}`;
  if (facts.switches.length === 0) {
    return {
      name: "switch and VM path",
      status: "pass",
      detail: `${paths}; no virtual switch yet`,
      fix: "Network adapters need a switch: create one (a VirtualSwitch resource, or New-VMSwitch).",
    };
  }
  return { name: "switch and VM path", status: "pass", detail: `${paths}; switches: ${names}` };
}

/**
 * Checks, in order, what operations on a host need: the local PowerShell, reaching the host, the Hyper-V
 * module there (or the simulator), the account's rights, the host's switches and VM path, and the round
 * trip of one read-only operation. A check that cannot run because an earlier one failed is `skipped`.
 * Read-only: nothing on the host changes.
 *
 * @param options the pool options of the host (host, connection, simulator state directory...).
 */
export async function checkHost(options: PoolOptions): Promise<HostCheckResult> {
  const pwshPath = options.pwshPath ?? resolvePwshPath();
  const checks: HostCheck[] = [localPowerShell(pwshPath)];
  let label = typeof options.host === "string" ? options.host : "simulator";
  if (checks[0].status === "fail") {
    checks.push(...skipped(HOST_CHECKS.slice(1), "needs PowerShell"));
    return { host: label, ok: false, checks };
  }
  let pool;
  // A simulated host comes into being with its state directory: one that has none yet is checked
  // as an empty host in a scratch directory, so that checking it does not create it.
  let scratch: string | undefined;
  let missingState: string | undefined;
  try {
    pool = createPool({ ...options, pwshPath, size: 1 });
    label = hostLabel(pool.host);
    if (pool.host.kind === "simulator" && !existsSync(pool.host.stateDir)) {
      missingState = pool.host.stateDir;
      await pool.close();
      scratch = mkdtempSync(join(tmpdir(), "pulumi-hyperv-doctor-"));
      pool = createPool({ ...options, pwshPath, size: 1, simulatorStateDir: scratch });
    }
  } catch (error) {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    checks.push({
      name: "host reachable",
      status: "fail",
      detail: (error as Error).message,
      fix: fixFor(error),
    });
    checks.push(...skipped(HOST_CHECKS.slice(2), "needs the host"));
    return { host: label, ok: false, checks };
  }
  try {
    let facts: HostFacts;
    try {
      facts = await pool.invoke<HostFacts>("host-check", {}, { kind: "read" });
    } catch (error) {
      const detail = error instanceof HyperVError ? error.message : String(error);
      checks.push({ name: "host reachable", status: "fail", detail, fix: fixFor(error) });
      checks.push(...skipped(HOST_CHECKS.slice(2), "needs the host"));
      return { host: label, ok: false, checks };
    }
    const where =
      pool.host.kind === "ssh" || pool.host.kind === "winrm"
        ? `logged in to ${label}`
        : `runs on this machine (${label})`;
    const absent = missingState
      ? `; the simulated host does not exist yet (no state in ${missingState}): checked as an empty host, the first deployment creates it`
      : "";
    checks.push({ name: "host reachable", status: "pass", detail: where + absent });
    const module = moduleCheck(facts);
    checks.push(module);
    if (module.status === "fail") {
      checks.push(...skipped(HOST_CHECKS.slice(3), "needs the Hyper-V module"));
      return { host: label, ok: false, checks };
    }
    checks.push(rightsCheck(facts), switchAndPathCheck(facts));
    const started = process.hrtime.bigint();
    try {
      const listed = await pool.invoke<{ vmCount: number }>(
        "host-check",
        { vmsOnly: true },
        { kind: "read" },
      );
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      checks.push({
        name: "read-only round trip",
        status: "pass",
        detail: `listed ${listed.vmCount} VM(s) in ${ms.toFixed(0)} ms`,
      });
    } catch (error) {
      checks.push({
        name: "read-only round trip",
        status: "fail",
        detail: (error as Error).message,
        fix: fixFor(error),
      });
    }
    return { host: label, ok: checks.every((check) => check.status === "pass"), checks };
  } finally {
    await pool.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}
