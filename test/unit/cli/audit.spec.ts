import { strict as assert } from "node:assert";
import {
  audit,
  auditFailed,
  baselineKeys,
  parseInventory,
  renderAuditMarkdown,
  renderAuditSarif,
  renderText,
  type HostReport,
} from "../../../cli/audit";
import type { VmDescription } from "../../../provider/resources/vm-description";
import { vmDescription } from "../resources/vm-description-fixture";
import { sarifErrors } from "../report/sarif-schema";

const report = vmDescription;

const SLES11 = { family: "linux", distribution: "sles", version: "11", architecture: "x64" };
const inventory = parseInventory(
  JSON.stringify([
    { name: "web01", guest: SLES11 },
    { name: "odd", guest: SLES11 },
    { name: "web|<b>", guest: SLES11 },
  ]),
  "inventory.json",
);
const hosts = (...vms: VmDescription[]): HostReport[] => [{ host: "simulator://hv01", vms }];
const exemption = { resource: "web0?", owner: "ops", reason: "benchmark", expires: "2027-03-31" };

describe("cli: audit (pure: reports, inventory, config and today in, document out)", () => {
  it("an exemption by VM name waives the finding until its last day; after it the audit fails again", () => {
    const config = { "linux-ics-single-vcpu": { exemptions: [exemption] } };
    const input = {
      hosts: hosts(report("web01", { processorCount: 2 })),
      inventory,
      config,
      packVersion: "0.1.0",
    };
    const waived = audit({ ...input, today: "2027-03-31" });
    const vcpu = waived.vms[0].findings.find((f) => f.policy === "linux-ics-single-vcpu")!;
    assert.equal(vcpu.level, "waived");
    assert.deepEqual(vcpu.waiver, { owner: "ops", reason: "benchmark", expires: "2027-03-31" });
    assert.equal(auditFailed(waived), false);
    assert.match(
      renderText(waived),
      /- \[waived\] {2}linux-ics-single-vcpu\n {6}Waived until 2027-03-31 \(owner: ops\): benchmark/,
    );
    const log = renderAuditSarif(waived);
    assert.deepEqual(sarifErrors(log), []);
    assert.match(
      JSON.stringify(log),
      /"suppressions":\[\{"kind":"external","status":"accepted","justification":"benchmark/,
    );

    const expired = audit({ ...input, today: "2027-04-01" });
    assert.equal(
      expired.vms[0].findings.find((f) => f.policy === "linux-ics-single-vcpu")!.level,
      "mandatory",
    );
    assert.equal(auditFailed(expired), true);
  });

  it("a VM whose report the model refuses is unjudged with the reason, and does not pass", () => {
    const doc = audit({
      hosts: hosts(report("odd", { memoryStartupMB: 513 })),
      inventory,
      config: {},
      today: "2027-01-01",
      packVersion: "0.1.0",
    });
    assert.equal(doc.vms[0].status, "unjudged");
    assert.match(
      doc.vms[0].reason!,
      /the VM model refuses what the host reports: memoryStartupMB must be an even number of MB/,
    );
    assert.deepEqual([doc.summary.judged, doc.summary.unjudged], [0, 1]);
  });

  it("a baseline knows findings by host, VM id, policy and message; only the others are new", () => {
    const input = { inventory, config: {}, today: "2027-01-01", packVersion: "0.1.0" };
    const before = audit({ ...input, hosts: hosts(report("web01", { automaticStopAction: "Save" })) });
    const keys = baselineKeys(JSON.stringify(before), "baseline.json");
    const after = audit({
      ...input,
      hosts: hosts(report("web01", { automaticStopAction: "Save", processorCount: 2 })),
      baseline: keys,
    });
    const fresh = after.vms[0].findings.filter((f) => f.new).map((f) => f.policy);
    assert.deepEqual(fresh, ["linux-ics-single-vcpu"]);
    assert.ok(
      after.vms[0].findings.some((f) => !f.new),
      "the baseline's findings are there, not new",
    );
    assert.equal(after.summary.newMandatory, 1);
    const again = audit({
      ...input,
      hosts: hosts(report("web01", { automaticStopAction: "Save", processorCount: 2 })),
      baseline: baselineKeys(JSON.stringify(after), "b"),
    });
    assert.equal(auditFailed(again), false, "a known mandatory finding does not fail");
  });

  it("a host's text is escaped: control characters in the terminal, Markdown in the job summary", () => {
    const doc = audit({
      hosts: [
        {
          host: "simulator://hv01",
          vms: [report("web|<b>", { processorCount: 2 }), report("evil\u001b[2J")],
        },
        { host: "simulator://hv02", error: "the host cannot be reached" },
      ],
      inventory,
      config: {},
      today: "2027-01-01",
      packVersion: "0.1.0",
    });
    const text = renderText(doc);
    assert.ok(!text.includes("\u001b"), "no escape character reaches the terminal");
    assert.match(text, /evil\\u001b\[2J/);
    assert.match(text, /not read: the host cannot be reached/);
    const md = renderAuditMarkdown(doc);
    assert.match(md, /- `simulator:\/\/hv01\/evil`.*unjudged: no guest identity/);
    // Inside a code span `<b>` is text; outside one it would be a tag.
    assert.doesNotMatch(md.replace(/`[^`]*`/g, ""), /<b>/);
    assert.equal(auditFailed(doc), true, "a host not read fails the audit");
    assert.deepEqual(sarifErrors(renderAuditSarif(doc)), []);
  });
});
