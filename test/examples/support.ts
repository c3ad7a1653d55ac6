/**
 * Runs an example stack (`examples/<name>/`) the way a user who installed the package would: a copy
 * of the example in a temporary project whose `node_modules/pulumi-hyperv` is this repository, driven
 * by the real `pulumi-hyperv` command against simulated hosts whose state lives in the temporary
 * directory; and reads what the simulated hosts hold afterwards.
 */
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { parse, stringify } from "yaml";

export const ROOT = join(__dirname, "..", "..");
export const BIN = join(ROOT, "bin", "pulumi-hyperv.js");
export const EXAMPLES = join(ROOT, "examples");
export const POLICY_PACK = join(ROOT, "policies");
const SIMULATOR_MODULE = join(ROOT, "provider", "simulator", "Hyper-V");

/** What a finished `pulumi-hyperv` run printed and returned. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout + stderr */
  output: string;
}

/** What one simulated host holds. */
export interface SimulatorContents {
  vms: string[];
  switches: string[];
  /** Files under the host's simulated disks, relative to its `disks` directory. */
  diskFiles: string[];
}

/** A VM on a simulated host, as the simulator's own cmdlets report it. */
export interface SimulatedVm {
  name: string;
  id: string;
  generation: number;
  processorCount: number;
  memoryStartupMB: number;
  /** `Running`, `Off`, ... */
  state: string;
  automaticStopAction: string;
  networkAdapters: {
    name: string;
    isLegacy: boolean;
    switchName: string | null;
    macAddress: string;
    vmqWeight: number;
  }[];
  hardDisks: { controllerType: string; controllerNumber: number; controllerLocation: number; path: string }[];
  /** Each integration service's name (`Time Synchronization`, ...) and whether it is enabled. */
  integrationServices: Record<string, boolean>;
}

/** A virtual switch on a simulated host. */
export interface SimulatedSwitch {
  name: string;
  /** `Private`, `Internal` or `External`. */
  switchType: string;
}

/** Files a run leaves in a project that are not part of the example. */
const RUN_ARTIFACTS = new Set([".pulumi-hyperv", ".hyperv-sim", "node_modules"]);

/**
 * A temporary copy of an example: `<work>/project` holds the example, `<work>/node_modules` is the
 * repository's, `<work>/project/node_modules/pulumi-hyperv` is the repository itself (with a
 * `package.json` depending on it, as in a user's project), and the stack
 * file is the example's own with `hyperv:simulatorStateDir` pointed at `<work>/simulator`.
 */
export class ExampleProject {
  readonly work: string;
  readonly dir: string;
  /** The state directory of the stack's default simulated host. */
  readonly simulatorStateDir: string;

  /**
   * @param example the folder name under `examples/`
   * @param stack the stack whose `Pulumi.<stack>.yaml` the example ships
   * @param config stack config set on top of the example's own (for tests only)
   */
  constructor(
    readonly example: string,
    readonly stack: string,
    config: Record<string, unknown> = {},
  ) {
    this.work = mkdtempSync(join(tmpdir(), `pulumi-hyperv-${example}-`));
    this.dir = join(this.work, "project");
    this.simulatorStateDir = join(this.work, "simulator");
    mkdirSync(this.simulatorStateDir);
    cpSync(join(EXAMPLES, example), this.dir, {
      recursive: true,
      filter: (source) => !RUN_ARTIFACTS.has(basename(source)),
    });
    symlinkSync(join(ROOT, "node_modules"), join(this.work, "node_modules"), "dir");
    // What a user's project has: a package.json naming the package, and the package installed.
    writeFileSync(
      join(this.dir, "package.json"),
      JSON.stringify({ name: `example-${example}`, private: true, dependencies: { "pulumi-hyperv": "*" } }),
    );
    mkdirSync(join(this.dir, "node_modules"));
    symlinkSync(ROOT, join(this.dir, "node_modules", "pulumi-hyperv"), "dir");
    this.setConfig({ "hyperv:simulatorStateDir": this.simulatorStateDir, ...config });
  }

  /** The stack file's `config` block as the example ships it, plus whatever tests set. */
  stackConfig(): Record<string, unknown> {
    const file = join(this.dir, `Pulumi.${this.stack}.yaml`);
    const doc = (parse(readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
    return doc.config ?? {};
  }

  /** Sets stack config values (YAML values, so lists and objects too) in `Pulumi.<stack>.yaml`. */
  setConfig(values: Record<string, unknown>): void {
    const file = join(this.dir, `Pulumi.${this.stack}.yaml`);
    const doc = (parse(readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
    doc.config = { ...(doc.config ?? {}), ...values };
    writeFileSync(file, stringify(doc));
  }

  /** Runs `pulumi-hyperv <args> -C <project> -s <stack>` to completion. */
  run(args: string[], env: Record<string, string> = {}): Promise<RunResult> {
    const environment: NodeJS.ProcessEnv = { ...process.env, ...env };
    if (env.PULUMI_CONFIG_PASSPHRASE === undefined) delete environment.PULUMI_CONFIG_PASSPHRASE;
    delete environment.PULUMI_CONFIG_PASSPHRASE_FILE;
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args, "-C", this.dir, "-s", this.stack], {
        cwd: this.dir,
        env: environment,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.once("close", (code, signal) =>
        resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, output: stdout + stderr }),
      );
    });
  }

  /** The stack's outputs after a deployment (`pulumi-hyperv stack output --json`). */
  async outputs(): Promise<Record<string, unknown>> {
    const result = await this.run(["stack", "output", "--json"]);
    if (result.code !== 0) throw new Error(`stack output failed:\n${result.output}`);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  }

  remove(): void {
    rmSync(this.work, { recursive: true, force: true });
  }
}

/** The JSON document a `--json` run printed on stdout. */
export function jsonOf(result: RunResult): Record<string, unknown> {
  const start = result.stdout.indexOf("{");
  if (start < 0) throw new Error(`no JSON on stdout:\n${result.output}`);
  return JSON.parse(result.stdout.slice(start)) as Record<string, unknown>;
}

/** Runs `script` in PowerShell 7 with the simulator imported on the host whose state is in `stateDir`. */
function onSimulator(stateDir: string, script: string): string {
  const pwsh = process.env.HYPERV_PWSH;
  if (!pwsh) throw new Error("HYPERV_PWSH must name PowerShell 7 (npm test sets it; see README)");
  return execFileSync(
    pwsh,
    [
      "-NoProfile",
      "-NonInteractive",
      "-Command",
      `$ErrorActionPreference = 'Stop'; Import-Module $env:SIM_MODULE; ${script}`,
    ],
    {
      env: { ...process.env, SIM_MODULE: SIMULATOR_MODULE, HYPERV_SIM_STATE_DIR: stateDir },
      encoding: "utf8",
    },
  );
}

/**
 * The VMs on the simulated host whose state is in `stateDir`, sorted by name, with their processors,
 * memory, adapters, disks and integration services as `Get-VM`, `Get-VMNetworkAdapter`,
 * `Get-VMHardDiskDrive` and `Get-VMIntegrationService` report them.
 */
export function simulatorVms(stateDir: string): SimulatedVm[] {
  const script = [
    "$vms = @(Get-VM | Sort-Object Name | ForEach-Object {",
    "  $vm = $_; $services = @{}",
    "  Get-VMIntegrationService -VM $vm | ForEach-Object { $services[$_.Name] = [bool]$_.Enabled }",
    "  @{ name = $vm.Name; id = [string]$vm.Id; generation = $vm.Generation; processorCount = $vm.ProcessorCount;",
    "     memoryStartupMB = [long]($vm.MemoryStartup / 1MB); state = [string]$vm.State;",
    "     automaticStopAction = [string]$vm.AutomaticStopAction;",
    "     networkAdapters = @(Get-VMNetworkAdapter -VM $vm | ForEach-Object { @{ name = $_.Name;",
    "       isLegacy = [bool]$_.IsLegacy; switchName = $_.SwitchName; macAddress = $_.MacAddress;",
    "       vmqWeight = $_.VmqWeight } });",
    "     hardDisks = @(Get-VMHardDiskDrive -VM $vm | ForEach-Object { @{",
    "       controllerType = [string]$_.ControllerType; controllerNumber = $_.ControllerNumber;",
    "       controllerLocation = $_.ControllerLocation; path = $_.Path } });",
    "     integrationServices = $services } })",
    "ConvertTo-Json -Compress -Depth 5 -InputObject $vms",
  ].join("\n");
  return JSON.parse(onSimulator(stateDir, script)) as SimulatedVm[];
}

/** The virtual switches on the simulated host whose state is in `stateDir`, sorted by name. */
export function simulatorSwitches(stateDir: string): SimulatedSwitch[] {
  const script =
    "ConvertTo-Json -Compress -InputObject @(Get-VMSwitch | Sort-Object Name | ForEach-Object { " +
    "@{ name = $_.Name; switchType = [string]$_.SwitchType } })";
  return JSON.parse(onSimulator(stateDir, script)) as SimulatedSwitch[];
}

/**
 * What the simulated host whose state is in `stateDir` holds, read with the simulator's own cmdlets
 * (`Get-VM`, `Get-VMSwitch`) and the files behind its virtual disks.
 */
export function simulatorContents(stateDir: string): SimulatorContents {
  return simulatorContentsOf([stateDir])[0];
}

/**
 * What each simulated host holds (one per state directory, in order), read in one PowerShell
 * process: a fleet's hosts cost one start of pwsh, not one each.
 */
export function simulatorContentsOf(stateDirs: string[]): SimulatorContents[] {
  const pwsh = process.env.HYPERV_PWSH;
  if (!pwsh) throw new Error("HYPERV_PWSH must name PowerShell 7 (npm test sets it; see README)");
  const script = [
    "$ErrorActionPreference = 'Stop'",
    "Import-Module $env:SIM_MODULE",
    "$hosts = foreach ($dir in @(ConvertFrom-Json $env:SIM_STATE_DIRS)) { " +
      "$env:HYPERV_SIM_STATE_DIR = $dir; " +
      "$disks = Join-Path $dir 'disks'; " +
      "$files = @(if (Test-Path $disks) { Get-ChildItem -LiteralPath $disks -Recurse -File | " +
      "ForEach-Object { [IO.Path]::GetRelativePath($disks, $_.FullName) } }); " +
      "@{ vms = @(Get-VM | ForEach-Object Name); switches = @(Get-VMSwitch | ForEach-Object Name); diskFiles = $files } }",
    "ConvertTo-Json -Compress -Depth 3 -InputObject @($hosts)",
  ].join("; ");
  const out = execFileSync(pwsh, ["-NoProfile", "-NonInteractive", "-Command", script], {
    env: { ...process.env, SIM_MODULE: SIMULATOR_MODULE, SIM_STATE_DIRS: JSON.stringify(stateDirs) },
    encoding: "utf8",
  });
  return (JSON.parse(out) as SimulatorContents[]).map((parsed) => ({
    vms: [...parsed.vms].sort(),
    switches: [...parsed.switches].sort(),
    diskFiles: [...parsed.diskFiles].sort(),
  }));
}
