import { strict as assert } from "node:assert";
import { evaluateVirtualMachine, policies } from "../../../policies/api";
import {
  decideExemption,
  readWaiver,
  waivedLine,
  type Exemption,
  type ExemptionSubject,
} from "../../../policies/exemptions";
import { compliantLinuxInput, specOf, withChange } from "./fixtures";

const URN = "urn:pulumi:dev::demo::pulumi-nodejs:dynamic/hyperv:VirtualMachine::web01";
const subject: ExemptionSubject = { urn: URN, names: ["web01", "web01-vm"] };
const complete: Exemption = {
  resource: "web*",
  owner: "ops-team",
  reason: "load test until the rollout",
  expires: "2027-03-31",
};
const twoProcessors = specOf(
  withChange(compliantLinuxInput("linux-ics-v2"), (vm) => (vm.processorCount = 2)),
);

describe("policies: exemptions (pure, today injected)", () => {
  it("a complete matching exemption waives through its last day, and not after it", () => {
    assert.deepEqual(decideExemption([complete], subject, "2027-03-31").waiver, {
      owner: "ops-team",
      reason: "load test until the rollout",
      expires: "2027-03-31",
    });
    const after = decideExemption([complete], subject, "2027-04-01");
    assert.equal(after.waiver, undefined);
    assert.equal(after.expired.length, 1);
  });

  it("matches the URN, the resource name or the VM name by glob, and nothing else", () => {
    const today = "2027-01-01";
    for (const resource of [URN, "*::web01", "web01-vm", "web0?", "*VirtualMachine*"]) {
      assert.ok(decideExemption([{ ...complete, resource }], subject, today).waiver, resource);
    }
    for (const resource of ["web", "db*", "web01.", "(web01)"]) {
      const d = decideExemption([{ ...complete, resource }], subject, today);
      assert.deepEqual(d, { expired: [], incomplete: [] }, resource);
    }
  });

  it("an exemption without owner, reason or a real expiry date waives nothing and says what it lacks", () => {
    const today = "2027-01-01";
    const { owner: _o, reason: _r, ...bare } = complete;
    const d = decideExemption([bare, { ...complete, expires: "2027-02-30" }], subject, today);
    assert.equal(d.waiver, undefined);
    assert.deepEqual(
      d.incomplete.map((i) => i.problem),
      ["has no owner, reason", 'expires "2027-02-30" is not a date (YYYY-MM-DD)'],
    );
  });

  it("the waived line reads back to the waiver and the finding's own text", () => {
    const waiver = { owner: "ops (EMEA)", reason: "a: b", expires: "2027-03-31" };
    assert.deepEqual(readWaiver(`${waivedLine(waiver)}\nprocessorCount is 2. Fix: set 1.`), {
      waiver,
      message: "processorCount is 2. Fix: set 1.",
    });
    assert.equal(readWaiver("processorCount is 2. Fix: set 1."), undefined);
  });

  it("evaluateVirtualMachine: waived findings are advisory with their waiver; expired ones are violations again", () => {
    const config = { "linux-ics-single-vcpu": { exemptions: [complete] } };
    const waived = evaluateVirtualMachine(twoProcessors, config, { subject, today: "2027-01-01" });
    const vcpu = waived.filter((v) => v.policy === "linux-ics-single-vcpu");
    assert.equal(vcpu.length, 1);
    assert.equal(vcpu[0].enforcementLevel, "advisory");
    assert.equal(vcpu[0].waiver?.owner, "ops-team");

    const expired = evaluateVirtualMachine(twoProcessors, config, { subject, today: "2027-04-01" });
    const again = expired.find((v) => v.policy === "linux-ics-single-vcpu")!;
    assert.equal(again.enforcementLevel, "mandatory");
    assert.equal(again.waiver, undefined);
    assert.match(
      again.message,
      /^The exemption \(owner: ops-team\) expired on 2027-03-31, so this is a violation again\. processorCount is 2/,
    );

    const unexempted = evaluateVirtualMachine(twoProcessors, config);
    assert.equal(unexempted.find((v) => v.policy === "linux-ics-single-vcpu")!.enforcementLevel, "mandatory");
  });

  it("evaluateVirtualMachine: an incomplete exemption is a finding at the policy's level, even on a compliant VM", () => {
    const compliant = specOf(compliantLinuxInput("linux-ics-v2"));
    const config = { "linux-ics-single-vcpu": { exemptions: [{ resource: "web01" }] } };
    const found = evaluateVirtualMachine(compliant, config, { subject, today: "2027-01-01" });
    assert.deepEqual(
      found.map((v) => [v.policy, v.enforcementLevel]),
      [["linux-ics-single-vcpu", "mandatory"]],
    );
    assert.match(
      found[0].message,
      /resource "web01" has no owner, reason, expires, so it waives nothing\. Fix: /,
    );
  });

  it("every policy's config schema accepts exemptions, with a resource pattern required", () => {
    for (const p of policies) {
      const schema = p.configSchema!.properties.exemptions as { items: { required: string[] } };
      assert.deepEqual(schema.items.required, ["resource"], p.name);
    }
  });
});
