import { strict as assert } from "node:assert";
import { Writable } from "node:stream";
import type { PolicyViolation } from "../../../cli/engine/policy-pack";
import { ProgressDisplay } from "../../../cli/output/progress";

const VM = "urn:pulumi:dev::lab::pulumi-nodejs:dynamic/hyperv:VirtualMachine::";
const PACK = { name: "hyperv-linux-ics", version: "0.1.0", path: "./policies" };

/** What the display writes for a pass with these findings, ended with an empty summary. */
function policiesSection(violations: PolicyViolation[]): string {
  let text = "";
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  const display = new ProgressDisplay(out as NodeJS.WriteStream, false);
  display.begin("Previewing update (dev):", true);
  display.policyPackLoaded(PACK);
  for (const v of violations) display.policyViolation(v);
  display.end({}, 1000);
  return text.slice(text.indexOf("Policies:"), text.indexOf("Resources:")).trimEnd();
}

function finding(policyName: string, name: string, extra: Partial<PolicyViolation> = {}): PolicyViolation {
  return {
    policyPack: PACK.name,
    policyPackVersion: PACK.version,
    policyName,
    description: `What ${policyName} checks.`,
    message: `What ${policyName} checks.\nWhat is wrong with ${name}. Fix: the fix.`,
    enforcementLevel: "mandatory",
    urn: `${VM}${name}`,
    ...extra,
  };
}

// The Policies section of Pulumi's own display (pkg/backend/display/progress.go, printPolicies):
// the pack with ❌, ⚠️ or ✅, then each finding as `- [level]  policy  (type: name)`.
describe("the command's display: the Policies section", () => {
  it("a waived finding shows as [waived], under its resource, with the waiver in its message", () => {
    const waived = finding("linux-ics-single-vcpu", "web01", {
      enforcementLevel: "advisory",
      message:
        "What linux-ics-single-vcpu checks.\nprocessorCount is 2. Fix: set processorCount: 1.\nWaived until 2999-12-31 (owner: ops-team): load test",
      waiver: { owner: "ops-team", reason: "load test", expires: "2999-12-31" },
    });
    assert.equal(
      policiesSection([waived]),
      [
        "Policies:",
        "    ⚠️ hyperv-linux-ics@v0.1.0 (local: ./policies)",
        "        - [waived]  linux-ics-single-vcpu  (pulumi-nodejs:dynamic/hyperv:VirtualMachine: web01)",
        "          What linux-ics-single-vcpu checks.",
        "          processorCount is 2. Fix: set processorCount: 1.",
        "          Waived until 2999-12-31 (owner: ops-team): load test",
      ].join("\n"),
    );
  });

  it("a mandatory finding fails the pack; findings are grouped by resource, the description printed once", () => {
    const section = policiesSection([
      finding("linux-ics-single-vcpu", "smp"),
      finding("linux-ics-ntp-required", "clock"),
      finding("linux-ics-host-time-sync-unavailable", "smp", { enforcementLevel: "advisory" }),
    ]);
    assert.match(section, /^ {4}❌ hyperv-linux-ics@v0\.1\.0/m);
    const lines = section.split("\n").filter((l) => l.includes("- ["));
    assert.deepEqual(lines, [
      "        - [mandatory]  linux-ics-single-vcpu  (pulumi-nodejs:dynamic/hyperv:VirtualMachine: smp)",
      "        - [advisory]  linux-ics-host-time-sync-unavailable  (pulumi-nodejs:dynamic/hyperv:VirtualMachine: smp)",
      "        - [mandatory]  linux-ics-ntp-required  (pulumi-nodejs:dynamic/hyperv:VirtualMachine: clock)",
    ]);
    assert.equal(section.split("What linux-ics-single-vcpu checks.").length, 2, "description once");
  });

  it("a pack without findings passes", () => {
    assert.equal(policiesSection([]), "Policies:\n    ✅ hyperv-linux-ics@v0.1.0 (local: ./policies)");
  });
});
