import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { specOf, compliantLinuxInput, withChange } from "../unit/policies/fixtures";
import { sarifErrors } from "../unit/report/sarif-schema";
import { BIN, ROOT, TestProject } from "./support";

const FIXTURES = join(ROOT, "test", "fixtures", "preview-json");
const PACK = join(ROOT, "policies");

function report(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, "report", ...args], { cwd: ROOT, encoding: "utf8", input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("pulumi-hyperv report", function () {
  this.timeout(300_000);

  it("turns the CLI's engine events into Markdown (file or standard input) and valid SARIF", () => {
    const file = join(FIXTURES, "engine-events-multiple-violations.ndjson");
    const md = report([file]);
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /\| `always-fails-high` \| mandatory \| a policy failed \| - \|/);
    assert.deepEqual(report(["-"], readFileSync(file, "utf8")).stdout, md.stdout);
    const sarif = report([file, "--format", "sarif", "--artifact", ".\\stacks\\Pulumi.yaml"]);
    assert.equal(sarif.code, 0, sarif.stderr);
    const log = JSON.parse(sarif.stdout);
    assert.deepEqual(sarifErrors(log), []);
    assert.equal(
      log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri,
      "stacks/Pulumi.yaml",
    );
  });

  it("--fail-on: exit 1 when findings of that level exist (the report is still written); none is the default", () => {
    const both = join(FIXTURES, "engine-events-multiple-violations.ndjson");
    const advisoryOnly = JSON.stringify({
      steps: [],
      duration: 1,
      changeSummary: {},
      policyViolations: [
        {
          policyPack: "p",
          policyName: "advice",
          message: "m",
          enforcementLevel: "advisory",
          urn: "urn:pulumi:a::b::t::r",
        },
      ],
    });
    const mandatory = report([both, "--fail-on", "mandatory"]);
    assert.equal(mandatory.code, 1, mandatory.stderr);
    assert.match(mandatory.stdout, /\| `always-fails-high` \| mandatory \|/);
    assert.equal(report(["-", "--fail-on", "mandatory"], advisoryOnly).code, 0);
    assert.equal(report(["-", "--fail-on", "advisory", "--format", "sarif"], advisoryOnly).code, 1);
    const blind = report([join(FIXTURES, "cli-digest.json"), "--fail-on", "mandatory"]);
    assert.equal(blind.code, 2, "a document without policy data cannot pass the check");
    assert.match(blind.stderr, /leaves policy findings out/);
  });

  it("SARIF without source positions points at the program's main file, without a line", () => {
    const file = join(FIXTURES, "engine-events-multiple-violations.ndjson");
    const log = JSON.parse(
      report([file, "--format", "sarif", "--project-dir", "examples/sles11-web"]).stdout,
    );
    assert.deepEqual(sarifErrors(log), []);
    assert.deepEqual(log.runs[0].results[0].locations[0].physicalLocation, {
      artifactLocation: { uri: "examples/sles11-web/index.ts" },
    });
  });

  it("usage errors exit 2 with the fix: no file, a bad format, an unreadable file, a digest without findings as SARIF", () => {
    const none = report([]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /report takes one file, the preview's JSON \(got 0\)/);
    const format = report([join(FIXTURES, "cli-digest.json"), "--format", "html"]);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /--format must be one of markdown, sarif \(got "html"\)/);
    const bad = report([join(FIXTURES, "cli-digest.json"), "--fail-on", "high"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--fail-on must be one of mandatory, advisory, none \(got "high"\)/);
    const missing = report([join(FIXTURES, "missing.json")]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read .*missing\.json/);
    const digest = report([join(FIXTURES, "cli-digest.json"), "--format", "sarif"]);
    assert.equal(digest.code, 2);
    assert.match(digest.stderr, /leaves policy findings out.*PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true/);
    assert.match(
      report(["--help"]).stdout,
      /Usage: pulumi-hyperv report <preview\.json \| -> \[--format markdown\|sarif\]/,
    );
  });

  // One preview through Pulumi's hosts for the wiring; how findings render, test/unit/report/ checks.
  it("reports on pulumi-hyperv preview --json with the policy pack: an exemption in --policy-pack-config waives a finding, waived in the JSON and Markdown, a SARIF suppression", async () => {
    const spec = specOf(
      withChange(compliantLinuxInput("linux-ics-v2"), (vm) => {
        vm.processorCount = 2;
        vm.integrationServices = { vss: true };
      }),
    );
    const project = new TestProject(join(__dirname, "fixtures", "vm"), "test", { "vms:spec": spec });
    const dir = mkdtempSync(join(tmpdir(), "report-"));
    try {
      const config = join(dir, "exemptions.json");
      writeFileSync(
        config,
        JSON.stringify({
          "linux-ics-single-vcpu": {
            exemptions: [
              { resource: "web*", owner: "ops-team", reason: "load test | <b>", expires: "2999-12-31" },
            ],
          },
          "linux-ics-live-backup-unavailable": {
            exemptions: [{ resource: "*::web01", owner: "ops-team", reason: "old", expires: "2000-01-31" }],
          },
          "linux-ics-mouse-integration": { exemptions: [{ resource: "web01", owner: "ops-team" }] },
        }),
      );
      const flags = ["--policy-pack", PACK, "--policy-pack-config", config];
      // How the terminal shows a waived finding, test/unit/cli/progress-policies.spec.ts checks.
      const preview = await project.run(["preview", "--json", ...flags]);
      assert.notEqual(preview.code, 0, "the incomplete exemption is a mandatory finding");
      const file = join(dir, "preview.json");
      writeFileSync(file, preview.stdout);
      const vcpu = JSON.parse(preview.stdout).policyViolations.find(
        (v: { policyName: string }) => v.policyName === "linux-ics-single-vcpu",
      );
      assert.equal(vcpu.enforcementLevel, "advisory");
      assert.deepEqual(vcpu.waiver, { owner: "ops-team", reason: "load test | <b>", expires: "2999-12-31" });
      assert.match(vcpu.message, /Waived until 2999-12-31 \(owner: ops-team\): load test/);

      const md = report([file]);
      assert.equal(md.code, 0, md.stderr);
      assert.match(
        md.stdout,
        /\*\*blocked by mandatory policy violations\*\*: 1 mandatory, 1 advisory, 1 waived/,
      );
      assert.match(
        md.stdout,
        /\| `linux-ics-single-vcpu` \| waived \| processorCount is 2, .* \(waived until 2999-12-31 by ops-team: load test \\\| \\<b\\>\) \|/,
      );
      assert.match(
        md.stdout,
        /\| `linux-ics-live-backup-unavailable` \| advisory \| The exemption \(owner: ops-team\) expired on 2000-01-31/,
      );
      assert.match(
        md.stdout,
        /\| `linux-ics-mouse-integration` \| mandatory \| The exemption .* has no reason, expires, so it waives nothing/,
      );

      const log = JSON.parse(report([file, "--format", "sarif"]).stdout);
      assert.deepEqual(sarifErrors(log), []);
      const results = log.runs[0].results as { ruleId: string; suppressions?: unknown[] }[];
      assert.deepEqual(results.find((r) => r.ruleId === "linux-ics-single-vcpu")!.suppressions, [
        {
          kind: "external",
          status: "accepted",
          justification: "load test | <b> (owner: ops-team; expires 2999-12-31)",
        },
      ]);
      assert.equal(results.filter((r) => r.suppressions).length, 1, "only the waived finding is suppressed");
    } finally {
      project.remove();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
