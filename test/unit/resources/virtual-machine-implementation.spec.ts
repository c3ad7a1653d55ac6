import { strict as assert } from "node:assert";
import { HyperVError, InvalidStateError, NotFoundError } from "../../../provider/powershell";
import type { VmDescription } from "../../../provider/resources/vm-description";
import { virtualMachineImplementationWith } from "../../../provider/resources/virtual-machine-implementation";
import { errorEnvelope, FakeHost, notFound } from "./fake-host";
import { vmDescription } from "./vm-description-fixture";
import { INTEGRATION_SERVICE_KEYS } from "../../../provider/model";

const VM_ID = "6a1f0c2e-0d4b-4b8e-9a55-1c2d3e4f5a6b";
const INPUTS = {
  vmName: "web",
  memoryStartupMB: 512,
  guest: { family: "linux" },
  networkAdapters: [{ name: "eth0", switchName: "lan" }],
  notes: "front end",
};

/** What Get-HvVmDescription reports of the VM `INPUTS` declare, with `overrides`. */
function report(overrides: Partial<VmDescription> = {}): VmDescription {
  return vmDescription("web", {
    vmId: VM_ID,
    state: "Running",
    networkAdapters: [
      {
        name: "eth0",
        switchName: "lan",
        legacy: true,
        macAddress: "00155D010203",
        dynamicMacAddress: true,
        vlanId: null,
        vmqWeight: 0,
      },
    ],
    integrationServices: Object.fromEntries(INTEGRATION_SERVICE_KEYS.map((key) => [key, false])),
    automaticStopAction: "Save",
    notes: "front end",
    scsiControllerCount: 0,
    firmware: null,
    ...overrides,
  });
}

async function checked(
  provider: ReturnType<typeof virtualMachineImplementationWith>,
  inputs: object,
): Promise<Record<string, unknown>> {
  const result = await provider.check!({}, inputs);
  assert.deepEqual(result.failures ?? [], []);
  return result.inputs;
}

const stepsOf = (request: Record<string, unknown>) => request.steps as { op: string }[];

describe("VirtualMachine implementation through a fake host", () => {
  describe("create", () => {
    it("sends vm-create with the VM's name, generation, memory, planned steps and power state; outputs overlay the report", async () => {
      const host = new FakeHost().replies("vm-create", report());
      const provider = virtualMachineImplementationWith(host);
      const created = await provider.create!(await checked(provider, INPUTS));
      assert.deepEqual(host.operations, ["vm-create"]);
      const [call] = host.calls;
      assert.equal(call.kind, "write");
      assert.equal(call.host, "simulator");
      assert.deepEqual(Object.keys(call.request).sort(), [
        "generation",
        "memoryStartupMB",
        "state",
        "steps",
        "vmName",
      ]);
      assert.equal(call.request.vmName, "web");
      assert.equal(call.request.generation, 1);
      assert.equal(call.request.memoryStartupMB, 512);
      assert.equal(call.request.state, "Running");
      const steps = stepsOf(call.request);
      assert.deepEqual(
        steps.find((s) => s.op === "addAdapter"),
        {
          op: "addAdapter",
          adapter: {
            name: "eth0",
            legacy: true,
            switchName: "lan",
            macAddress: null,
            vlanId: null,
            vmqWeight: 0,
          },
        },
      );
      assert.deepEqual(
        steps.find((s) => s.op === "settings"),
        { op: "settings", notes: "front end" },
      );
      assert.equal(created.id, VM_ID);
      assert.equal(created.outs.vmId, VM_ID);
      assert.equal(created.outs.state, "Running");
      assert.deepEqual(created.outs.macAddresses, { eth0: "00155D010203" });
      assert.equal(created.outs.host, "simulator");
      assert.match(String(created.outs.ntpConf), /^# /m);
    });

    it("records a VM the host could not remove after a failed create as a partial failure carrying its id and every input", async () => {
      const host = new FakeHost().fails(
        "vm-create",
        errorEnvelope({
          category: "InvalidResult",
          fullyQualifiedErrorId: "VmCreateIncomplete",
          message: "Creating the VM failed: disk busy Removing the half-created VM failed too: access denied",
          targetObject: VM_ID,
          operation: "vm-create",
        }),
      );
      const provider = virtualMachineImplementationWith(host);
      const inputs = await checked(provider, INPUTS);
      const error = (await provider.create!(inputs).then(
        () => assert.fail("create succeeded"),
        (e: unknown) => e,
      )) as Error & { id: string; properties: Record<string, unknown>; reasons: string[] };
      assert.equal(error.id, VM_ID);
      assert.equal(error.properties.vmId, VM_ID);
      assert.equal(error.properties.vmName, "web");
      assert.match(error.message, /half-created VM failed too/);
      assert.deepEqual(error.reasons, [error.message]);
    });

    it("passes any other create failure through as the typed error a host's record maps to", async () => {
      const host = new FakeHost().fails(
        "vm-create",
        errorEnvelope({
          category: "InvalidArgument",
          fullyQualifiedErrorId: "SwitchNotFound",
          message: 'No virtual switch is named "lan"; create it first or fix switchName.',
          targetObject: "lan",
          operation: "vm-create",
        }),
      );
      const provider = virtualMachineImplementationWith(host);
      await assert.rejects(
        provider.create!(await checked(provider, INPUTS)),
        (e: unknown) =>
          e instanceof HyperVError &&
          !("properties" in e) &&
          e.fullyQualifiedErrorId === "SwitchNotFound" &&
          /No virtual switch is named "lan"/.test(e.message),
      );
    });

    it("adopts an existing VM: reads it by id, then updates it to the declaration, with no vm-create", async () => {
      const host = new FakeHost()
        .replies("vm-read", report({ processorCount: 4, notes: "old", state: "Off" }))
        .replies("vm-update", report({ state: "Off" }));
      const provider = virtualMachineImplementationWith(host);
      const created = await provider.create!(
        await checked(provider, { ...INPUTS, adoptVmId: VM_ID, state: "Off" }),
      );
      assert.deepEqual(host.operations, ["vm-read", "vm-update"]);
      assert.deepEqual(host.calls[0].request, { vmId: VM_ID });
      assert.equal(host.calls[0].kind, "read");
      const update = host.calls[1].request;
      assert.equal(update.vmId, VM_ID);
      assert.equal(update.state, "Off");
      assert.deepEqual(
        stepsOf(update).filter((s) => s.op === "processor" || s.op === "settings"),
        [
          { op: "settings", notes: "front end" },
          { op: "processor", count: 1 },
        ],
      );
      assert.equal(created.id, VM_ID);
    });

    it("refuses to adopt a VM id the host does not have, naming the field and how to find the id", async () => {
      const host = new FakeHost().fails("vm-read", notFound("vm-read", VM_ID));
      const provider = virtualMachineImplementationWith(host);
      await assert.rejects(
        provider.create!(await checked(provider, { ...INPUTS, adoptVmId: VM_ID })),
        (e: unknown) =>
          e instanceof Error &&
          !(e instanceof NotFoundError) &&
          e.message.startsWith(`adoptVmId: the host has no VM with id ${VM_ID}`) &&
          e.message.includes("Get-VM"),
      );
      assert.deepEqual(host.operations, ["vm-read"]);
    });
  });

  describe("read", () => {
    it("reads by id and shows the host's values as outputs (drift), keeping the inputs the host does not know", async () => {
      const host = new FakeHost()
        .replies("vm-create", report())
        .replies("vm-read", report({ processorCount: 2, notes: "changed by hand", state: "Off" }));
      const provider = virtualMachineImplementationWith(host);
      const { id, outs } = await provider.create!(await checked(provider, INPUTS));
      const read = await provider.read!(id, outs);
      assert.deepEqual(host.calls[1], {
        host: "simulator",
        operation: "vm-read",
        request: { vmId: VM_ID },
        kind: "read",
      });
      assert.equal(read.id, VM_ID);
      assert.equal(read.props!.processorCount, 2);
      assert.equal(read.props!.notes, "changed by hand");
      assert.equal(read.props!.state, "Off");
      assert.deepEqual(read.props!.guest, outs.guest);
      assert.equal(read.props!.allowHardStop, false);
    });

    it("reads on the host the VM was created on, recorded in its outputs", async () => {
      const host = new FakeHost().replies("vm-read", report());
      const provider = virtualMachineImplementationWith(host);
      const previous = { ...(await checked(provider, INPUTS)), host: "simulator://lab", vmId: VM_ID };
      await provider.read!(VM_ID, previous);
      assert.equal(host.calls[0].host, "simulator://lab");
    });

    it("reports a VM the host no longer has (its read script's HvObjectNotFound) as gone", async () => {
      const host = new FakeHost().fails("vm-read", notFound("vm-read", VM_ID));
      const provider = virtualMachineImplementationWith(host);
      const read = await provider.read!(VM_ID, { ...(await checked(provider, INPUTS)), vmId: VM_ID });
      assert.deepEqual(read, { id: "", props: {} });
    });

    for (const [what, category, fullyQualifiedErrorId] of [
      [
        "a cmdlet's ObjectNotFound",
        "ObjectNotFound",
        "ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.GetVM",
      ],
      [
        "a missing Hyper-V module",
        "ObjectNotFound",
        "CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand",
      ],
      [
        "a refused argument",
        "InvalidArgument",
        "InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM",
      ],
    ] as const) {
      it(`never drops the resource on ${what} (${fullyQualifiedErrorId})`, async () => {
        const host = new FakeHost().fails(
          "vm-read",
          errorEnvelope({ category, fullyQualifiedErrorId, targetObject: null, operation: "vm-read" }),
        );
        const provider = virtualMachineImplementationWith(host);
        await assert.rejects(
          provider.read!(VM_ID, { ...(await checked(provider, INPUTS)), vmId: VM_ID }),
          (e: unknown) =>
            e instanceof HyperVError &&
            !(e instanceof NotFoundError) &&
            e.fullyQualifiedErrorId === fullyQualifiedErrorId &&
            e.message.includes(`${category}: ${fullyQualifiedErrorId}`),
        );
      });
    }
  });

  describe("update", () => {
    it("sends only the planned changes, with the reasons the VM must be off and allowHardStop", async () => {
      const host = new FakeHost()
        .replies("vm-create", report())
        .replies("vm-update", report({ processorCount: 2 }));
      const provider = virtualMachineImplementationWith(host);
      const { outs } = await provider.create!(await checked(provider, INPUTS));
      const news = await checked(provider, { ...INPUTS, processorCount: 2, allowHardStop: true });
      const updated = await provider.update!(VM_ID, outs, news);
      const call = host.calls[1];
      assert.equal(call.operation, "vm-update");
      assert.equal(call.kind, "write");
      assert.deepEqual(call.request, {
        vmId: VM_ID,
        steps: [{ op: "processor", count: 2 }],
        offReasons: ["processorCount 1 -> 2"],
        allowHardStop: true,
        state: "Running",
      });
      assert.equal(updated.outs.processorCount, 2);
      assert.equal(updated.outs.allowHardStop, true);
    });

    it("surfaces a refused update (the guest cannot be shut down, no allowHardStop) with the host's message and ids", async () => {
      const message =
        "These changes need the VM 'web' off: processorCount 1 -> 2. Its guest does not answer the Shutdown integration service, " +
        "so it can only be turned off hard. Set allowHardStop: true to allow that, or stop the VM yourself first.";
      const host = new FakeHost().replies("vm-create", report()).fails(
        "vm-update",
        errorEnvelope({
          category: "InvalidOperation",
          fullyQualifiedErrorId: "HardStopRequired",
          message,
          targetObject: VM_ID,
          operation: "vm-update",
        }),
      );
      const provider = virtualMachineImplementationWith(host);
      const { outs } = await provider.create!(await checked(provider, INPUTS));
      await assert.rejects(
        provider.update!(VM_ID, outs, await checked(provider, { ...INPUTS, processorCount: 2 })),
        (e: unknown) =>
          e instanceof InvalidStateError &&
          e.message ===
            `Hyper-V operation 'vm-update' failed on host 'simulator': ${message} (InvalidOperation: HardStopRequired; target: ${VM_ID})`,
      );
      assert.equal(host.calls[1].request.allowHardStop, false);
    });

    it("names a changed MAC address in the off reasons without its value (reasons are shown in messages)", async () => {
      const mac = "00155DABCDEF";
      const host = new FakeHost().replies("vm-create", report()).replies("vm-update", report());
      const provider = virtualMachineImplementationWith(host);
      const { outs } = await provider.create!(await checked(provider, INPUTS));
      const news = await checked(provider, {
        ...INPUTS,
        networkAdapters: [{ name: "eth0", switchName: "lan", macAddress: mac }],
      });
      await provider.update!(VM_ID, outs, news);
      const request = host.calls[1].request;
      assert.deepEqual(request.offReasons, ['networkAdapters["eth0"].macAddress']);
      assert.ok(!JSON.stringify(request.offReasons).includes(mac));
    });
  });

  describe("delete", () => {
    it("sends vm-delete with only the VM id, on the recorded host", async () => {
      const host = new FakeHost().replies("vm-delete", null);
      const provider = virtualMachineImplementationWith(host);
      await provider.delete!(VM_ID, {
        ...(await checked(provider, INPUTS)),
        host: "simulator://lab",
        vmId: VM_ID,
      });
      assert.deepEqual(host.calls, [
        { host: "simulator://lab", operation: "vm-delete", request: { vmId: VM_ID }, kind: "write" },
      ]);
    });

    it("passes a failed delete through", async () => {
      const host = new FakeHost().fails(
        "vm-delete",
        errorEnvelope({
          category: "ResourceBusy",
          fullyQualifiedErrorId: "OperationFailed,Microsoft.HyperV.PowerShell.Commands.RemoveVM",
          targetObject: null,
          operation: "vm-delete",
        }),
      );
      const provider = virtualMachineImplementationWith(host);
      await assert.rejects(provider.delete!(VM_ID, { vmId: VM_ID }), /RemoveVM/);
    });
  });

  describe("check and diff", () => {
    it("check fills defaults and diff plans an in-place change, both without a host call", async () => {
      const host = new FakeHost();
      const provider = virtualMachineImplementationWith(host);
      const olds = { ...(await checked(provider, INPUTS)), vmId: VM_ID, state: "Off" };
      const diff = await provider.diff!(
        VM_ID,
        olds,
        await checked(provider, { ...INPUTS, processorCount: 2 }),
      );
      assert.equal(diff.changes, true);
      assert.deepEqual(diff.replaces, []);
      const regenerated = await provider.diff!(
        VM_ID,
        olds,
        await checked(provider, { ...INPUTS, generation: 2 }),
      );
      assert.deepEqual(regenerated.replaces, ["generation"]);
      assert.deepEqual(host.calls, []);
    });

    it("check refuses bad inputs by field, and diff reports a change of host as a replacement", async () => {
      const host = new FakeHost();
      const provider = virtualMachineImplementationWith(host);
      const refused = await provider.check!({}, { ...INPUTS, memoryStartupMB: -1 });
      assert.ok(
        refused.failures?.some((f) => f.property === "memoryStartupMB"),
        JSON.stringify(refused.failures),
      );
      const olds = { ...(await checked(provider, INPUTS)), vmId: VM_ID, host: "simulator://a" };
      const moved = await provider.diff!(VM_ID, olds, {
        ...(await checked(provider, INPUTS)),
        host: "simulator://b",
      });
      assert.ok(moved.replaces?.includes("host"), JSON.stringify(moved));
      assert.deepEqual(host.calls, []);
    });
  });

  it("never puts the host (which names the user) in a request", async () => {
    const host = new FakeHost()
      .replies("vm-create", report())
      .replies("vm-read", report())
      .replies("vm-delete", null);
    const provider = virtualMachineImplementationWith(host);
    const where = "ssh://opsuser@hv01.example.com";
    const { outs } = await provider.create!(await checked(provider, { ...INPUTS, host: where }));
    await provider.read!(VM_ID, outs);
    await provider.delete!(VM_ID, outs);
    assert.deepEqual(
      host.calls.map((c) => c.host),
      [where, where, where],
    );
    for (const call of host.calls)
      assert.ok(!JSON.stringify(call.request).includes("opsuser"), call.operation);
  });
});
