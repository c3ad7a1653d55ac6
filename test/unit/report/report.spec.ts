import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  PreviewJsonError,
  readPreviewFindings,
  renderMarkdown,
  renderReport,
  renderSarif,
} from "../../../cli/report";
import { evaluateVirtualMachine } from "../../../policies/api";
import { compliantLinuxInput, specOf, withChange } from "../policies/fixtures";
import { sarifErrors } from "./sarif-schema";

const fixture = (name: string) =>
  readFileSync(join(__dirname, "..", "..", "fixtures", "preview-json", name), "utf8");

/** The `pulumi-hyperv preview --json` document: the CLI's digest plus `policyViolations`. */
function hypervDigest(): string {
  const spec = specOf(
    withChange(compliantLinuxInput("linux-ics-v2"), (vm) => {
      vm.processorCount = 2;
      vm.integrationServices = { vss: true };
    }),
  );
  const urn = "urn:pulumi:dev::hyperv-demo::pulumi-nodejs:dynamic/hyperv:VirtualMachine::web01";
  const policyViolations = evaluateVirtualMachine(spec).map((v) => ({
    policyPack: "hyperv-linux-ics",
    policyPackVersion: "0.1.0",
    policyName: v.policy,
    description: `description of ${v.policy}`,
    message: `description of ${v.policy}\n${v.message}`,
    enforcementLevel: v.enforcementLevel,
    urn,
  }));
  return JSON.stringify({
    steps: [{ op: "create", urn }],
    duration: 1,
    changeSummary: { create: 2 },
    policyViolations,
  });
}

describe("report: preview JSON to Markdown and SARIF", () => {
  it("reads the CLI's engine events: every policy event, its level, severity and pack; color directives stripped", () => {
    const report = readPreviewFindings(fixture("engine-events-multiple-violations.ndjson"));
    assert.equal(report.source, "engine-events");
    assert.equal(report.findings.length, 10);
    assert.deepEqual(report.findings.map((f) => `${f.policy}:${f.level}:${f.severity ?? "-"}`).slice(0, 3), [
      "always-fails-advisory-unspecified:advisory:-",
      "always-fails-advisory-low:advisory:low",
      "always-fails-advisory-medium:advisory:medium",
    ]);
    assert.ok(report.findings.every((f) => f.message === "a policy failed" && f.policyPack === "analyzerA"));
    assert.ok(report.findings.every((f) => f.urn === "urn:pulumi:test::test::pkgA:m:typA::resA"));
    assert.equal(report.findings.filter((f) => f.level === "mandatory").length, 5);
  });

  it("Markdown: a table per resource with policy, level, message and fix; mandatory rows first", () => {
    const { text, mandatory } = renderReport(fixture("engine-events-multiple-violations.ndjson"), "markdown");
    assert.equal(mandatory, 5);
    assert.match(
      text,
      /\*\*blocked by mandatory policy violations\*\*: 5 mandatory, 5 advisory \(`analyzerA 1\.0\.0`\)/,
    );
    assert.match(
      text,
      /### `resA` \(pkgA:m:typA\)\n\n<sub>`urn:pulumi:test::test::pkgA:m:typA::resA`<\/sub>\n\n\| policy \| level \| message \| fix \|/,
    );
    const rows = text.split("\n").filter((l) => l.startsWith("| `"));
    assert.equal(rows.length, 10);
    assert.deepEqual(rows[0], "| `always-fails-unspecified` | mandatory | a policy failed | - |");
    assert.equal(rows[9], "| `always-fails-advisory-critical` | advisory | a policy failed | - |");
  });

  it("the remediate-downgraded stream: one mandatory finding on the provider resource", () => {
    const { findings } = renderReport(fixture("engine-events-remediate-downgraded.ndjson"), "markdown");
    assert.deepEqual(
      findings.findings.map((f) => [f.policy, f.level, f.urn]),
      [["always-fails", "mandatory", "urn:pulumi:test::test::pulumi:providers:pkgA::default"]],
    );
    assert.equal(findings.findings[0].policyPackVersion, undefined, "an empty version is no version");
  });

  it("the CLI's default digest: says it cannot list findings, shows the preview's errors, refuses SARIF", () => {
    const report = readPreviewFindings(fixture("cli-digest.json"));
    assert.deepEqual(
      [report.source, report.policyDataPresent, report.findings.length],
      ["cli-digest", false, 0],
    );
    assert.deepEqual(report.changeSummary, { create: 2 });
    assert.deepEqual(report.problems, [
      {
        urn: "urn:pulumi:dev::hyperv-demo::pulumi:pulumi:Stack::hyperv-demo-dev",
        severity: "error",
        message: "preview failed",
      },
    ]);
    const md = renderMarkdown(report);
    assert.match(
      md,
      /> \[!WARNING\]\n> This is the CLI's `pulumi preview --json` document, which leaves policy findings out/,
    );
    assert.match(md, /PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true/);
    assert.match(md, /- \*\*error\*\* `hyperv-demo-dev`: preview failed/);
    assert.doesNotMatch(md, /No policy findings/);
    assert.throws(() => renderSarif(report), PreviewJsonError);
  });

  it("the pulumi-hyperv digest: the pack's messages split into message and fix", () => {
    const { text, findings } = renderReport(hypervDigest(), "markdown");
    assert.equal(findings.source, "pulumi-hyperv-digest");
    assert.deepEqual(
      findings.findings.map((f) => `${f.policy}:${f.level}`),
      ["linux-ics-single-vcpu:mandatory", "linux-ics-live-backup-unavailable:advisory"],
    );
    const [vcpu] = findings.findings;
    assert.equal(vcpu.description, "description of linux-ics-single-vcpu");
    assert.match(
      vcpu.message,
      /^processorCount is 2, but a SLES 11 x64 guest with Linux Integration Components v2 is supported with 1 virtual processor only\.$/,
    );
    assert.equal(vcpu.fix, "set processorCount: 1.");
    assert.match(
      text,
      /\| `linux-ics-single-vcpu` \| mandatory \| processorCount is 2, .* \| set processorCount: 1\. \|/,
    );
    assert.match(text, /Planned: 2 create\./);
  });

  it("SARIF: valid against the OASIS 2.1.0 schema; mandatory as error, advisory as warning; the URN as logical location", () => {
    for (const input of [
      fixture("engine-events-multiple-violations.ndjson"),
      fixture("engine-events-remediate-downgraded.ndjson"),
      hypervDigest(),
    ]) {
      const log = JSON.parse(renderReport(input, "sarif").text);
      assert.deepEqual(sarifErrors(log), []);
    }
    const log = renderSarif(readPreviewFindings(hypervDigest()), {
      artifactUri: "examples/sles11-web/index.ts",
    });
    assert.deepEqual(sarifErrors(log), []);
    const [run] = log.runs;
    assert.equal(run.tool.driver.name, "hyperv-linux-ics");
    assert.deepEqual(
      run.tool.driver.rules.map((r) => r.id),
      ["linux-ics-single-vcpu", "linux-ics-live-backup-unavailable"],
    );
    assert.deepEqual(
      run.results.map((r) => r.level),
      ["error", "warning"],
    );
    assert.match(
      run.results[0].message.text,
      /^web01: processorCount is 2, .* Fix: set processorCount: 1\.$/,
    );
    assert.equal(
      run.results[0].locations[0].physicalLocation.artifactLocation.uri,
      "examples/sles11-web/index.ts",
    );
    assert.equal(
      run.results[0].locations[0].logicalLocations?.[0].fullyQualifiedName.endsWith("::web01"),
      true,
    );
    const clean = renderSarif(readPreviewFindings('{"steps": [], "policyViolations": []}'));
    assert.deepEqual(sarifErrors(clean), []);
    assert.deepEqual([clean.runs.length, clean.runs[0].results.length], [1, 0]);
    assert.ok(
      sarifErrors({ version: "2.1.0", runs: [{ results: [] }] }).length > 0,
      "the validator rejects a run without a tool",
    );
  });

  it("a cell cannot break the table: pipes escaped, line breaks joined, no raw HTML", () => {
    const input = JSON.stringify({
      policyViolations: [
        {
          policyPack: "p",
          policyName: "x",
          enforcementLevel: "advisory",
          message: "description\na | b\n\nc <script>",
        },
      ],
    });
    const rows = renderReport(input, "markdown")
      .text.split("\n")
      .filter((l) => l.startsWith("| `x`"));
    assert.deepEqual(rows, ["| `x` | advisory | a \\| b c \\<script\\> | - |"]);
  });

  it("bad input is an error naming where and what is expected", () => {
    const err = (input: string) => {
      try {
        readPreviewFindings(input);
      } catch (e) {
        assert.ok(e instanceof PreviewJsonError, String(e));
        return e.message;
      }
      return assert.fail("accepted bad input");
    };
    assert.match(err("  "), /the input is empty: pass the output of `pulumi preview --json`/);
    assert.match(err('{"sequence":1,"timestamp":0}\nnot json'), /^line 2 is not JSON/);
    assert.match(err('{"foo": 1}'), /has none of steps, diagnostics, changeSummary/);
    assert.match(
      err('{"sequence":0,"policyEvent":{"policyPackName":"p","message":"m","enforcementLevel":"mandatory"}}'),
      /line 1 policyEvent: policyName must be a non-empty string/,
    );
    assert.match(
      err(
        '{"sequence":0,"policyEvent":{"policyPackName":"p","policyName":"x","message":"m","enforcementLevel":"strict"}}',
      ),
      /enforcementLevel "strict" is not one of mandatory, advisory, remediate/,
    );
    assert.match(err('[{"policyEvent":{}}]'), /event 0: not an engine event/);
    assert.match(err('{"policyViolations": {}}'), /policyViolations must be a list/);
  });
});
