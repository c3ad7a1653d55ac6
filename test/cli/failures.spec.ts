import { strict as assert } from "node:assert";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readStackState } from "../../cli/engine/backend/checkpoint-store";
import type { SecretsAccess } from "../../cli/engine/checkpoint";
import { deploymentSchemaErrors, FILES_FIXTURE, TestProject, waitFor } from "./support";

const NO_SECRETS: SecretsAccess = {
  crypter: () => {
    throw new Error("this stack has no secrets");
  },
  salt: () => undefined,
};

describe("pulumi-hyperv: failures, interruptions and concurrent runs", function () {
  this.timeout(300000);
  let project: TestProject;
  const config = (extra: Record<string, unknown>) =>
    project.writeStackFile({ "files:dir": project.out, ...extra });

  afterEach(() => project?.remove());

  it("a failed create, a partial create (init failure) and a throwing program", async () => {
    project = new TestProject(FILES_FIXTURE, "test", { "files:scenario": "failing", "files:fail": "create" });
    let result = await project.run(["up", "--yes", "--skip-preview"]);
    assert.equal(result.code, 1, result.output);
    assert.match(result.stdout, /cannot create .*broken\.txt/);
    assert.ok(project.resource("ok"), "the step that succeeded is kept");
    assert.equal(project.resource("broken"), undefined);

    config({ "files:scenario": "failing", "files:fail": "init" });
    result = await project.run(["up", "--yes", "--skip-preview"]);
    assert.equal(result.code, 1, result.output);
    const broken = project.resource("broken")!;
    assert.equal(broken.id, `${project.out}/broken.txt`, "a resource that was made is kept with its id");
    assert.deepEqual(broken.initErrors, ["initialization check failed"]);
    assert.ok(broken.outputs!.__provider, "with the provider a later delete needs");

    const before = project
      .resources()
      .map((r) => r.urn)
      .sort();
    config({ "files:scenario": "throws" });
    result = await project.run(["up", "--yes", "--skip-preview"]);
    assert.equal(result.code, 1, result.output);
    assert.match(result.output, /the program failed on purpose/);
    assert.deepEqual(
      project
        .resources()
        .map((r) => r.urn)
        .sort(),
      before,
      "the checkpoint is intact: nothing deleted",
    );

    // A truncated checkpoint stops the command before any step, says where, and is left as it is.
    const file = join(project.dir, ".pulumi-hyperv", "stacks", "test.json");
    const truncated = project.checkpointText().slice(0, 200);
    writeFileSync(file, truncated);
    result = await project.run(["up", "--yes", "--skip-preview"]);
    assert.equal(result.code, 2, result.output);
    assert.match(
      result.stderr,
      /test\.json: the checkpoint is truncated at line \d+, column \d+ .*restore it/,
    );
    assert.equal(readFileSync(file, "utf8"), truncated, "nothing is written over a damaged checkpoint");
  });

  it("kill -9 mid-up: the journal keeps what completed, the create in flight stays pending until a refresh resolves it", async () => {
    project = new TestProject(FILES_FIXTURE, "test", { "files:scenario": "slow", "files:delayMs": 120000 });
    const run = project.start(["up", "--yes", "--skip-preview"]);
    // Fast's create is complete once the engine's journal records it, not when the provider logs it.
    const engineRecordedFast = () => {
      try {
        return readStackState(project.checkpointFile(), NO_SECRETS, true).resources.some((r) =>
          r.urn.endsWith("::fast"),
        );
      } catch {
        return false;
      }
    };
    await waitFor(
      () => project.journal().includes("create slow.txt") && engineRecordedFast(),
      120000,
      "fast created and slow in flight",
    );
    run.child.kill("SIGKILL");
    await run.result;
    // The checkpoint is the last one written (valid for `pulumi stack import`); the journal beside it has the rest.
    assert.deepEqual(deploymentSchemaErrors(project.checkpoint()), []);
    const state = readStackState(project.checkpointFile(), NO_SECRETS);
    assert.deepEqual(
      state.pendingOperations.map((p) => `${p.type} ${p.resource.urn.split("::").pop()}`),
      ["creating slow"],
    );
    assert.ok(state.resources.some((r) => r.urn.endsWith("::fast")));

    config({ "files:scenario": "slow", "files:delayMs": 0 });
    const rerun = await project.run(["up", "--yes", "--skip-preview"]);
    assert.equal(rerun.code, 0, rerun.output);
    assert.match(rerun.stdout, /interrupted while creating/);
    assert.match(rerun.stdout, /A pending create stays until `pulumi-hyperv refresh` resolves it/);
    // The killed up left its lock: the rerun takes it over and says from which process.
    assert.match(
      rerun.stderr,
      new RegExp(`^took over the stack lock from process ${run.child.pid} \\(up on `, "m"),
    );
    assert.equal(
      project.journal().filter((l) => l === "create fast.txt").length,
      1,
      "fast is not created again",
    );
    assert.ok(project.resource("slow"));
    // As Pulumi's engine does (backend/snapshot.go Snap), the pending create outlives the update.
    assert.deepEqual(
      (project.checkpoint().deployment.pending_operations ?? []).map((p) => p.type),
      ["creating"],
    );
    const cleared = await project.run(["refresh", "--yes", "--clear-pending-creates"]);
    assert.equal(cleared.code, 0, cleared.output);
    assert.equal(project.checkpoint().deployment.pending_operations, undefined);
  });

  it("two concurrent ups on one stack: the second refuses; Ctrl-C lets the step in flight finish", async () => {
    project = new TestProject(FILES_FIXTURE, "test", { "files:scenario": "slow" });
    // The slow step is held until the test lets it go, however long the second up takes to start.
    const release = join(project.dir, "release-slow");
    config({ "files:scenario": "slow", "files:holdUntil": release });
    const first = project.start(["up", "--yes", "--skip-preview"]);
    await waitFor(() => project.journal().includes("create slow.txt"), 120000, "the first up's slow step");
    const second = await project.run(["up", "--yes", "--skip-preview"]);
    assert.equal(second.code, 2, second.output);
    assert.match(second.stderr, /the stack is locked: another up is running/);
    first.child.kill("SIGINT");
    await waitFor(() => first.output().includes("received an interrupt"), 60000, "the interrupt noticed");
    writeFileSync(release, "");
    const interrupted = await first.result;
    // The CLI's exit code for a cancellation (pkg/cmd/pulumi/cmd/exit_codes.go ExitCancelled).
    assert.equal(interrupted.code, 8, interrupted.output);
    assert.match(interrupted.stderr, /error: update cancelled/);
    assert.ok(project.journal().includes("created slow.txt"), "the step in flight finished");
    assert.ok(project.resource("slow"), "and is in the checkpoint");
    assert.equal(project.checkpoint().deployment.pending_operations, undefined);
  });
});
