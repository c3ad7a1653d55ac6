/**
 * The engine's lifecycle rules, in process: each test names the pulumi/pulumi behaviour it ports
 * (`pkg/engine/lifecycletest/*_test.go`, or the engine function where the rule lives).
 */
import { strict as assert } from "node:assert";
import { replay } from "../../../cli/engine/backend/journal";
import { secret, isSecret, UNKNOWN } from "../../../cli/engine/properties";
import { Semaphore } from "../../../cli/engine/semaphore";
import {
  EMPTY,
  FakeProvider,
  opsOf,
  resourceOf,
  runDestroy,
  runRefresh,
  update,
  urnOf,
  type Program,
} from "./lifecycle-harness";

const ab: Program = async (m) => {
  const a = await m.register("a", { v: 1 });
  await m.register("b", { from: a.outputs!.v }, { propertyDependencies: { from: [a.urn] } });
};

describe("engine lifecycle (in process, as Pulumi's lifecycletest)", () => {
  it("creates in dependency order and records provider, dependencies and times (TestSingleResourceDefaultProviderLifecycle)", async () => {
    const p = new FakeProvider();
    const r = await update(p, EMPTY, ab);
    assert.ok(r.ok, JSON.stringify(r.failed));
    assert.deepEqual(opsOf(r), ["create a", "create b"]);
    const b = resourceOf(r.snapshot, "b")!;
    assert.deepEqual(b.propertyDependencies, { from: [urnOf("a")] });
    assert.match(b.provider!, /^urn:pulumi:test::test::pulumi:providers:pulumi-nodejs::default::/);
    assert.equal(b.created, "2026-12-07T00:00:00.000Z");
    assert.equal(r.snapshot.pendingOperations.length, 0);
  });

  describe("1. same steps are recorded (backend/snapshot.go sameSnapshotMutation.mustWrite)", () => {
    it("a newly added protect and retainOnDelete are written, and then stop a destroy", async () => {
      const p = new FakeProvider();
      const first = await update(p, EMPTY, async (m) => void (await m.register("a", { v: 1 })));
      const second = await update(p, first.snapshot, async (m) => {
        await m.register("a", { v: 1 }, { protect: true });
      });
      assert.deepEqual(opsOf(second), ["same a"]);
      assert.equal(resourceOf(second.snapshot, "a")!.protect, true);
      const destroyed = await runDestroy(p, second.snapshot);
      assert.equal(destroyed.ok, false);
      assert.match(destroyed.failed[0].error, /unable to delete resource [\s\S]* marked for protection/);
      assert.deepEqual(p.made("delete"), []);
      // Removing protect is recorded too, so the advice in the error works.
      const third = await update(p, second.snapshot, async (m) => {
        await m.register("a", { v: 1 }, { retainOnDelete: true });
      });
      assert.equal(resourceOf(third.snapshot, "a")!.protect, false);
      assert.equal(resourceOf(third.snapshot, "a")!.retainOnDelete, true);
      const gone = await runDestroy(p, third.snapshot);
      assert.ok(gone.ok);
      assert.deepEqual(p.made("delete"), [], "a retained resource is not deleted from the host");
    });

    it("a value that became secret is written as a secret", async () => {
      const p = new FakeProvider();
      const first = await update(p, EMPTY, async (m) => void (await m.register("a", { password: "x" })));
      const second = await update(p, first.snapshot, async (m) => {
        await m.register("a", { password: secret("x") });
      });
      assert.deepEqual(opsOf(second), ["same a"]);
      assert.ok(isSecret(resourceOf(second.snapshot, "a")!.inputs!.password));
    });

    it("an unchanged same step journals only that the old state stays", async () => {
      const p = new FakeProvider();
      const first = await update(p, EMPTY, async (m) => void (await m.register("a", { v: 1 })));
      const second = await update(p, first.snapshot, async (m) => void (await m.register("a", { v: 1 })));
      const same = second.entries.find((e) => e.kind === "success")!;
      assert.equal((same as { keepOld?: boolean }).keepOld, true);
      assert.deepEqual(replay(first.snapshot, second.entries), second.snapshot);
    });
  });

  describe("changes through the step generator (step_generator.go continueStepsFromDiff; step_executor.go)", () => {
    const abc: (v: number, o?: { deleteBeforeReplace?: boolean }) => Program =
      (v, o = {}) =>
      async (m) => {
        const a = await m.register("a", { v }, o);
        await m.register("b", { follows: a.outputs!.v }, { propertyDependencies: { follows: [a.urn] } });
        await m.register("c", { from: a.outputs!.v }, { propertyDependencies: { from: [a.urn] } });
      };

    /** Deploys a, b and c, then changes a's input, which replaces a and c (b is updated). */
    const replaceA = async (o: { deleteBeforeReplace?: boolean } = {}) => {
      const p = new FakeProvider();
      p.replaceKeys = ["v", "from"];
      const first = await update(p, EMPTY, abc(1));
      p.calls.length = 0;
      const second = await update(p, first.snapshot, abc(2, o));
      assert.ok(second.ok, JSON.stringify(second.failed));
      return { p, first, second };
    };

    it("a changed input updates in place, and so does the dependent whose input follows it (TestUpdate)", async () => {
      const p = new FakeProvider();
      const first = await update(p, EMPTY, abc(1));
      const second = await update(p, first.snapshot, abc(2));
      assert.ok(second.ok, JSON.stringify(second.failed));
      assert.deepEqual(opsOf(second), ["update a", "update b", "update c"]);
      assert.equal(resourceOf(second.snapshot, "b")!.outputs!.follows, 2);
      assert.equal(resourceOf(second.snapshot, "a")!.id, resourceOf(first.snapshot, "a")!.id);
    });

    it("a replacement creates the new resource before it deletes the old one by default (TestCreateBeforeReplace)", async () => {
      const { p, first, second } = await replaceA();
      // The old a goes last: after its replacement and every dependent that used it.
      assert.deepEqual(p.made("create", "update", "delete"), [
        "create a",
        "update b",
        "create c",
        "delete c",
        "delete a",
      ]);
      assert.notEqual(resourceOf(second.snapshot, "a")!.id, resourceOf(first.snapshot, "a")!.id);
      assert.ok(!second.snapshot.resources.some((r) => r.delete), "no condemned state left");
    });

    it("delete-before-replace deletes first; a dependent that must be replaced goes first and comes back (TestDeleteBeforeReplace)", async () => {
      const { p, second } = await replaceA({ deleteBeforeReplace: true });
      // c's input comes from a and forces a replacement: deleted before a. b's does not: updated.
      assert.deepEqual(p.made("create", "update", "delete"), [
        "delete c",
        "delete a",
        "create a",
        "update b",
        "create c",
      ]);
      assert.equal(second.summary.replace, 2);
    });
  });

  it("2. an alias continues the old resource: a same step, no create or delete (step_generator.go getOldResource; TestAliases)", async () => {
    const p = new FakeProvider();
    const first = await update(p, EMPTY, ab);
    const second = await update(p, first.snapshot, async (m) => {
      const a = await m.register("a2", { v: 1 }, { aliases: [{ name: "a" }] });
      await m.register("b", { from: a.outputs!.v }, { propertyDependencies: { from: [a.urn] } });
    });
    assert.ok(second.ok, JSON.stringify(second.failed));
    assert.deepEqual(opsOf(second), ["same a2", "same b"]);
    assert.deepEqual(p.made("create", "delete"), ["create a", "create b"]);
    assert.equal(resourceOf(second.snapshot, "a"), undefined);
    assert.equal(resourceOf(second.snapshot, "a2")!.id, resourceOf(first.snapshot, "a")!.id);
    assert.deepEqual(resourceOf(second.snapshot, "a2")!.aliases, [urnOf("a")]);
  });

  it("2. references of unregistered resources to an aliased URN follow the rename (Snapshot.NormalizeURNReferences)", async () => {
    const p = new FakeProvider();
    const first = await update(p, EMPTY, ab);
    // b is no longer registered: it is deleted, and until then its dependency names the new URN.
    const second = await update(p, first.snapshot, async (m) => {
      await m.register("a2", { v: 1 }, { aliases: [{ urn: urnOf("a") }] });
    });
    assert.ok(second.ok, JSON.stringify(second.failed));
    assert.deepEqual(opsOf(second), ["same a2", "delete b"]);
  });

  it("3. a protected dependent stops a delete-before-replace before anything is deleted (step_generator.go continueStepsFromDiff)", async () => {
    const p = new FakeProvider();
    p.replaceKeys = ["v", "from"];
    const first = await update(p, EMPTY, async (m) => {
      const a = await m.register("a", { v: 1 });
      await m.register(
        "b",
        { from: a.outputs!.v },
        { propertyDependencies: { from: [a.urn] }, protect: true },
      );
    });
    const second = await update(p, first.snapshot, async (m) => {
      const a = await m.register("a", { v: 2 }, { deleteBeforeReplace: true });
      await m.register(
        "b",
        { from: a.outputs!.v },
        { propertyDependencies: { from: [a.urn] }, protect: true },
      );
    });
    assert.equal(second.ok, false);
    assert.match(
      second.diagnostics.map((d) => d.message).join("\n"),
      /unable to replace resource ".*::b" as part of replacing ".*::a"/,
    );
    assert.deepEqual(p.made("delete"), []);
    assert.equal(second.snapshot.resources.length, first.snapshot.resources.length);
  });

  it("4. a failed create after delete-before-replace keeps the old state as pendingReplacement (TestDeleteBeforeReplace, pendingReplacement)", async () => {
    const p = new FakeProvider();
    p.replaceKeys = ["v"];
    const first = await update(p, EMPTY, ab);
    p.failOn.add("create:a");
    const second = await update(p, first.snapshot, async (m) => {
      const a = await m.register("a", { v: 2 }, { deleteBeforeReplace: true });
      await m.register("b", { from: a.outputs!.v }, { propertyDependencies: { from: [a.urn] } });
    });
    assert.equal(second.ok, false);
    const a = second.snapshot.resources.find((r) => r.urn === urnOf("a"))!;
    assert.equal(a.pendingReplacement, true);
    assert.deepEqual(resourceOf(second.snapshot, "b")!.propertyDependencies, { from: [urnOf("a")] });
    // The next run creates the replacement without deleting again, and the pending state goes.
    p.failOn.clear();
    const third = await update(p, second.snapshot, async (m) => {
      const a2 = await m.register("a", { v: 2 }, { deleteBeforeReplace: true });
      await m.register("b", { from: a2.outputs!.v }, { propertyDependencies: { from: [a2.urn] } });
    });
    assert.ok(third.ok, JSON.stringify(third.failed));
    assert.equal(p.made("delete").filter((c) => c === "delete a").length, 1);
    assert.equal(third.snapshot.resources.filter((r) => r.urn === urnOf("a")).length, 1);
    assert.ok(!third.snapshot.resources.some((r) => r.pendingReplacement));
  });

  it("5. refresh of a resource gone removes references to it (FilterRefreshDeletes)", async () => {
    const p = new FakeProvider();
    const first = await update(p, EMPTY, ab);
    p.objects.delete(resourceOf(first.snapshot, "a")!.id!);
    const refreshed = await runRefresh(p, first.snapshot);
    assert.ok(refreshed.ok);
    assert.equal(resourceOf(refreshed.snapshot, "a"), undefined);
    const b = resourceOf(refreshed.snapshot, "b")!;
    assert.deepEqual(b.dependencies, []);
    assert.deepEqual(b.propertyDependencies, {});
  });

  it("refresh records drift: the outputs the provider reads now (TestRefreshBasic)", async () => {
    const p = new FakeProvider();
    const first = await update(p, EMPTY, ab);
    p.objects.set(resourceOf(first.snapshot, "a")!.id!, { v: 7 });
    const refreshed = await runRefresh(p, first.snapshot);
    assert.ok(refreshed.ok);
    // Shown as an update, as the CLI's summary counts a drifted resource ("~ 1 updated").
    assert.deepEqual(
      opsOf(refreshed).filter((op) => op.endsWith(" a")),
      ["update a"],
    );
    assert.equal(resourceOf(refreshed.snapshot, "a")!.outputs!.v, 7);
    assert.equal(resourceOf(refreshed.snapshot, "b")!.outputs!.from, 1, "b has not drifted");
  });

  it("6. a failed create, update or delete leaves no pending operation (step_executor.go: End(step, false))", async () => {
    const p = new FakeProvider();
    p.failOn.add("create:b");
    const first = await update(p, EMPTY, ab);
    assert.equal(first.ok, false);
    assert.deepEqual(first.snapshot.pendingOperations, []);
    assert.deepEqual(
      first.snapshot.resources.map((r) => r.urn.split("::").pop()),
      ["default", "a"],
    );
    p.failOn.clear();
    const second = await update(p, first.snapshot, ab);
    p.failOn.add("delete:b");
    const third = await runDestroy(p, second.snapshot);
    assert.equal(third.ok, false);
    assert.deepEqual(third.snapshot.pendingOperations, []);
  });

  it("7. a pending create from a killed run is kept until a refresh resolves it (backend/snapshot.go Snap)", async () => {
    const p = new FakeProvider();
    const killed = {
      resources: [],
      pendingOperations: [
        {
          type: "creating" as const,
          resource: { urn: urnOf("a"), custom: true, type: "pulumi-nodejs:dynamic/test:Thing" },
        },
      ],
    };
    const next = await update(p, killed, async () => undefined);
    assert.deepEqual(
      next.snapshot.pendingOperations.map((o) => o.type),
      ["creating"],
    );
  });

  it("9. the import option reads the existing object, then diffs the program against it (ImportStep, continueStepsFromImport)", async () => {
    const p = new FakeProvider();
    p.objects.set("existing-1", { v: 1 });
    const imported = await update(
      p,
      EMPTY,
      async (m) => void (await m.register("a", { v: 1 }, { importId: "existing-1" })),
    );
    assert.ok(imported.ok, JSON.stringify(imported.failed));
    assert.deepEqual(opsOf(imported), ["import a"]);
    assert.deepEqual(p.made("create"), []);
    assert.equal(resourceOf(imported.snapshot, "a")!.id, "existing-1");
    const changed = await update(
      p,
      EMPTY,
      async (m) => void (await m.register("b", { v: 2 }, { importId: "existing-1" })),
    );
    assert.deepEqual(opsOf(changed), ["import b", "update b"]);
    const missing = await update(
      p,
      EMPTY,
      async (m) => void (await m.register("c", {}, { importId: "nope" })),
    );
    assert.equal(missing.ok, false);
    assert.match(missing.failed[0].error, /resource 'nope' does not exist/);
  });

  it("10. a preview of an update lists no delete (step_generator.go GenerateDeletes)", async () => {
    const p = new FakeProvider();
    const first = await update(p, EMPTY, ab);
    const preview = await update(
      p,
      first.snapshot,
      async (m) => {
        const a = await m.register("a", { v: 2 });
        await m.register("b", { from: a.outputs!.v }, { propertyDependencies: { from: [a.urn] } });
      },
      { dryRun: true },
    );
    assert.ok(preview.ok);
    assert.deepEqual(opsOf(preview), ["update a", "update b"]);
    assert.deepEqual(preview.summary, { update: 2 });
  });

  it("10. a protected resource can be updated in place", async () => {
    const p = new FakeProvider();
    const first = await update(
      p,
      EMPTY,
      async (m) => void (await m.register("a", { v: 1 }, { protect: true })),
    );
    const second = await update(
      p,
      first.snapshot,
      async (m) => void (await m.register("a", { v: 2 }, { protect: true })),
    );
    assert.ok(second.ok, JSON.stringify(second.failed));
    assert.deepEqual(opsOf(second), ["update a"]);
  });

  it("11. removing protect and replacing in one run is allowed; replacing a still-protected resource is refused", async () => {
    const p = new FakeProvider();
    p.replaceKeys = ["v"];
    const first = await update(
      p,
      EMPTY,
      async (m) => void (await m.register("a", { v: 1 }, { protect: true })),
    );
    const refused = await update(
      p,
      first.snapshot,
      async (m) => void (await m.register("a", { v: 2 }, { protect: true })),
    );
    assert.equal(refused.ok, false);
    assert.match(refused.diagnostics.map((d) => d.message).join("\n"), /unable to replace resource/);
    assert.deepEqual(p.made("create"), ["create a"]);
    const allowed = await update(
      p,
      first.snapshot,
      async (m) => void (await m.register("a", { v: 2 }, { protect: false })),
    );
    assert.ok(allowed.ok, JSON.stringify(allowed.failed));
    assert.deepEqual(opsOf(allowed), ["create-replacement a", "replace a", "delete-replaced a"]);
  });

  it("12. a resource whose create left initErrors is retried with an update (continueStepsFromDiff hasInitErrors)", async () => {
    const p = new FakeProvider();
    p.failOn.add("create-partial:a");
    const first = await update(p, EMPTY, async (m) => void (await m.register("a", { v: 1 })));
    assert.equal(first.ok, false);
    const a = resourceOf(first.snapshot, "a")!;
    assert.deepEqual(a.initErrors, ["the object did not start"]);
    assert.ok(a.id);
    const second = await update(p, first.snapshot, async (m) => void (await m.register("a", { v: 1 })));
    assert.ok(second.ok);
    assert.deepEqual(opsOf(second), ["update a"]);
    assert.equal(resourceOf(second.snapshot, "a")!.initErrors, undefined);
  });

  it("13. a changed replacementTrigger replaces; a remote component is refused (shouldTriggerReplace)", async () => {
    const p = new FakeProvider();
    const first = await update(
      p,
      EMPTY,
      async (m) => void (await m.register("a", { v: 1 }, { replacementTrigger: "one" })),
    );
    const same = await update(
      p,
      first.snapshot,
      async (m) => void (await m.register("a", { v: 1 }, { replacementTrigger: "one" })),
    );
    assert.deepEqual(opsOf(same), ["same a"]);
    const replaced = await update(
      p,
      first.snapshot,
      async (m) => void (await m.register("a", { v: 1 }, { replacementTrigger: "two" })),
    );
    assert.deepEqual(opsOf(replaced), ["create-replacement a", "replace a", "delete-replaced a"]);
    const remote = await update(p, EMPTY, async (m) => {
      await m.register("r", {}, { custom: false, remote: true, type: "pkg:index:Component" });
    });
    assert.equal(remote.ok, false);
    assert.match(remote.diagnostics.map((d) => d.message).join("\n"), /remote \(multi-language\) component/);
  });

  it("14. a replacement is checked again without olds, and a same step stores the new inputs", async () => {
    const p = new FakeProvider();
    p.replaceKeys = ["v"];
    const first = await update(p, EMPTY, async (m) => void (await m.register("a", { v: 1 })));
    p.calls.length = 0;
    await update(p, first.snapshot, async (m) => void (await m.register("a", { v: 2 })));
    assert.deepEqual(p.made("check"), ["check a", "check a"]);
    // A provider diff that says "no changes" though the inputs differ: the new inputs are stored.
    const lenient = new FakeProvider();
    lenient.diff = async () => ({ changes: "none", replaces: [], deleteBeforeReplace: false, diffs: [] });
    const one = await update(lenient, EMPTY, async (m) => void (await m.register("a", { v: 1 })));
    const two = await update(
      lenient,
      one.snapshot,
      async (m) => void (await m.register("a", { v: 1, note: "x" })),
    );
    assert.deepEqual(opsOf(two), ["same a"]);
    assert.equal(resourceOf(two.snapshot, "a")!.inputs!.note, "x");
  });

  it("15. --parallel N runs at most N operations; deletes run in parallel along the dependency graph", async () => {
    const semaphore = new Semaphore(2);
    let active = 0;
    let peak = 0;
    const work = () =>
      semaphore.run(async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setImmediate(r));
        active--;
      });
    await Promise.all(Array.from({ length: 20 }, work));
    assert.equal(peak, 2);

    const p = new FakeProvider();
    const many: Program = async (m) => {
      const root = await m.register("root", {});
      await Promise.all(
        ["x", "y", "z"].map((n) =>
          m.register(n, { r: root.id }, { propertyDependencies: { r: [root.urn] } }),
        ),
      );
    };
    const first = await update(p, EMPTY, many);
    let inflight = 0;
    let most = 0;
    const remove = p.delete.bind(p);
    p.delete = async (id, urn) => {
      inflight++;
      most = Math.max(most, inflight);
      await new Promise((r) => setTimeout(r, 5));
      inflight--;
      return remove(id, urn);
    };
    const gone = await runDestroy(p, first.snapshot);
    assert.ok(gone.ok);
    assert.equal(most, 3, "x, y and z are deleted at once");
    assert.equal(p.made("delete").pop(), "delete root", "root goes after its dependents");
  });

  it("a refused secret input is named, never shown: the check failure says [secret] (redactCheckFailures)", async () => {
    const p = new FakeProvider();
    p.checkFailures.a = [{ property: "host", reason: "host 'ssh://admin:hunter2@hv01' is not a known form" }];
    const r = await update(
      p,
      EMPTY,
      async (m) => void (await m.register("a", { host: secret("ssh://admin:hunter2@hv01") })),
    );
    assert.equal(r.ok, false);
    const text = r.diagnostics.map((d) => d.message).join("\n");
    assert.match(text, /host: .*\[secret\]/);
    assert.doesNotMatch(text, /hunter2/);
  });

  it("Resource.get reads an object the program does not own; a destroy leaves it on the host (ReadStep, TestReadResource)", async () => {
    const p = new FakeProvider();
    p.objects.set("outside-1", { v: 7 });
    const r = await update(p, EMPTY, async (m) => {
      const got = await m.read("got", "outside-1");
      assert.equal(got.outputs!.v, 7);
    });
    assert.ok(r.ok, JSON.stringify(r.failed));
    assert.deepEqual(opsOf(r), ["read got"]);
    assert.equal(resourceOf(r.snapshot, "got")!.external, true);
    const gone = await runDestroy(p, r.snapshot);
    assert.ok(gone.ok);
    assert.deepEqual(p.made("delete"), []);
    assert.ok(p.objects.has("outside-1"));
    const missing = await update(p, EMPTY, async (m) => void (await m.read("nope", "missing-1")));
    assert.equal(missing.ok, false);
    assert.match(missing.failed[0].error, /resource 'missing-1' does not exist/);
  });

  it("a preview shows unknown inputs of a dependent of a resource to create", async () => {
    const p = new FakeProvider();
    const preview = await update(p, EMPTY, ab, { dryRun: true });
    assert.ok(preview.ok);
    assert.deepEqual(opsOf(preview), ["create a", "create b"]);
    assert.deepEqual(p.made("create"), []);
    assert.notEqual(UNKNOWN, undefined);
  });
});
