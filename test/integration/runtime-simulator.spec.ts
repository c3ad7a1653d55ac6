import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createPool,
  InvalidArgumentError,
  InvalidStateError,
  NotFoundError,
  ProtocolError,
  TransientError,
  type SessionPool,
} from "../../provider/powershell";

/** Operation scripts of this suite: provider-style scripts against the `Hyper-V` module. */
const OPERATIONS = join(__dirname, "operations");

interface CreatedVm {
  id: string;
  name: string;
  state: string;
  generation: number;
  memoryStartup: string;
  processorCount: number;
}

describe("runtime + simulated host: provider-style operations through the session pool", function () {
  /** The host the tests share (one session: starting PowerShell costs more than the calls). */
  let sharedStateDir: string;
  let shared: SessionPool;
  /** The host of a test that needs its own (an empty host, faults injected, several sessions). */
  let stateDir: string;
  const pools: SessionPool[] = [];

  /** A pool of this test's host; `growAfterMs` 0 starts a session for every waiting call at once. */
  function pool(env: Record<string, string> = {}, size = 3, growAfterMs?: number): SessionPool {
    const created = createPool({
      size,
      simulatorStateDir: stateDir,
      scriptDirectories: [OPERATIONS],
      env,
      growAfterMs,
    });
    pools.push(created);
    return created;
  }

  const newVm = (p: SessionPool, name: string, guestProfile = "LinuxIcsV2", generation = 1) =>
    p.invoke<CreatedVm>("itest-vm-new", { name, generation, memoryStartupMB: 512, guestProfile });

  /** Asserts an argument error from Hyper-V itself (not the runtime's not-found) with the given error id. */
  const argumentError = (errorId: string) => (error: unknown) => {
    assert.ok(error instanceof InvalidArgumentError, String(error));
    assert.ok(!(error instanceof NotFoundError));
    assert.equal(error.fullyQualifiedErrorId, errorId);
    return true;
  };
  const notFound = (target: string) => (error: unknown) => {
    assert.ok(error instanceof NotFoundError, String(error));
    assert.equal(error.fullyQualifiedErrorId, "HvObjectNotFound");
    assert.equal(error.category, "ObjectNotFound");
    assert.equal(error.targetObject, target);
    return true;
  };

  before(() => {
    sharedStateDir = mkdtempSync(join(tmpdir(), "hyperv-itest-"));
    shared = createPool({ size: 1, simulatorStateDir: sharedStateDir, scriptDirectories: [OPERATIONS] });
  });
  after(async () => {
    await shared?.close();
    if (sharedStateDir) rmSync(sharedStateDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    stateDir = mkdtempSync(join(tmpdir(), "hyperv-itest-"));
  });
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.close()));
    rmSync(stateDir, { recursive: true, force: true });
  });

  it("creates a VM whose hostile name reaches Hyper-V as data and reads it back by id", async () => {
    const p = shared;
    const name = `web'; Remove-VM -Name * -Force; $(Stop-Process -Id $PID) "\u201c\u2019\`n|&<>日本`;
    const created = await newVm(p, name);
    assert.match(created.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(created.name, name);
    assert.equal(created.state, "Off");
    assert.equal(created.generation, 1);
    assert.equal(created.memoryStartup, String(512 * 1024 * 1024), "memory is reported in bytes");
    const read = await p.invoke<{ name: string }>("itest-vm-get", { id: created.id }, { kind: "read" });
    assert.equal(read.name, name);
    const all = await p.invoke<Array<{ id: string }>>("itest-vm-list", {}, { kind: "read" });
    assert.equal(all.filter((vm) => vm.id === created.id).length, 1, "listed once");
  });

  it("refuses a graceful stop of an ICs v2 guest with InvalidStateError and leaves it running", async () => {
    const p = shared;
    const { id } = await newVm(p, "sles11");
    assert.equal(
      (await p.invoke<{ state: string }>("itest-vm-power", { id, action: "start" })).state,
      "Running",
    );
    await assert.rejects(p.invoke("itest-vm-power", { id, action: "stop" }), (error: unknown) => {
      assert.ok(error instanceof InvalidStateError, String(error));
      assert.equal(error.operation, "itest-vm-power");
      // Hyper-V asks before turning off a guest that cannot shut down; a non-interactive host cannot answer.
      assert.equal(
        error.fullyQualifiedErrorId,
        "OperationFailed,Microsoft.HyperV.PowerShell.Commands.StopVM",
      );
      assert.equal(error.category, "InvalidOperation");
      return true;
    });
    const after = await p.invoke<{ state: string }>("itest-vm-get", { id }, { kind: "read" });
    assert.equal(after.state, "Running");
    assert.equal(
      (await p.invoke<{ state: string }>("itest-vm-power", { id, action: "turnOff" })).state,
      "Off",
    );
  });

  it("shuts down a guest that answers the Shutdown service", async () => {
    const p = shared;
    const { id } = await newVm(p, "win2008r2", "Full");
    await p.invoke("itest-vm-power", { id, action: "start" });
    assert.equal((await p.invoke<{ state: string }>("itest-vm-power", { id, action: "stop" })).state, "Off");
  });

  it("maps Hyper-V's wrong-state and not-found errors to typed errors", async () => {
    const p = shared;
    const { id } = await newVm(p, "cpu");
    await p.invoke("itest-vm-power", { id, action: "start" });
    await assert.rejects(p.invoke("itest-vm-processors", { id, count: 2 }), InvalidStateError);
    await p.invoke("itest-vm-power", { id, action: "turnOff" });
    assert.deepEqual(await p.invoke("itest-vm-processors", { id, count: 2 }), { processorCount: 2 });
    await assert.rejects(
      p.invoke("itest-vm-get", { id: "6f1c1d3e-0000-4000-8000-000000000001" }, { kind: "read" }),
      NotFoundError,
    );
  });

  it("reads Hyper-V's argument errors about a live VM as argument errors, never as a VM that is gone", async () => {
    const p = shared;
    const { id } = await newVm(p, "gen2", "LinuxIcsV2", 2);
    await assert.rejects(
      p.invoke("itest-vm-devices", { id, controllerType: "IDE" }, { kind: "read" }),
      argumentError("InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVMHardDiskDrive"),
    );
    await assert.rejects(
      p.invoke("itest-vm-devices", { id, service: "No Such Service" }, { kind: "read" }),
      argumentError("InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVMIntegrationService"),
    );
    assert.deepEqual(
      await p.invoke("itest-vm-devices", { id, controllerType: "SCSI" }, { kind: "read" }),
      [],
    );
    assert.equal((await p.invoke<{ id: string }>("itest-vm-get", { id }, { kind: "read" })).id, id);
  });

  it("reports a missing VM as gone only when the read's own lookup finds nothing", async () => {
    const p = shared;
    const missing = "6f1c1d3e-0000-4000-8000-00000000000a";
    // Hyper-V's own answer to Get-VM -Id of an unknown VM is an argument error...
    await assert.rejects(
      p.invoke("itest-vm-power", { id: missing, action: "start" }),
      argumentError("InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM"),
    );
    // ...while the read that looked the VM up says it is gone.
    await assert.rejects(p.invoke("itest-vm-get", { id: missing }, { kind: "read" }), notFound(missing));
  });

  it("sees a deleted virtual hard disk file as gone, and a missing switch as gone", async () => {
    const p = shared;
    const path = "C:\\VMs\\data.vhdx";
    const created = await p.invoke<{ path: string }>("itest-vhd", { action: "new", path, sizeMB: 8 });
    assert.equal(created.path, path);
    assert.equal((await p.invoke<{ path: string }>("itest-vhd", { path }, { kind: "read" })).path, path);
    const file = join(sharedStateDir, "disks", "c", "vms", "data.vhdx");
    assert.ok(existsSync(file), "the simulator keeps the disk at its documented place");
    rmSync(file);
    await assert.rejects(p.invoke("itest-vhd", { path }, { kind: "read" }), notFound(path));

    const { id } = await p.invoke<{ id: string }>("itest-switch-get", { name: "backend" });
    assert.equal(
      (await p.invoke<{ name: string }>("itest-switch-get", { id }, { kind: "read" })).name,
      "backend",
    );
    const missing = "6f1c1d3e-0000-4000-8000-00000000000b";
    await assert.rejects(p.invoke("itest-switch-get", { id: missing }, { kind: "read" }), notFound(missing));
  });

  it("keeps every VM created concurrently through several sessions", async () => {
    const p = pool({}, 3, 0);
    const names = Array.from({ length: 12 }, (_, i) => `vm-${i}`);
    const created = await Promise.all(names.map((name) => newVm(p, name)));
    assert.equal(new Set(created.map((vm) => vm.id)).size, names.length);
    const other = pool({}, 1);
    const listed = await other.invoke<Array<{ id: string; name: string }>>(
      "itest-vm-list",
      {},
      { kind: "read" },
    );
    assert.deepEqual(listed.map((vm) => vm.name).sort(), [...names].sort());
  });

  it("surfaces an injected host failure as the typed error of its category", async () => {
    const faults = JSON.stringify({
      command: "Start-VM",
      action: "fail",
      errorId: "ServiceUnavailable",
      category: "ResourceUnavailable",
      message: "The Virtual Machine Management service is not available.",
    });
    const p = pool({ HYPERV_SIM_FAULTS: faults });
    const { id } = await newVm(p, "busy");
    await assert.rejects(p.invoke("itest-vm-power", { id, action: "start" }), (error: unknown) => {
      assert.ok(error instanceof TransientError, String(error));
      assert.match(error.fullyQualifiedErrorId ?? "", /^ServiceUnavailable,/);
      return true;
    });
  });

  it("fails only the call whose host process exits, and the next call gets a fresh session", async () => {
    const faults = JSON.stringify({ command: "Start-VM", call: 1, action: "exit", exitCode: 3 });
    const p = pool({ HYPERV_SIM_FAULTS: faults }, 1);
    const { id } = await newVm(p, "crash");
    await assert.rejects(p.invoke("itest-vm-power", { id, action: "start" }), ProtocolError);
    assert.equal(
      (await p.invoke<{ state: string }>("itest-vm-power", { id, action: "start" })).state,
      "Running",
    );
  });
});
