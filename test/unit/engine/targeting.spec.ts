/**
 * `--target`, `--exclude`, `--replace`, `--continue-on-error` and `destroy --exclude-protected`,
 * ported from pulumi/pulumi `pkg/engine/lifecycletest/target_test.go`, `exclude_test.go` and
 * `continue_on_error_test.go` (each test names its source).
 */
import { strict as assert } from "node:assert";
import { UrnTargets } from "../../../cli/engine/deploy/targets";
import {
  EMPTY,
  FakeProvider,
  opsOf,
  resourceOf,
  runDestroy,
  update,
  urnOf,
  type Program,
} from "./lifecycle-harness";

const three: (v: number) => Program = (v) => async (m) => {
  const a = await m.register("a", { v });
  await m.register("b", { v, a: a.id }, { propertyDependencies: { a: [a.urn] } });
  await m.register("c", { v });
};

describe("engine targeting (in process)", () => {
  it("globs: * within a URN part, ** across parts (UrnTargets)", () => {
    const t = new UrnTargets(["urn:pulumi:test::test::pulumi-nodejs:dynamic/test:*::a", "**::b"]);
    assert.ok(!new UrnTargets(["urn:pulumi:test::test::*::a"]).contains(urnOf("a")), "* stops at ':'");
    assert.ok(t.contains(urnOf("a")));
    assert.ok(t.contains(urnOf("b")));
    assert.ok(!t.contains(urnOf("c")));
    assert.ok(new UrnTargets().contains(urnOf("c")), "an empty set constrains nothing");
    assert.ok(!new UrnTargets().names(urnOf("c")));
  });

  it("--target updates only the target; the others keep their old state (TestUpdateTarget, TestEnsureUntargetedSame)", async () => {
    const p = new FakeProvider();
    const first = await update(p, EMPTY, three(1));
    const r = await update(p, first.snapshot, three(2), { targets: [urnOf("c")] });
    assert.ok(r.ok, JSON.stringify(r.failed));
    assert.deepEqual(opsOf(r).sort(), ["same a", "same b", "update c"]);
    assert.equal(resourceOf(r.snapshot, "a")!.inputs!.v, 1, "untargeted: old inputs kept");
    assert.equal(resourceOf(r.snapshot, "c")!.inputs!.v, 2);
  });

  it("--target-dependents takes the targets' dependents along (TestTargetDependents)", async () => {
    const p = new FakeProvider();
    const first = await update(p, EMPTY, three(1));
    const r = await update(p, first.snapshot, three(2), { targets: [urnOf("a")], targetDependents: true });
    assert.deepEqual(opsOf(r).sort(), ["same c", "update a", "update b"]);
  });

  it("an untargeted create is skipped, and refused when a target needs it (TestCreateDuringTargetedUpdate_*)", async () => {
    const p = new FakeProvider();
    const first = await update(p, EMPTY, async (m) => void (await m.register("a", { v: 1 })));
    const notReferenced = await update(
      p,
      first.snapshot,
      async (m) => {
        await m.register("a", { v: 2 });
        await m.register("new", { v: 1 });
      },
      { targets: [urnOf("a")] },
    );
    assert.ok(notReferenced.ok);
    assert.equal(resourceOf(notReferenced.snapshot, "new"), undefined, "never recorded");
    assert.deepEqual(p.made("create"), ["create a"]);
    const referenced = await update(
      p,
      first.snapshot,
      async (m) => {
        const n = await m.register("new", { v: 1 });
        await m.register("a", { v: 2, n: n.id }, { propertyDependencies: { n: [n.urn] } });
      },
      { targets: [urnOf("a")] },
    );
    assert.equal(referenced.ok, false);
    assert.match(
      referenced.diagnostics.map((d) => d.message).join("\n"),
      /depends on .*::new, which is not created/,
    );
  });

  it("--exclude leaves the excluded (and with --exclude-dependents their dependents) as they were (TestExcludeTarget)", async () => {
    const p = new FakeProvider();
    const first = await update(p, EMPTY, three(1));
    const r = await update(p, first.snapshot, three(2), { excludes: [urnOf("a")], excludeDependents: true });
    assert.deepEqual(opsOf(r).sort(), ["same a", "same b", "update c"]);
  });

  it("--replace replaces a resource whose diff is empty (TestReplaceSpecificTargets)", async () => {
    const p = new FakeProvider();
    const first = await update(p, EMPTY, three(1));
    const r = await update(p, first.snapshot, three(1), { replace: [urnOf("c")] });
    assert.ok(r.ok, JSON.stringify(r.failed));
    assert.deepEqual(
      opsOf(r).filter((o) => o.endsWith(" c")),
      ["create-replacement c", "replace c", "delete-replaced c"],
    );
  });

  it("a targeted destroy of a resource others depend on is refused before anything is deleted (TestTargetDestroyDependencyErrors)", async () => {
    const p = new FakeProvider();
    const first = await update(p, EMPTY, three(1));
    const refused = await runDestroy(p, first.snapshot, { targets: [urnOf("a")] });
    assert.equal(refused.ok, false);
    assert.deepEqual(p.made("delete"), []);
    const withDependents = await runDestroy(p, first.snapshot, {
      targets: [urnOf("a")],
      targetDependents: true,
    });
    assert.ok(withDependents.ok);
    assert.deepEqual(p.made("delete"), ["delete b", "delete a"]);
    assert.ok(resourceOf(withDependents.snapshot, "c"));
  });

  it("destroy --exclude-protected keeps the protected resources and what they depend on", async () => {
    const p = new FakeProvider();
    const first = await update(p, EMPTY, async (m) => {
      const a = await m.register("a", { v: 1 });
      await m.register("b", { a: a.id }, { propertyDependencies: { a: [a.urn] }, protect: true });
      await m.register("c", { v: 1 });
    });
    const r = await runDestroy(p, first.snapshot, { excludeProtected: true });
    assert.ok(r.ok, JSON.stringify(r.failed));
    assert.deepEqual(p.made("delete"), ["delete c"]);
    assert.ok(resourceOf(r.snapshot, "a") && resourceOf(r.snapshot, "b"));
  });

  it("--continue-on-error: a failed create skips its dependents, the rest is done, the run fails (TestUpContinueOnErrorFailedDependencies)", async () => {
    const p = new FakeProvider();
    p.failOn.add("create:a");
    const r = await update(
      p,
      EMPTY,
      async (m) => {
        const a = m.register("a", { v: 1 });
        const c = m.register("c", { v: 1 });
        await Promise.allSettled([
          a.then((s) => m.register("b", { a: s.id }, { propertyDependencies: { a: [s.urn] } })),
          c,
        ]);
        await m.register("d", { v: 1 }, { dependsOn: [urnOf("a")] }).catch(() => undefined);
      },
      { continueOnError: true },
    );
    assert.equal(r.ok, false);
    assert.deepEqual(p.made("create").sort(), ["create a", "create c"]);
    assert.ok(resourceOf(r.snapshot, "c"));
    assert.match(
      r.diagnostics.map((d) => d.message).join("\n"),
      /::d was not updated: it depends on .*::a, whose step failed/,
    );
  });
});
