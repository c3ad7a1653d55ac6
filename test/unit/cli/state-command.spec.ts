// Ports of the Pulumi CLI's state edits (pulumi/pulumi pkg/cmd/pulumi/state/state_unprotect.go,
// state_delete.go, io.go resourceNotFoundError, and pkg/resource/edit DeleteResource).
import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { state } from "../../../cli/commands/state";
import { checkpointPath, readCheckpoint, writeCheckpoint } from "../../../cli/engine/checkpoint";
import { acquireLock } from "../../../cli/engine/lock";
import type { ResourceState, Snapshot } from "../../../cli/engine/state";
import { deleteFromState, unprotect, unprotectAll } from "../../../cli/engine/state-edit";

const PREFIX = "urn:pulumi:dev::lab::";
const STACK = `${PREFIX}pulumi:pulumi:Stack::lab-dev`;
const PROVIDER = `${PREFIX}pulumi:providers:pulumi-nodejs::default`;
const SWITCH = `${PREFIX}pulumi-nodejs:dynamic/hyperv:VirtualSwitch::lan`;
const VM = `${PREFIX}pulumi-nodejs:dynamic/hyperv:VirtualMachine::web`;
const DISK = `${PREFIX}pulumi-nodejs:dynamic/hyperv:VirtualHardDisk::os`;

function snapshot(): Snapshot {
  const custom = (urn: string, extra: Partial<ResourceState> = {}): ResourceState => ({
    urn,
    custom: true,
    id: `${urn.slice(-3)}-id`,
    type: urn.split("::")[2],
    parent: STACK,
    provider: `${PROVIDER}::p1`,
    inputs: {},
    outputs: {},
    ...extra,
  });
  return {
    resources: [
      { urn: STACK, custom: false, type: "pulumi:pulumi:Stack", outputs: {} },
      {
        urn: PROVIDER,
        custom: true,
        id: "p1",
        type: "pulumi:providers:pulumi-nodejs",
        inputs: {},
        outputs: {},
      },
      custom(SWITCH, { protect: true }),
      custom(DISK, { protect: true }),
      custom(VM, { dependencies: [SWITCH], propertyDependencies: { hardDisks: [DISK] } }),
    ],
    pendingOperations: [],
  };
}

const noWarn = { force: false, stateFile: "s.json", warn: () => assert.fail("no warning expected") };

describe("state edits: the Pulumi CLI's state unprotect and state delete", () => {
  it("unprotect clears protect on the named resources, --all on every one not pending deletion", () => {
    const { snapshot: edited, count } = unprotect(snapshot(), [SWITCH], "s.json");
    assert.equal(count, 1);
    assert.deepEqual(
      edited.resources.filter((r) => r.protect).map((r) => r.urn),
      [DISK],
    );
    const pending = snapshot();
    pending.resources.push({ ...pending.resources[3], delete: true });
    const all = unprotectAll(pending);
    assert.deepEqual(
      all.resources.filter((r) => r.protect).map((r) => [r.urn, r.delete]),
      [[DISK, true]],
      "a resource pending deletion keeps its protect bit, as in the CLI",
    );
  });

  it("an unknown URN names the closest ones in the state and where to list them", () => {
    assert.throws(
      () =>
        unprotect(
          snapshot(),
          [`${PREFIX}pulumi-nodejs:dynamic/hyperv:VirtualSwitch::lna`],
          "/p/.pulumi-hyperv/stacks/dev.json",
        ),
      (e: Error) => {
        assert.equal(
          e.message,
          `No such resource "${PREFIX}pulumi-nodejs:dynamic/hyperv:VirtualSwitch::lna" exists in the current state\n` +
            // The CLI's similarURNs: up to three within max(2, len/4) edits, closest first.
            `Did you mean:\n  ${SWITCH}\n  ${VM}\n  ${DISK}\n` +
            'To list the resource URNs in the stack, read the "urn" fields of /p/.pulumi-hyperv/stacks/dev.json.',
        );
        return true;
      },
    );
  });

  it("delete refuses a protected resource without --force, and warns with it", () => {
    const base = deleteFromState(snapshot(), VM, noWarn);
    assert.throws(
      () => deleteFromState(base, SWITCH, noWarn),
      new RegExp(
        `: ${SWITCH} can't be safely deleted because it is protected\\. Re-run this command with --force to force deletion$`,
      ),
    );
    const warnings: string[] = [];
    const edited = deleteFromState(base, SWITCH, { ...noWarn, force: true, warn: (m) => warnings.push(m) });
    assert.deepEqual(warnings, [`deleting protected resource ${SWITCH} due to presence of --force`]);
    assert.equal(
      edited.resources.some((r) => r.urn === SWITCH),
      false,
    );
  });

  it("delete refuses a resource others depend on (dependencies, property dependencies, parent, provider), listing them", () => {
    assert.throws(
      () => deleteFromState(snapshot(), SWITCH, { ...noWarn, force: true, warn: () => {} }),
      (e: Error) => {
        assert.equal(
          e.message,
          `${SWITCH} can't be safely deleted because the following resources depend on it:\n` +
            ` * "web"           (${VM})\n\nDelete those resources first.`,
        );
        return true;
      },
    );
    assert.throws(
      () => deleteFromState(snapshot(), DISK, { ...noWarn, force: true, warn: () => {} }),
      /"web"/,
    );
    assert.throws(() => deleteFromState(snapshot(), STACK, noWarn), /following resources depend on it/);
    assert.throws(() => deleteFromState(snapshot(), PROVIDER, noWarn), /"lan"[\s\S]*"os"[\s\S]*"web"/);
  });

  describe("the command, on a project's checkpoint", () => {
    let dir: string;
    let file: string;
    const secrets = { crypter: () => assert.fail("no secrets"), salt: () => undefined };
    const run = (...argv: string[]) => state.run([...argv, "-C", dir, "--yes"]);
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), "state-command-"));
      writeFileSync(join(dir, "Pulumi.yaml"), "name: lab\nruntime: nodejs\n");
      writeFileSync(join(dir, "Pulumi.dev.yaml"), "config: {}\n");
      file = checkpointPath(dir, "dev");
      writeCheckpoint(file, snapshot(), secrets);
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("unprotects and deletes, writing the checkpoint; a bad edit changes nothing", async () => {
      assert.equal(await run("unprotect", SWITCH), 0);
      assert.equal(
        readCheckpoint(file, secrets).resources.find((r) => r.urn === SWITCH)?.protect ?? false,
        false,
      );
      const before = readFileSync(file, "utf8");
      await assert.rejects(run("delete", SWITCH), /depend on it/);
      assert.equal(readFileSync(file, "utf8"), before);
      assert.equal(await run("delete", VM), 0);
      assert.equal(await run("delete", SWITCH), 0);
      assert.deepEqual(
        readCheckpoint(file, secrets).resources.map((r) => r.urn),
        [STACK, PROVIDER, DISK],
      );
      assert.equal(await run("unprotect", "--all"), 0);
      assert.equal(
        readCheckpoint(file, secrets).resources.some((r) => r.protect),
        false,
      );
    });

    it("refuses while the stack is locked, and bad arguments with the usage", async () => {
      const lock = acquireLock(file.replace(/\.json$/, ".lock"), "up");
      try {
        await assert.rejects(run("unprotect", "--all"), /the stack is locked: another up is running/);
      } finally {
        lock.release();
      }
      await assert.rejects(run("unprotect"), /needs the URN of the resource to unprotect, or --all/);
      await assert.rejects(run("unprotect", "--all", SWITCH), /cannot specify a resource URN/);
      await assert.rejects(run("delete", SWITCH, VM), /takes the URN of one resource \(got 2\)/);
      await assert.rejects(run("move"), /unknown "state" subcommand "move"/);
    });
  });
});
