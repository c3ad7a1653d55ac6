/**
 * The journal beside the checkpoint: a killed run's journal is replayed by the next command, a
 * cut-short last line is ignored, and pending creates survive until a refresh resolves them
 * (pulumi/pulumi `pkg/backend/journal.go` JournalReplayer, `pkg/cmd/pulumi/operations/refresh.go`).
 */
import { strict as assert } from "node:assert";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CheckpointPersister,
  journalPath,
  readStackState,
} from "../../../cli/engine/backend/checkpoint-store";
import { SnapshotManager } from "../../../cli/engine/backend/snapshot-manager";
import { writeCheckpoint, type SecretsAccess } from "../../../cli/engine/checkpoint";
import { verifyIntegrity } from "../../../cli/engine/deploy/integrity";
import { resolvePendingCreates } from "../../../cli/engine/pending-creates";
import type { ResourceState, Snapshot } from "../../../cli/engine/state";
import { EMPTY, FakeProvider, update, urnOf } from "./lifecycle-harness";

const plain: SecretsAccess = {
  crypter: () => {
    throw new Error("no secrets in these tests");
  },
  salt: () => undefined,
};

describe("checkpoint and journal", () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "pulumi-hyperv-journal-"));
    file = join(dir, "stack.json");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function deployed(): Promise<Snapshot> {
    const r = await update(new FakeProvider(), EMPTY, async (m) => {
      const a = await m.register("a", { v: 1 });
      await m.register("b", { v: a.id }, { propertyDependencies: { v: [a.urn] } });
    });
    return r.snapshot;
  }

  it("a killed run's journal is replayed: completed steps stay, the step in flight is a pending operation", async () => {
    const base = await deployed();
    writeCheckpoint(file, base, plain);
    const persister = new CheckpointPersister(file, plain, base);
    const manager = new SnapshotManager(base, persister);
    const fresh: ResourceState = {
      urn: urnOf("c"),
      custom: true,
      type: base.resources[1].type,
      id: "id-9",
      provider: base.resources[1].provider,
    };
    const provider = base.resources[0];
    manager.begin({ op: "same", urn: provider.urn, old: provider, new: { ...provider } }).end(true);
    const done = manager.begin({ op: "create", urn: fresh.urn, new: fresh });
    done.end(true);
    const inflight: ResourceState = { ...fresh, urn: urnOf("d"), id: undefined };
    manager.begin({ op: "create", urn: inflight.urn, new: inflight });
    persister.release(); // killed: no compaction
    appendFileSync(journalPath(file), '{"kind":"success","op":'); // a line cut short
    const replayed = readStackState(file, plain);
    verifyIntegrity(replayed);
    assert.deepEqual(
      replayed.resources.map((r) => r.urn.split("::").pop()),
      ["default", "c", "a", "b"],
    );
    assert.deepEqual(
      replayed.pendingOperations.map((p) => `${p.type} ${p.resource.urn.split("::").pop()}`),
      ["creating d"],
    );
    assert.equal(existsSync(journalPath(file)), false, "the journal is compacted into the checkpoint");
    assert.equal(JSON.parse(readFileSync(file, "utf8")).version, 3);
  });

  it("each step appends one line; the checkpoint is rewritten only every so many steps", async () => {
    const base = await deployed();
    writeCheckpoint(file, base, plain);
    const before = statSync(file).mtimeMs;
    const persister = new CheckpointPersister(file, plain, base);
    const manager = new SnapshotManager(base, persister);
    for (const r of base.resources)
      manager.begin({ op: "same", urn: r.urn, old: r, new: { ...r } }).end(true);
    assert.equal(
      readFileSync(journalPath(file), "utf8").trim().split("\n").length,
      1 + base.resources.length,
    );
    assert.equal(statSync(file).mtimeMs, before);
    persister.close(manager.snap());
    assert.equal(existsSync(journalPath(file)), false);
  });

  it("a snapshot that fails the integrity check is never written", async () => {
    const base = await deployed();
    writeCheckpoint(file, base, plain);
    const text = readFileSync(file, "utf8");
    const persister = new CheckpointPersister(file, plain, base);
    const broken: Snapshot = { resources: [...base.resources].reverse(), pendingOperations: [] };
    assert.throws(
      () => persister.close(broken),
      /snapshot integrity failure[\s\S]*bug in pulumi-hyperv: the checkpoint was not written/,
    );
    assert.equal(readFileSync(file, "utf8"), text);
    assert.ok(existsSync(journalPath(file)), "the journal of the run is kept");
  });

  it("refresh's flags resolve pending creates: import with an id, clear, or leave them", () => {
    const op = { type: "creating" as const, resource: { urn: urnOf("a"), custom: true, type: "t" } };
    const base: Snapshot = { resources: [], pendingOperations: [op] };
    const imported = resolvePendingCreates(base, {
      clear: false,
      skip: false,
      imports: [urnOf("a"), "id-1", urnOf("zz"), "id-2"],
    });
    assert.deepEqual(
      imported.snapshot.resources.map((r) => r.id),
      ["id-1"],
    );
    assert.deepEqual(imported.snapshot.pendingOperations, []);
    assert.deepEqual(imported.unused, [urnOf("zz")]);
    assert.deepEqual(
      resolvePendingCreates(base, { clear: true, skip: false, imports: [] }).snapshot.pendingOperations,
      [],
    );
    assert.equal(
      resolvePendingCreates(base, { clear: false, skip: false, imports: [] }).snapshot.pendingOperations
        .length,
      1,
    );
    assert.throws(
      () => resolvePendingCreates(base, { clear: true, skip: true, imports: [] }),
      /cannot set both/,
    );
    assert.throws(() => resolvePendingCreates(base, { clear: false, skip: false, imports: ["x"] }), /pairs/);
  });
});
