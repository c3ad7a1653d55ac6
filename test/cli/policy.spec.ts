import { strict as assert } from "node:assert";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { compliantLinuxInput, specOf, withChange } from "../unit/policies/fixtures";
import { ROOT, TestProject } from "./support";

const PACK = join(ROOT, "policies");
const VM_FIXTURE = join(__dirname, "fixtures", "vm");
/** A SLES 11 guest on the Linux ICs v2 with two virtual processors: the ICs v2 support one. */
const twoProcessors = specOf(
  withChange(compliantLinuxInput("linux-ics-v2"), (vm) => (vm.processorCount = 2)),
);

describe("pulumi-hyperv: the policy pack through the command (--policy-pack, --policy-pack-config)", function () {
  this.timeout(300000);
  let project: TestProject;
  const packConfig = (name: string, content: unknown) => {
    const file = join(project.dir, name);
    writeFileSync(file, JSON.stringify(content));
    return file;
  };

  beforeEach(() => {
    project = new TestProject(VM_FIXTURE, "test", { "vms:spec": twoProcessors });
  });
  afterEach(() => project?.remove());

  it("a mandatory violation stops up with the CLI's wording, and nothing is created", async () => {
    const result = await project.run(["up", "--yes", "--policy-pack", PACK]);
    assert.equal(result.code, 1, result.output);
    assert.match(
      result.stdout,
      /- \[mandatory\] {2}linux-ics-single-vcpu {2}\(pulumi-nodejs:dynamic\/hyperv:VirtualMachine: web01\)/,
    );
    assert.match(result.stdout, /❌ hyperv-linux-ics@v0\.1\.0/);
    assert.doesNotMatch(result.stdout, /Updating \(test\)/, "the update does not start");
    assert.throws(() => project.checkpoint(), /ENOENT/, "no checkpoint: nothing was created");
  });

  it("remediate fixes the resource and it deploys with the fixed value", async () => {
    const config = join(PACK, "config", "remediate.json");
    const result = await project.run([
      "up",
      "--yes",
      "--skip-preview",
      "--policy-pack",
      PACK,
      "--policy-pack-config",
      config,
    ]);
    assert.equal(result.code, 0, result.output);
    assert.equal(project.resource("web01")!.inputs!.processorCount, 1);
    assert.equal(project.resource("web01")!.outputs!.processorCount, 1);
  });

  it("an advisory level from --policy-pack-config only warns", async () => {
    const config = packConfig("advisory.json", { "linux-ics-single-vcpu": "advisory" });
    const result = await project.run([
      "up",
      "--yes",
      "--skip-preview",
      "--policy-pack",
      PACK,
      "--policy-pack-config",
      config,
    ]);
    assert.equal(result.code, 0, result.output);
    assert.match(result.stdout, /- \[advisory\] {2}linux-ics-single-vcpu/);
    assert.equal(project.resource("web01")!.outputs!.processorCount, 2);
  });

  it("a pack config that fails the policy's schema is refused, naming the policy and the setting", async () => {
    const config = packConfig("bad.json", { "linux-ics-ntp-required": { minServers: 0 } });
    const result = await project.run(["preview", "--policy-pack", PACK, "--policy-pack-config", config]);
    assert.equal(result.code, 2, result.output);
    assert.match(
      result.stderr,
      /validating policy config: hyperv-linux-ics 0\.1\.0 {2}linux-ics-ntp-required: minServers/,
    );
  });
});
