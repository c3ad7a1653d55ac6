// Per-call time of typical Get/Set cmdlets of the simulated Hyper-V host with 100 VMs in its state,
// measured inside one long-lived pwsh (no process start-up in the numbers). Target: < 20 ms per call.
// Covers the lifecycle cmdlets and the firmware, checkpoint, drive, VHD, switch, host and import ones.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { resolvePwshPath } from "../provider/powershell/pwsh-path";

const VM_COUNT = 100;
const CALLS = 100;
const TARGET_MS = 20;

// Static script: the counts arrive through the environment, never spliced into the source.
const SCRIPT = `
$ErrorActionPreference = 'Stop'
Import-Module Hyper-V
$count = [int]$env:SIM_BENCH_VMS
$calls = [int]$env:SIM_BENCH_CALLS
for ($i = 1; $i -le $count; $i++) { $null = New-VM -Name ('vm-{0:d3}' -f $i) -MemoryStartupBytes 1GB }
$target = Get-VM -Name ('vm-{0:d3}' -f [int]($count / 2))
# A Generation 2 VM with a disk, two checkpoints and an export, for the firmware, checkpoint and import calls.
$g2 = New-VM -Name 'vm-g2' -Generation 2 -NewVHDPath 'C:\\VMs\\vm-g2.vhdx' -NewVHDSizeBytes 1GB
$null = Checkpoint-VM -VM $g2 -SnapshotName 'one'
$null = Checkpoint-VM -VM $g2 -SnapshotName 'two'
Export-VM -VM $g2 -Path 'C:\\Export'
$vmcx = 'C:\\Export\\vm-g2\\Virtual Machines\\' + $g2.Id.ToString().ToUpperInvariant() + '.vmcx'
$null = New-VMSwitch -Name 'bench' -SwitchType Internal
$lock = Join-Path $env:HYPERV_SIM_STATE_DIR 'state.lock'
function Measure-SimCall([string]$Label, [scriptblock]$Call, [scriptblock]$Before = $null) {
    for ($i = 0; $i -lt 5; $i++) { if ($Before) { & $Before }; $null = & $Call }
    $total = 0.0
    for ($i = 0; $i -lt $calls; $i++) {
        if ($Before) { & $Before }
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $null = & $Call
        $total += $watch.Elapsed.TotalMilliseconds
    }
    [pscustomobject]@{ label = $Label; ms = $total / $calls }
}
$results = @(
    Measure-SimCall 'Get-VM -Id' { Get-VM -Id $target.Id }
    Measure-SimCall 'Get-VM -Name' { Get-VM -Name $target.Name }
    Measure-SimCall 'Get-VMProcessor -VMName' { Get-VMProcessor -VMName $target.Name }
    Measure-SimCall 'Get-VMNetworkAdapter -VMName' { Get-VMNetworkAdapter -VMName $target.Name }
    Measure-SimCall 'Set-VM -Notes' { Set-VM -VM $target -Notes 'bench' }
    Measure-SimCall 'Set-VMProcessor -Count' { Set-VMProcessor -VMName $target.Name -Count 2 }
    Measure-SimCall 'Set-VMMemory -StartupBytes' { Set-VMMemory -VMName $target.Name -StartupBytes 2GB }
    Measure-SimCall 'Set-VMNetworkAdapter -VmqWeight' { Set-VMNetworkAdapter -VMName $target.Name -VmqWeight 0 }
    Measure-SimCall 'Get-VM -Id after another process wrote' { Get-VM -Id $target.Id } { [IO.File]::WriteAllText($lock, [Guid]::NewGuid().ToString('N')) }
    Measure-SimCall 'Get-VMFirmware -VMName' { Get-VMFirmware -VMName 'vm-g2' }
    Measure-SimCall 'Set-VMFirmware -EnableSecureBoot' { Set-VMFirmware -VM $g2 -EnableSecureBoot Off }
    Measure-SimCall 'Get-VMSnapshot -VMName' { Get-VMSnapshot -VMName 'vm-g2' }
    Measure-SimCall 'Restore-VMSnapshot -Name' { Restore-VMSnapshot -VM $g2 -Name 'one' -Confirm:$false }
    Measure-SimCall 'Get-VMNetworkAdapter (KVP addresses)' { Get-VMNetworkAdapter -VM $g2 }
    Measure-SimCall 'Set-VMHardDiskDrive -MaximumIOPS' { Set-VMHardDiskDrive -VMName 'vm-g2' -MaximumIOPS 500 }
    Measure-SimCall 'Get-VMIdeController -VMName' { Get-VMIdeController -VMName $target.Name }
    Measure-SimCall 'Test-VHD -Path' { Test-VHD -Path 'C:\\VMs\\vm-g2.vhdx' }
    Measure-SimCall 'Set-VMSwitch -Notes' { Set-VMSwitch -Name 'bench' -Notes 'bench' }
    Measure-SimCall 'Get-VMHost' { Get-VMHost }
    Measure-SimCall 'Compare-VM -Copy -GenerateNewId' { Compare-VM -Path $vmcx -Copy -GenerateNewId }
)
[Console]::Out.WriteLine('SIM-BENCH ' + (ConvertTo-Json -InputObject $results -Compress))
`;

function main(): void {
  const projectRoot = resolve(__dirname, "..");
  const stateDir = mkdtempSync(join(tmpdir(), "hyperv-sim-bench-"));
  try {
    const modules = join(projectRoot, "provider", "simulator");
    const run = spawnSync(resolvePwshPath(), ["-NoProfile", "-NonInteractive", "-Command", SCRIPT], {
      encoding: "utf8",
      env: {
        ...process.env,
        TERM: "dumb",
        PSModulePath: process.env.PSModulePath
          ? `${modules}${delimiter}${process.env.PSModulePath}`
          : modules,
        HYPERV_SIM_STATE_DIR: stateDir,
        SIM_BENCH_VMS: String(VM_COUNT),
        SIM_BENCH_CALLS: String(CALLS),
      },
      maxBuffer: 16 * 1024 * 1024,
    });
    const line = /^SIM-BENCH (.*)$/m.exec(run.stdout ?? "");
    if (run.status !== 0 || !line) {
      console.error(`simulator bench failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
      process.exit(1);
    }
    const results = JSON.parse(line[1]) as { label: string; ms: number }[];
    console.log(`simulated Hyper-V host, ${VM_COUNT} VMs in the state, ${CALLS} calls each:`);
    for (const { label, ms } of results) {
      const verdict = ms < TARGET_MS ? "ok" : "over target";
      console.log(`  ${label.padEnd(42)} ${ms.toFixed(2).padStart(7)} ms per call (${verdict})`);
    }
    const worst = Math.max(...results.map((r) => r.ms));
    console.log(`worst/target ratio: ${(worst / TARGET_MS).toFixed(2)} (target: < ${TARGET_MS} ms per call)`);
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
}

main();
