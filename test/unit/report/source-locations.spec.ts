import { strict as assert } from "node:assert";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { RegisterResourceRequest } from "@pulumi/pulumi/proto/resource_pb";
import { SourcePosition, StackFrame, StackTrace } from "@pulumi/pulumi/proto/source_pb";
import { sourcePositionOf } from "../../../cli/engine/source-position";
import { PreviewDigest } from "../../../cli/output/preview-json";
import { readPreviewFindings, renderSarif } from "../../../cli/report";
import { parseProjectPosition, readSourceLocations } from "../../../cli/report/source-locations";
import { sarifErrors } from "./sarif-schema";

const ROOT = join("/", "work", "infra");
const URN = "urn:pulumi:dev::infra::pulumi-nodejs:dynamic/hyperv:VirtualMachine::web01";

function position(file: string, line: number, column: number): SourcePosition {
  return new SourcePosition().setUri(pathToFileURL(file).toString()).setLine(line).setColumn(column);
}

/** A registration as @pulumi/pulumi 3.248 sends it for a dynamic resource (Resource.stackTrace(4)): the
 * position is the resource class's constructor in the package, the program's line is the next frame. */
function request(): RegisterResourceRequest {
  const inPackage = position(join(ROOT, "node_modules", "pulumi-hyperv", "dist", "vm.js"), 40, 9);
  const frames = [
    inPackage,
    position(join(ROOT, "src", "web.ts"), 12, 5),
    position(join(ROOT, "index.ts"), 3, 1),
  ];
  return new RegisterResourceRequest()
    .setSourceposition(inPackage)
    .setStacktrace(new StackTrace().setFramesList(frames.map((pc) => new StackFrame().setPc(pc))));
}

describe("source positions: from the registration to the SARIF region", () => {
  it("keeps the positions as the engine does: project:///<path relative to the project>#line,column", () => {
    // pulumi/pulumi pkg/resource/deploy/source_eval.go, sourcePositions.parseSourcePosition / newStackTrace.
    const source = sourcePositionOf(request(), ROOT);
    assert.equal(source.sourcePosition, "project:///node_modules/pulumi-hyperv/dist/vm.js#40,9");
    assert.deepEqual(source.stackTrace, [
      { sourcePosition: "project:///node_modules/pulumi-hyperv/dist/vm.js#40,9" },
      { sourcePosition: "project:///src/web.ts#12,5" },
      { sourcePosition: "project:///index.ts#3,1" },
    ]);
    const bare = sourcePositionOf(new RegisterResourceRequest(), ROOT);
    assert.deepEqual(bare, {}, "a request without positions adds nothing");
    const other = new RegisterResourceRequest().setSourceposition(
      new SourcePosition().setUri("https://example.com/x.ts").setLine(1),
    );
    assert.deepEqual(sourcePositionOf(other, ROOT), {}, "only file URIs, as the engine");
  });

  it("the preview's JSON carries the registration site in the step's newState", () => {
    const digest = new PreviewDigest();
    digest.resourceSource(URN, sourcePositionOf(request(), ROOT));
    const state = {
      urn: URN,
      custom: true,
      type: "pulumi-nodejs:dynamic/hyperv:VirtualMachine",
      inputs: {},
      outputs: {},
    };
    digest.stepFinished({ op: "create", urn: URN, type: state.type, name: "web01", new: state });
    const doc = digest.document({}, [], { create: 1 }, 1);
    assert.equal(
      doc.steps?.[0].newState?.sourcePosition,
      "project:///node_modules/pulumi-hyperv/dist/vm.js#40,9",
    );
    assert.equal(doc.steps?.[0].newState?.stackTrace?.length, 3);
    assert.deepEqual(readSourceLocations(JSON.stringify(doc)).get(URN), {
      path: "src/web.ts",
      line: 12,
      column: 5,
    });
  });

  it("takes the first position in the project's own files; none outside it or in packages", () => {
    assert.deepEqual(parseProjectPosition("project:///index.ts#7"), { path: "index.ts", line: 7 });
    assert.deepEqual(parseProjectPosition("project:///my%20dir/a.ts#2,4"), {
      path: "my dir/a.ts",
      line: 2,
      column: 4,
    });
    for (const outside of [
      "project:///../../provider/resources/virtual-machine.ts#150,5",
      "project:///node_modules/x/index.js#1,1",
      "file:///work/infra/index.ts#1",
      "project:///index.ts",
      42,
    ]) {
      assert.equal(parseProjectPosition(outside), undefined, String(outside));
    }
  });

  it("SARIF: a finding on a positioned resource points at its line; one without, at the main file with no line", () => {
    const other = "urn:pulumi:dev::infra::pulumi-nodejs:dynamic/hyperv:VirtualMachine::db01";
    const violation = (urn: string) => ({
      policyPack: "hyperv-linux-ics",
      policyName: "linux-ics-single-vcpu",
      message: "processorCount is 2. Fix: set processorCount: 1.",
      enforcementLevel: "mandatory",
      urn,
    });
    const input = JSON.stringify({
      steps: [
        {
          op: "create",
          urn: URN,
          newState: {
            urn: URN,
            sourcePosition: "project:///node_modules/p/vm.js#40,9",
            stackTrace: [{}, { sourcePosition: "project:///src/web.ts#12,5" }],
          },
        },
        { op: "create", urn: other, newState: { urn: other } },
      ],
      duration: 1,
      changeSummary: { create: 2 },
      policyViolations: [violation(URN), violation(other)],
    });
    const log = renderSarif(readPreviewFindings(input), {
      locations: readSourceLocations(input),
      projectDir: "stacks/infra",
      artifactUri: "stacks/infra/index.ts",
    });
    assert.deepEqual(sarifErrors(log), []);
    const [positioned, unpositioned] = log.runs[0].results.map((r) => r.locations[0].physicalLocation);
    assert.deepEqual(positioned, {
      artifactLocation: { uri: "stacks/infra/src/web.ts" },
      region: { startLine: 12, startColumn: 5 },
    });
    assert.deepEqual(unpositioned, { artifactLocation: { uri: "stacks/infra/index.ts" } });
  });
});
