import { strict as assert } from "node:assert";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { UNKNOWN } from "../../cli/engine/properties";
import { deploymentSchemaErrors, FILES_FIXTURE, jsonOf, previewSchemaErrors, TestProject } from "./support";

/**
 * The wiring of each operation through Pulumi's language, provider and host processes. Which steps
 * a change makes (replacements, delete-before-replace, which old resource an alias names) is decided in the step generator
 * and tested in process: test/unit/engine/lifecycle.spec.ts.
 */
const FILE_TYPE = "pulumi-nodejs:dynamic/files:File";

describe("pulumi-hyperv: a program's lifecycle through Pulumi's hosts (preview, up, update, refresh, destroy)", function () {
  this.timeout(300000);
  let project: TestProject;

  before(() => {
    project = new TestProject(FILES_FIXTURE);
  });
  after(() => project?.remove());

  it("preview --json: the CLI's document, every resource to create, an input from a computed output unknown", async () => {
    const result = await project.run(["preview", "--json"]);
    assert.equal(result.code, 0, result.output);
    const doc = jsonOf(result);
    assert.deepEqual(previewSchemaErrors(doc), []);
    const steps = doc.steps as { op: string; urn: string; newState?: { inputs?: Record<string, unknown> } }[];
    assert.deepEqual(steps.map((s) => `${s.op} ${s.urn.split("::").pop()}`).sort(), [
      "create a",
      "create b",
      "create c",
      "create docs",
      "create docs-x.txt",
      "create docs-y.txt",
      "create files-test",
    ]);
    const input = (name: string, key: string) =>
      steps.find((s) => s.urn.endsWith(`${FILE_TYPE}::${name}`))!.newState!.inputs![key];
    assert.equal(input("b", "content"), UNKNOWN);
    // A preview returns a dynamic resource's inputs as its outputs (no preview support): a's path is known.
    assert.equal(input("c", "path"), join(project.out, "a.txt.meta"));
    assert.equal(input("a", "content"), "hello");
    assert.deepEqual(doc.changeSummary, { create: 7 });
    assert.equal(project.journal().length, 0, "a preview runs no create");
  });

  it("up: creates in dependency order, records parents, dependencies and outputs in a valid checkpoint", async () => {
    const result = await project.run(["up", "--yes"]);
    assert.equal(result.code, 0, result.output);
    assert.match(result.stdout, /\+ 7 created, ~ 0 updated, - 0 deleted, 0 unchanged/);
    const journal = project.journal().filter((l) => l.startsWith("created"));
    assert.ok(journal.indexOf("created a.txt") < journal.indexOf("created b.txt"), journal.join("\n"));
    assert.equal(project.file("b.txt"), "a has 5 bytes");
    const doc = project.checkpoint();
    assert.deepEqual(deploymentSchemaErrors(doc), []);
    const folder = project.resource("docs")!;
    assert.equal(folder.custom, false);
    assert.equal(project.resource("docs-x.txt")!.parent, folder.urn);
    assert.deepEqual(folder.dependencies, [project.resource("a")!.urn]);
    assert.deepEqual(project.resource("b")!.propertyDependencies, { content: [project.resource("a")!.urn] });
    assert.match(
      project.resource("a")!.provider!,
      /^urn:pulumi:test::files::pulumi:providers:pulumi-nodejs::default::[0-9a-f-]{36}$/,
    );
    const outputs = await project.run(["stack", "output", "--json"]);
    assert.deepEqual(JSON.parse(outputs.stdout), { aSize: 5, bContent: "a has 5 bytes", folderFiles: 2 });
  });

  it("a second up changes nothing: the update runs after its preview (as `pulumi up` does) and only same steps", async () => {
    project.clearJournal();
    const result = await project.run(["up", "--yes"]);
    assert.equal(result.code, 0, result.output);
    assert.match(result.stdout, /\+ 0 to create, ~ 0 to update, - 0 to delete, 7 unchanged/);
    assert.match(result.stdout, /\+ 0 created, ~ 0 updated, - 0 deleted, 7 unchanged/);
    assert.deepEqual(project.journal(), []);
  });

  it("a changed input updates in place, and so does its dependent; a resource renamed with an alias stays the same resource (step_generator.go getOldResource)", async () => {
    project.clearJournal();
    const id = project.resource("a")!.id;
    const result = await project.run([
      "up",
      "--yes",
      "--skip-preview",
      "--diff",
      "-c",
      "content=bye",
      "-c",
      "aResource=a-renamed",
    ]);
    assert.equal(result.code, 0, result.output);
    // --diff: each changed property with its old and new value.
    assert.match(
      result.stdout,
      /Changes:\n {4}~ pulumi-nodejs:dynamic\/files:File a-renamed:\n {8}~ content: "hello" => "bye"\n/,
    );
    assert.deepEqual(project.journal(), ["update a.txt", "update b.txt"]);
    assert.equal(project.file("b.txt"), "a has 3 bytes");
    assert.match(result.stdout, /~ 2 updated/);
    assert.equal(project.resource("a"), undefined);
    assert.equal(project.resource("a-renamed")!.id, id);
    assert.deepEqual(deploymentSchemaErrors(project.checkpoint()), []);
  });

  it("refresh records drift and resources deleted behind the engine's back", async () => {
    writeFileSync(join(project.out, "a.txt"), "edited by hand");
    rmSync(join(project.out, "x.txt"));
    const result = await project.run(["refresh", "--yes"]);
    assert.equal(result.code, 0, result.output);
    // --yes skips the question, not the preview (pkg/cmd/pulumi/operations/refresh.go).
    assert.match(result.stdout, /Previewing refresh \(test\):[\s\S]*Refreshing \(test\):/);
    assert.equal(project.resource("a-renamed")!.outputs!.content, "edited by hand");
    assert.equal(project.resource("docs-x.txt"), undefined);
    assert.match(result.stdout, /~ 1 updated, - 1 deleted/);
  });

  it("destroy deletes everything, dependents before what they depend on", async () => {
    project.clearJournal();
    const result = await project.run(["destroy", "--yes"]);
    assert.equal(result.code, 0, result.output);
    const deletes = project.journal();
    assert.ok(deletes.indexOf("delete b.txt") < deletes.indexOf("delete a.txt"), deletes.join("\n"));
    assert.ok(deletes.indexOf("delete y.txt") < deletes.indexOf("delete a.txt"), deletes.join("\n"));
    assert.ok(deletes.indexOf("delete a.txt.meta") < deletes.indexOf("delete a.txt"), deletes.join("\n"));
    assert.equal(project.resources().length, 0);
    assert.deepEqual(deploymentSchemaErrors(project.checkpoint()), []);
  });
});
