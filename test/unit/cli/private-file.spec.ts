import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkpointPath, writeCheckpoint } from "../../../cli/engine/checkpoint";
import { writePrivateFile } from "../../../cli/engine/private-file";

const mode = (path: string) => statSync(path).mode & 0o777;

/** The checkpoint and the stack's other files: owner-only on POSIX (Windows has no modes). */
describe("cli: private files (the checkpoint, journal and lock)", function () {
  if (process.platform === "win32") return;
  let dir: string;
  let umask: number;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "private-file-"));
    // The usual umask leaves files 0644 and directories 0755: readable by everyone on the machine.
    umask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(dir, { recursive: true, force: true });
  });

  it("writeCheckpoint writes the checkpoint 0600 in directories 0700, created for it", () => {
    const file = checkpointPath(dir, "dev");
    writeCheckpoint(
      file,
      { resources: [], pendingOperations: [] },
      { crypter: () => assert.fail(), salt: () => undefined },
    );
    assert.equal(mode(file).toString(8), "600");
    assert.equal(mode(join(dir, ".pulumi-hyperv", "stacks")).toString(8), "700");
    assert.equal(mode(join(dir, ".pulumi-hyperv")).toString(8), "700");
    assert.equal(JSON.parse(readFileSync(file, "utf8")).version, 3);
    assert.deepEqual(
      readdirSync(join(dir, ".pulumi-hyperv", "stacks")),
      ["dev.json"],
      "no temporary file left",
    );
  });

  it("narrows a checkpoint and its directory that an earlier version left readable by others", () => {
    const stacks = join(dir, "stacks");
    mkdirSync(stacks, { mode: 0o755 });
    const file = join(stacks, "dev.json");
    writeFileSync(file, "{}", { mode: 0o644 });
    assert.equal(mode(file).toString(8), "644");
    writePrivateFile(file, "{}\n");
    assert.equal(mode(file).toString(8), "600");
    assert.equal(mode(stacks).toString(8), "700");
  });

  it("is 0600 whatever the umask (one that would leave the owner without write too)", () => {
    process.umask(0o277);
    const file = join(dir, "stacks", "dev.json");
    writePrivateFile(file, "secret");
    assert.equal(mode(file).toString(8), "600");
    assert.equal(readFileSync(file, "utf8"), "secret");
    process.umask(0o000);
    writePrivateFile(file, "again");
    assert.equal(mode(file).toString(8), "600");
  });

  it("leaves the old file and no temporary one when the write fails", () => {
    const stacks = join(dir, "stacks");
    const file = join(stacks, "dev.json");
    writePrivateFile(file, "old");
    // A directory in the way of the rename: the write fails after the temporary file was written.
    rmSync(file);
    mkdirSync(file);
    writeFileSync(join(file, "x"), "");
    assert.throws(() => writePrivateFile(file, "new"));
    assert.deepEqual(readdirSync(stacks), ["dev.json"]);
  });
});
