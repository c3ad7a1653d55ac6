import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPool, type SessionPool } from "../../provider/powershell";
import { PACKAGE_ROOT, programDirectory, ProviderHost, serializedProvider, urnOf } from "./provider-host";
import { listVms, TEST_OPERATIONS } from "./vm-support";

const NEWER_PACKAGE = join(__dirname, "fixtures", "newer-package");

describe("the serialized provider: small, loads in a fresh Node process, runs the installed implementation", function () {
  this.timeout(180_000);
  let stateDir: string;
  let outOfBand: SessionPool;
  const cleanups: (() => unknown)[] = [];
  before(() => {
    stateDir = mkdtempSync(join(tmpdir(), "hyperv-sim-"));
    outOfBand = createPool({ size: 1, simulatorStateDir: stateDir, scriptDirectories: [TEST_OPERATIONS] });
  });
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await outOfBand.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  /** A provider host for a program with `packageDir` installed (none: not installed), one per kind. */
  const hosts = new Map<string | undefined, Promise<ProviderHost>>();
  function hostIn(packageDir: string | undefined): Promise<ProviderHost> {
    if (!hosts.has(packageDir)) hosts.set(packageDir, startHostIn(packageDir));
    return hosts.get(packageDir)!;
  }

  async function startHostIn(packageDir: string | undefined) {
    const program = programDirectory(packageDir);
    const host = await ProviderHost.start(program.path, {
      "hyperv:simulatorStateDir": stateDir,
      "hyperv:poolSize": "1",
    });
    cleanups.push(
      () => program.dispose(),
      () => host.stop(),
    );
    return host;
  }

  it("captures only strings: no module, no handle, a few KB", async () => {
    const text = await serializedProvider("VirtualMachine");
    assert.ok(text.length < 4096, `${text.length} characters`);
    const requires = [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(requires)].sort(), ["module", "path"]);
    // A plain node process (no TypeScript loader) loads it; nothing runs until a method is called.
    const load = spawnSync(
      process.execPath,
      [
        "-e",
        `const m = new module.constructor(); m._compile(process.argv[1], "p.js"); const p = m.exports.handler(); console.log(Object.keys(p).join(","));`,
        text,
      ],
      { cwd: tmpdir(), encoding: "utf8" },
    );
    assert.equal(load.stdout.trim(), "configure,check,diff,create,read,update,delete", load.stderr);
  });

  it("creates a VM from a fresh host process, in a program that has the package installed and in one that has not", async () => {
    const text = await serializedProvider("VirtualMachine");
    for (const packageDir of [PACKAGE_ROOT, undefined]) {
      const host = await hostIn(packageDir);
      const created = await host.checkAndCreate(urnOf("VirtualMachine", "fresh"), {
        __provider: text,
        vmName: "fresh",
        memoryStartupMB: 512,
        guest: { family: "linux", distribution: "sles", version: "11" },
      });
      assert.deepEqual(
        (await listVms(outOfBand)).map((v) => v.id),
        [created.id],
      );
      await host.delete(urnOf("VirtualMachine", "fresh"), created.id, created.outs);
      assert.deepEqual(await listVms(outOfBand), []);
    }
  });

  it("reads and deletes a VM created by an older serialized provider with the newer installed implementation", async () => {
    // The old provider text names an implementation path that no longer exists.
    const oldText = await serializedProvider("VirtualMachine", "/nonexistent/old-version/implementation.js");
    const older = await hostIn(PACKAGE_ROOT);
    const created = await older.checkAndCreate(urnOf("VirtualMachine", "old"), {
      __provider: oldText,
      vmName: "old",
      memoryStartupMB: 512,
      guest: { family: "windows" },
    });
    assert.equal(created.outs.__provider, oldText);
    assert.equal(
      (await older.read(urnOf("VirtualMachine", "old"), created.id, created.outs)).props.servedBy,
      undefined,
    );

    const newer = await hostIn(NEWER_PACKAGE);
    const read = await newer.read(urnOf("VirtualMachine", "old"), created.id, created.outs);
    assert.equal(read.props.servedBy, "99.0.0", "the newer installed version served the refresh");
    assert.equal(read.props.__provider, oldText);
    assert.equal(read.props.vmId, created.id);
    await newer.delete(urnOf("VirtualMachine", "old"), created.id, read.props);
    assert.deepEqual(await listVms(outOfBand), []);
  });
});
