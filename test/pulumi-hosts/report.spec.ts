import { strict as assert } from "node:assert";
import type { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as apb from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { renderReport } from "../../cli/report";
import { VIRTUAL_MACHINE_TYPE } from "../../provider/model";
import { compliantLinuxInput, specOf, withChange } from "../unit/policies/fixtures";
import { sarifErrors } from "../unit/report/sarif-schema";
import { analyzeRequest, configureRequest, diagnosticsOf, startPolicyPack, urnOf } from "./analyzer";
import { unary, type Host } from "./harness";

/**
 * The report on what the pack really says: Pulumi's analyzer host runs the pack over gRPC, and its
 * diagnostics become engine events the way the CLI's engine writes them (pulumi/pulumi
 * `pkg/engine/events.go`, `policyViolationEvent`: the message between color directives, then a
 * newline), one JSON object per line as `pulumi preview --json` streams them.
 */
describe("engine: pulumi-hyperv report on the pack's findings from Pulumi's analyzer host", function () {
  this.timeout(120000);
  let host: Host;
  let client: AnalyzerClient;
  let info: apb.AnalyzerInfo;

  before(async () => {
    ({ host, client } = await startPolicyPack());
    info = await unary(client, "getAnalyzerInfo", new Empty());
    await unary(client, "configure", configureRequest(info, {}));
  });
  after(async () => {
    client?.close();
    await host?.stop();
  });

  async function eventStream(vms: Record<string, object>): Promise<{ lines: string; levels: string[] }> {
    const events: object[] = [{ preludeEvent: { config: {} } }];
    const levels: string[] = [];
    for (const [name, props] of Object.entries(vms)) {
      const urn = urnOf(VIRTUAL_MACHINE_TYPE, name);
      events.push({ resourcePreEvent: { metadata: { op: "create", urn, type: VIRTUAL_MACHINE_TYPE } } });
      const response = await unary(
        client,
        "analyze",
        analyzeRequest(VIRTUAL_MACHINE_TYPE, name, props as never),
      );
      for (const d of diagnosticsOf(response)) {
        levels.push(`${name}:${d.policy}:${d.level}`);
        events.push({
          policyEvent: {
            resourceUrn: urn,
            message: `<{%fg 13%}>${d.message}<{%reset%}>\n`,
            color: "raw",
            policyName: d.policy,
            policyPackName: info.getName(),
            policyPackVersion: info.getVersion(),
            policyPackVersionTag: info.getVersion(),
            enforcementLevel: d.level,
          },
        });
      }
    }
    events.push({
      summaryEvent: {
        maybeCorrupt: false,
        durationSeconds: 1,
        resourceChanges: { create: 2 },
        isPreview: true,
      },
    });
    return {
      lines: events.map((e, i) => JSON.stringify({ sequence: i, timestamp: 0, ...e })).join("\n"),
      levels,
    };
  }

  it("Markdown and SARIF list exactly the host's findings, split into message and fix", async () => {
    const bad = specOf(
      withChange(compliantLinuxInput("linux-ics-v2"), (vm) => {
        vm.processorCount = 2;
        vm.networkAdapters = [{ name: "eth0", mtu: 9000 }];
        vm.integrationServices = { timeSynchronization: true };
      }),
    );
    const good = specOf(compliantLinuxInput("linux-ics-v2"));
    const { lines, levels } = await eventStream({ web01: bad, web02: good });
    assert.deepEqual(levels.sort(), [
      "web01:linux-ics-host-time-sync-unavailable:advisory",
      "web01:linux-ics-network-offloads-unavailable:mandatory",
      "web01:linux-ics-single-vcpu:mandatory",
    ]);

    const md = renderReport(lines, "markdown");
    assert.equal(md.mandatory, 2);
    assert.match(
      md.text,
      /\*\*blocked by mandatory policy violations\*\*: 2 mandatory, 1 advisory \(`hyperv-linux-ics 0\.1\.0`\)/,
    );
    assert.match(md.text, /### `web01` \(pulumi-nodejs:dynamic\/hyperv:VirtualMachine\)/);
    assert.doesNotMatch(md.text, /web02/, "a compliant VM has no table");
    assert.match(
      md.text,
      /\| `linux-ics-single-vcpu` \| mandatory \| processorCount is 2, but a SLES 11 x64 guest with Linux Integration Components v2 is supported with 1 virtual processor only\. \| set processorCount: 1\. \|/,
    );
    assert.match(
      md.text,
      /\| `linux-ics-network-offloads-unavailable` \| mandatory \| .*mtu 9000.* \| set mtu: 1500\. \|/,
    );
    assert.match(md.text, /Planned: 2 create\./);

    const sarif = JSON.parse(renderReport(lines, "sarif").text);
    assert.deepEqual(sarifErrors(sarif), []);
    const [run] = sarif.runs;
    assert.equal(run.tool.driver.name, "hyperv-linux-ics");
    assert.equal(run.tool.driver.version, "0.1.0");
    assert.deepEqual(
      run.results.map((r: { ruleId: string; level: string }) => `${r.ruleId}:${r.level}`).sort(),
      [
        "linux-ics-host-time-sync-unavailable:warning",
        "linux-ics-network-offloads-unavailable:error",
        "linux-ics-single-vcpu:error",
      ],
    );
    const vcpuRule = run.tool.driver.rules.find((r: { id: string }) => r.id === "linux-ics-single-vcpu");
    assert.match(
      vcpuRule.shortDescription.text,
      /more virtual processors than its integration components support/,
    );
  });
});
