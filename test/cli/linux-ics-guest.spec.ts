import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createPool,
  LINUX_ICS_GUEST_TYPE,
  VIRTUAL_HARD_DISK_TYPE,
  VIRTUAL_MACHINE_TYPE,
  type SessionPool,
} from "../../provider";
import { listVms, TEST_OPERATIONS } from "../pulumi-hosts/vm-support";
import { jsonOf, ROOT, TestProject } from "./support";

const FIXTURE = join(__dirname, "fixtures", "guests");
const PACK = join(ROOT, "policies");

interface ReportedAdapter {
  name: string;
  legacy: boolean;
  switchName?: string;
  vmqWeight: number;
}

/**
 * LinuxIcsGuest components through `pulumi-hyperv` on the simulated host: the policy pack finds
 * nothing to refuse, the simulator holds what the support matrix asked for, and destroy empties it.
 */
describe("components: LinuxIcsGuest through pulumi-hyperv up and destroy on the simulator", function () {
  this.timeout(600_000);
  let project: TestProject;
  let stateDir: string;
  let pool: SessionPool;

  before(() => {
    stateDir = mkdtempSync(join(tmpdir(), "hyperv-sim-"));
    project = new TestProject(FIXTURE, "test", {
      "hyperv:host": "simulator",
      "hyperv:simulatorStateDir": stateDir,
      "guests:packageRoot": ROOT,
      "guests:guests": [
        {
          name: "web01",
          distribution: "sles",
          version: "11",
          memoryMB: 1024,
          processorCount: 4,
          diskSizeGB: 8,
          ntpServers: ["ntp1.example.com", "ntp2.example.com"],
        },
        {
          name: "db01",
          distribution: "centos",
          version: "6.3",
          integrationComponents: "lis-3.5",
          memoryMB: 1024,
          dynamicMemory: { minimumMB: 512, maximumMB: 2048 },
          processorCount: 2,
          diskSizeGB: 8,
        },
        {
          name: "old01",
          distribution: "debian",
          version: "5.0",
          memoryMB: 512,
          diskSizeGB: 4,
          ntpServers: ["10.0.0.1"],
        },
      ],
    });
    pool = createPool({ size: 1, simulatorStateDir: stateDir, scriptDirectories: [TEST_OPERATIONS] });
  });
  after(async () => {
    await pool?.close();
    project?.remove();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it("up with the policy pack: no violation, the lowered wishes as warnings; it creates what the matrix says: synthetic or emulated devices, processors, services, memory", async () => {
    const result = await project.run(["up", "--yes", "--skip-preview", "--json", "--policy-pack", PACK]);
    assert.equal(result.code, 0, result.output);
    const doc = jsonOf(result);
    assert.deepEqual(doc.policyViolations ?? [], []);
    const warnings = ((doc.diagnostics ?? []) as { severity: string; message: string }[])
      .filter((d) => d.severity.startsWith("warning"))
      .map((d) => d.message);
    assert.ok(
      warnings.some((m) =>
        /processorCount: 4 virtual processors were asked, but SLES 11 x64 with Linux Integration Components v2 supports 1/.test(
          m,
        ),
      ),
      warnings.join("\n"),
    );
    assert.ok(
      warnings.some((m) =>
        /memoryMB: CENTOS 6\.3 x64 with Linux Integration Services 3\.5 has memory ballooning but no hot-add/.test(
          m,
        ),
      ),
    );
    const ofType = (type: string, name: string) =>
      project.resources().find((r) => r.type === type && r.urn.endsWith(`::${name}`));
    const vm = (name: string) => ofType(VIRTUAL_MACHINE_TYPE, name)!.outputs as Record<string, unknown>;
    const adapters = (name: string) => vm(name).networkAdapters as ReportedAdapter[];

    assert.equal(vm("web01").processorCount, 1);
    assert.deepEqual(
      adapters("web01").map((a) => [a.legacy, a.switchName, a.vmqWeight]),
      [[false, "lan", 0]],
    );
    assert.equal(vm("web01").automaticStopAction, "Save");
    assert.deepEqual(vm("web01").integrationServices, {
      timeSynchronization: false,
      shutdown: false,
      heartbeat: false,
      keyValuePairExchange: false,
      vss: false,
      guestServiceInterface: false,
    });

    assert.equal(vm("db01").processorCount, 2);
    assert.equal(vm("db01").memoryStartupMB, 2048);
    assert.deepEqual(vm("db01").dynamicMemory, { minimumMB: 512, maximumMB: 2048 });
    assert.equal(vm("db01").automaticStopAction, "ShutDown");

    assert.deepEqual(
      adapters("old01").map((a) => [a.legacy, a.switchName]),
      [[true, "lan"]],
    );
    const listed = await listVms(pool);
    assert.deepEqual(listed.map((v) => `${v.name}:${v.processorCount}:${v.profile}`).sort(), [
      "db01:2:None",
      "old01:1:LinuxIcsV2",
      "web01:1:LinuxIcsV2",
    ]);
    const component = ofType(LINUX_ICS_GUEST_TYPE, "web01");
    assert.ok(component, "the component is in the checkpoint");
    const disk = ofType(VIRTUAL_HARD_DISK_TYPE, "web01-disk")!;
    assert.equal(disk.parent, component!.urn);
    assert.ok(vm("web01").hardDisks, "the VM has its disk");
    assert.deepEqual(
      (vm("web01").hardDisks as { path: string; controllerType: string }[]).map((d) => [
        d.path,
        d.controllerType,
      ]),
      [["C:\\Users\\Public\\Documents\\Hyper-V\\Virtual Hard Disks\\web01.vhd", "IDE"]],
    );
  });

  it("destroy removes every guest, disk and the switch", async () => {
    const result = await project.run(["destroy", "--yes"]);
    assert.equal(result.code, 0, result.output);
    assert.deepEqual(await listVms(pool), []);
  });
});
