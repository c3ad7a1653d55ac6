import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderAuditMarkdown, renderAuditSarif, renderText, type AuditDocument } from "../../cli/audit";
import { runAudit } from "../../cli/commands/audit";
import { UsageError } from "../../cli/errors";
import { resolvePwshPath } from "../../provider/powershell";
import { sarifErrors } from "../unit/report/sarif-schema";
import { BIN, ROOT } from "./support";

const SIMULATOR = join(ROOT, "provider", "simulator", "Hyper-V", "Hyper-V.psd1");

/** Runs the simulator's cmdlets on one simulated host's state, as an operator would out of band. */
function onHost(stateDir: string, script: string): void {
  const r = spawnSync(
    resolvePwshPath(),
    ["-NoProfile", "-NonInteractive", "-Command", `Import-Module $env:SIM_MANIFEST; ${script}`],
    { env: { ...process.env, HYPERV_SIM_STATE_DIR: stateDir, SIM_MANIFEST: SIMULATOR }, encoding: "utf8" },
  );
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
}

describe("pulumi-hyperv audit: every VM of simulated hosts, judged from what they report", function () {
  this.timeout(300_000);
  let dir: string;
  /** The command in this process (the pools and pwsh are real); one test runs the binary. */
  const inProcess = async (...args: string[]) => {
    let stdout = "";
    const code = await runAudit(["-C", dir, ...args], (text) => (stdout += text));
    return { code, stdout };
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), "audit-"));
    const hv01 = join(dir, ".hyperv-sim", "hosts", "hv01");
    mkdirSync(hv01, { recursive: true });
    mkdirSync(join(dir, ".hyperv-sim", "hosts", "hv02"), { recursive: true });
    // A SLES 11 guest on the ICs v2 set up as they support it, and a VM nobody inventoried.
    onHost(
      hv01,
      "$vm = Hyper-V\\New-VM -Name web01 -MemoryStartupBytes 512MB -Generation 1; " +
        "Hyper-V\\Set-VMNetworkAdapter -VM $vm -VmqWeight 0; " +
        "Hyper-V\\Get-VMIntegrationService -VM $vm | Where-Object { $_.Name -in 'Time Synchronization','Shutdown','VSS' } | Hyper-V\\Disable-VMIntegrationService; " +
        "Hyper-V\\New-VM -Name db01 -MemoryStartupBytes 1GB | Out-Null; " +
        // A FreeBSD guest whose KVP daemon reports its identity, and a Linux ICs v2 guest, which has
        // no KVP service: its items never reach the host.
        "Hyper-V\\New-VM -Name bsd01 -MemoryStartupBytes 1GB | Out-Null; " +
        "Hyper-V\\Set-VMSimGuest -VMName bsd01 -Profile Full -KvpIntrinsicItem @{ OSName = 'FreeBSD'; OSMajorVersion = '13.1'; OSBuildNumber = '13.1'; ProcessorArchitecture = 'amd64' }; " +
        "Hyper-V\\Start-VM -Name bsd01; " +
        "Hyper-V\\New-VM -Name ics01 -MemoryStartupBytes 512MB | Out-Null; " +
        "Hyper-V\\Set-VMSimGuest -VMName ics01 -Profile LinuxIcsV2 -KvpIntrinsicItem @{ OSName = 'SLES'; OSMajorVersion = '11.1' }; " +
        "Hyper-V\\Start-VM -Name ics01",
    );
    writeFileSync(
      join(dir, "inventory.yaml"),
      "- name: web01\n  guest: { family: linux, distribution: sles, version: '11', architecture: x64 }\n",
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("lists the uninventoried VM as unjudged, fails only on findings the baseline lacks after an out-of-band change", async () => {
    const inventory = join(dir, "inventory.yaml");
    const first = await inProcess(
      "--host",
      "simulator://hv01",
      "--host",
      "simulator://hv02",
      "--inventory",
      inventory,
      "--json",
    );
    assert.equal(first.code, 0, first.stdout);
    const doc = JSON.parse(first.stdout) as AuditDocument;
    assert.deepEqual(
      doc.hosts.map((h) => [h.host, h.vms]),
      [
        ["simulator://hv01", 4],
        ["simulator://hv02", 0],
      ],
    );
    const db01 = doc.vms.find((v) => v.vmName === "db01")!;
    assert.equal(db01.status, "unjudged");
    assert.match(db01.reason!, /no guest identity: add \{ name: "db01", guest: \{ \.\.\. \} \}/);
    const bsd01 = doc.vms.find((v) => v.vmName === "bsd01")!;
    assert.equal(bsd01.status, "judged", bsd01.reason);
    assert.deepEqual(bsd01.guest, {
      source: "kvp",
      input: {
        family: "freebsd",
        distribution: "freebsd",
        version: "13.1",
        architecture: "x64",
        integrationComponents: "in-kernel",
      },
    });
    const ics01 = doc.vms.find((v) => v.vmName === "ics01")!;
    assert.equal(ics01.status, "unjudged", "a guest without a KVP service reports nothing");
    assert.match(ics01.reason!, /no guest identity: add \{ name: "ics01"/);
    const web01 = doc.vms.find((v) => v.vmName === "web01")!;
    assert.equal(web01.status, "judged");
    assert.deepEqual(
      web01.findings.filter((f) => f.level === "mandatory"),
      [],
      "the ICs v2 limits hold",
    );
    const baseline = join(dir, "baseline.json");
    writeFileSync(baseline, first.stdout);

    onHost(join(dir, ".hyperv-sim", "hosts", "hv01"), "Hyper-V\\Set-VMProcessor -VMName web01 -Count 2");

    const args = ["--host", "simulator://hv01", "--inventory", inventory];
    const second = await inProcess(...args, "--baseline", baseline, "--json");
    assert.equal(second.code, 1, "a new mandatory finding fails the audit");
    const changed = JSON.parse(second.stdout) as AuditDocument;
    const findings = changed.vms.find((v) => v.vmName === "web01")!.findings;
    assert.deepEqual(
      findings.filter((f) => f.new).map((f) => [f.policy, f.level]),
      [["linux-ics-single-vcpu", "mandatory"]],
    );
    assert.ok(findings.length > 1, "the advisory findings the baseline had are there, not new");
    assert.equal(changed.summary.newMandatory, 1);
    assert.match(
      renderText(changed),
      /- \[mandatory\] {2}linux-ics-single-vcpu {2}\(new\)\n {6}processorCount is 2, /,
    );

    const log = renderAuditSarif(changed);
    assert.deepEqual(sarifErrors(log), []);
    type Sarif = {
      results: {
        ruleId: string;
        baselineState?: string;
        locations: { logicalLocations: { fullyQualifiedName: string }[] }[];
      }[];
      invocations: { toolExecutionNotifications: { message: { text: string } }[] }[];
    };
    const run = log.runs[0] as unknown as Sarif;
    const results = run.results;
    const vcpu = results.find((r) => r.ruleId === "linux-ics-single-vcpu")!;
    assert.equal(vcpu.baselineState, "new");
    assert.equal(vcpu.locations[0].logicalLocations[0].fullyQualifiedName, "simulator://hv01/web01");
    const invocation = run.invocations[0];
    assert.match(invocation.toolExecutionNotifications[0].message.text, /hv01\/db01 .*unjudged/);
    assert.match(
      renderAuditMarkdown(changed),
      /\| `linux-ics-single-vcpu` \| mandatory \| processorCount is 2, /,
    );

    // The command itself, with the changed state as its baseline: nothing new, so it passes.
    writeFileSync(baseline, second.stdout);
    const known = spawnSync(process.execPath, [BIN, "audit", "-C", dir, ...args, "--baseline", baseline], {
      encoding: "utf8",
    });
    assert.equal(known.status, 0, `a known finding does not fail: ${known.stdout}${known.stderr}`);
    assert.match(known.stdout, /- \[mandatory\] {2}linux-ics-single-vcpu\n/);
    assert.match(known.stdout, /db01 \([0-9a-f-]+, Off\) {2}unjudged: no guest identity/);
    assert.match(known.stdout, /bsd01 \([0-9a-f-]+, Running\) {2}.*\(guest identity from KVP\)\n/);
    assert.match(known.stdout, /Findings: 1 mandatory \(0 new\), /);
  });

  it("bad input is a usage error naming the file, the entry and the field", async () => {
    const inventory = join(dir, "bad.yaml");
    writeFileSync(
      inventory,
      "- name: web01\n  guest: { family: linux, distribution: sles, version: '11', architecture: sparc }\n",
    );
    await assert.rejects(
      inProcess("--host", "simulator://hv01", "--inventory", inventory),
      (e: Error) =>
        e instanceof UsageError &&
        /--inventory .*bad\.yaml: entry 1 \("web01"\): guest\.architecture must be one of x86, x64/.test(
          e.message,
        ),
    );
    await assert.rejects(inProcess("--inventory", inventory), /audit needs at least one --host/);
    const notAudit = join(dir, "not-audit.json");
    writeFileSync(notAudit, JSON.stringify({ steps: [] }));
    await assert.rejects(
      inProcess("--host", "simulator://hv01", "--baseline", notAudit),
      /--baseline .*not-audit\.json: vms: .*pass the output of pulumi-hyperv audit --json/,
    );
    await assert.rejects(inProcess("--host", "simulator://hv 01"), /--host simulator:\/\/hv 01: /);
  });
});
