import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createPool,
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
  let stateDir: string;
  const pools: SessionPool[] = [];

  function pool(env: Record<string, string> = {}, size = 3): SessionPool {
    const created = createPool({ size, simulatorStateDir: stateDir, scriptDirectories: [OPERATIONS], env });
    pools.push(created);
    return created;
  }

  const newVm = (p: SessionPool, name: string, guestProfile = "LinuxIcsV2") =>
    p.invoke<CreatedVm>("itest-vm-new", { name, generation: 1, memoryStartupMB: 512, guestProfile });

  beforeEach(() => {
    stateDir = mkdtempSync(join(tmpdir(), "hyperv-itest-"));
  });
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.close()));
    rmSync(stateDir, { recursive: true, force: true });
  });

  it("creates a VM whose hostile name reaches Hyper-V as data and reads it back by id", async () => {
    const p = pool();
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
    assert.deepEqual(
      all.map((vm) => vm.id),
      [created.id],
    );
  });

  it("refuses a graceful stop of an ICs v2 guest with InvalidStateError and leaves it running", async () => {
    const p = pool();
    const { id } = await newVm(p, "sles11");
    assert.equal(
      (await p.invoke<{ state: string }>("itest-vm-power", { id, action: "start" })).state,
      "Running",
    );
    await assert.rejects(p.invoke("itest-vm-power", { id, action: "stop" }), (error: unknown) => {
      assert.ok(error instanceof InvalidStateError, String(error));
      assert.equal(error.operation, "itest-vm-power");
      assert.equal(error.category, "InvalidOperation");
      assert.match(error.message, /Shutdown integration service/);
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
    const p = pool();
    const { id } = await newVm(p, "win2008r2", "Full");
    await p.invoke("itest-vm-power", { id, action: "start" });
    assert.equal((await p.invoke<{ state: string }>("itest-vm-power", { id, action: "stop" })).state, "Off");
  });

  it("maps Hyper-V's wrong-state and not-found errors to typed errors", async () => {
    const p = pool();
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

  it("keeps every VM created concurrently through several sessions", async () => {
    const p = pool({}, 3);
    const names = Array.from({ length: 24 }, (_, i) => `vm-${i}`);
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
