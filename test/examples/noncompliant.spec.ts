import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ExampleProject, jsonOf, POLICY_PACK, simulatorContents, type RunResult } from "./support";

const VM = "urn:pulumi:dev::hyperv-noncompliant::pulumi-nodejs:dynamic/hyperv:VirtualMachine::";

/** Every finding the example is built to produce: (policy, level, resource). */
const FINDINGS = [
  ["linux-ics-emulated-devices-only", "mandatory", `${VM}unsupported-distro`],
  ["linux-ics-host-time-sync-unavailable", "advisory", `${VM}host-time-sync`],
  ["linux-ics-ntp-required", "mandatory", `${VM}host-time-sync`],
  ["linux-ics-single-vcpu", "mandatory", `${VM}smp-guest`],
];

interface Violation {
  policyPack: string;
  policyName: string;
  enforcementLevel: string;
  urn?: string;
  message: string;
}

/** The (policy, level, resource) findings of a `--json` run, sorted. */
function findingsOf(result: RunResult): string[][] {
  const violations = (jsonOf(result).policyViolations ?? []) as Violation[];
  for (const v of violations) {
    assert.equal(v.policyPack, "hyperv-linux-ics");
    assert.match(v.message, /Fix: /, "each finding says how to fix it");
  }
  return violations.map((v) => [v.policyName, v.enforcementLevel, v.urn ?? "(stack)"]).sort();
}

describe("examples/noncompliant: the policy pack refuses every broken rule, and nothing is created", function () {
  this.timeout(240_000);
  let project: ExampleProject;
  const checkpoint = () => join(project.dir, ".pulumi-hyperv", "stacks", "dev.json");
  const nothingOnTheHost = () =>
    assert.deepEqual(simulatorContents(project.simulatorStateDir), { vms: [], switches: [], diskFiles: [] });

  before(() => (project = new ExampleProject("noncompliant", "dev")));
  after(() => project?.remove());

  // The preview's findings are those of README.md's tour (test/readme/commands.spec.ts runs it).
  // Without its preview, up judges each VM as the program registers it: the check that stops a
  // pipeline running `up --skip-preview`, and the one a preview with unknown values defers to.
  it("up fails with the same findings as each VM is registered: the checkpoint holds only the stack", async () => {
    const up = await project.run(["up", "--yes", "--skip-preview", "--json", "--policy-pack", POLICY_PACK]);
    assert.equal(up.code, 1, up.output);
    assert.deepEqual(findingsOf(up), FINDINGS);
    nothingOnTheHost();
    const { deployment } = JSON.parse(readFileSync(checkpoint(), "utf8")) as {
      deployment: { resources?: { type: string }[] };
    };
    assert.deepEqual(
      (deployment.resources ?? []).map((r) => r.type).sort(),
      ["pulumi:providers:pulumi-nodejs", "pulumi:pulumi:Stack"],
      "the stack and its default provider only: no VM",
    );
  });
});
