import { strict as assert } from "node:assert";
import {
  HyperVError,
  InvalidArgumentError,
  InvalidStateError,
  NotFoundError,
} from "../../../provider/powershell";
import { virtualSwitchImplementationWith } from "../../../provider/resources/virtual-switch-implementation";
import { errorEnvelope, FakeHost, notFound } from "./fake-host";

const SWITCH_ID = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";

/** What Get-HvSwitchDescription reports. */
function report(overrides: Record<string, unknown> = {}) {
  return {
    switchId: SWITCH_ID,
    switchName: "lan",
    type: "Private",
    allowManagementOs: false,
    notes: "",
    ...overrides,
  };
}

async function checked(
  provider: ReturnType<typeof virtualSwitchImplementationWith>,
  inputs: object,
): Promise<Record<string, unknown>> {
  const result = await provider.check!({}, inputs);
  assert.deepEqual(result.failures ?? [], []);
  return result.inputs;
}

describe("VirtualSwitch implementation through a fake host", () => {
  describe("create", () => {
    it("sends switch-create with name, type, no adapter, allowManagementOs and notes; the switch id is the id", async () => {
      const host = new FakeHost().replies("switch-create", report({ notes: "lab" }));
      const provider = virtualSwitchImplementationWith(host);
      const created = await provider.create!(await checked(provider, { switchName: "lan", notes: "lab" }));
      assert.deepEqual(host.calls, [
        {
          host: "simulator",
          operation: "switch-create",
          request: {
            switchName: "lan",
            type: "Private",
            netAdapterName: null,
            allowManagementOs: true,
            notes: "lab",
          },
          kind: "write",
        },
      ]);
      assert.equal(created.id, SWITCH_ID);
      // A Private switch has no management OS setting to report.
      assert.deepEqual(created.outs, {
        switchName: "lan",
        type: "Private",
        notes: "lab",
        host: "simulator",
        switchId: SWITCH_ID,
      });
    });

    it("sends an External switch's adapter and management OS choice, and outputs the reported one", async () => {
      const host = new FakeHost().replies(
        "switch-create",
        report({ switchName: "wan", type: "External", allowManagementOs: false }),
      );
      const provider = virtualSwitchImplementationWith(host);
      const created = await provider.create!(
        await checked(provider, {
          switchName: "wan",
          type: "External",
          netAdapterName: "Ethernet",
          allowManagementOs: false,
        }),
      );
      assert.deepEqual(host.calls[0].request, {
        switchName: "wan",
        type: "External",
        netAdapterName: "Ethernet",
        allowManagementOs: false,
        notes: "",
      });
      assert.equal(created.outs.allowManagementOs, false);
    });

    it("surfaces a switch name the host already has (SwitchNameTaken) with the host's message", async () => {
      const message = 'A virtual switch named "lan" already exists on this host (id 1234)';
      const host = new FakeHost().fails(
        "switch-create",
        errorEnvelope({
          category: "ResourceExists",
          fullyQualifiedErrorId: "SwitchNameTaken",
          message,
          targetObject: "lan",
          operation: "switch-create",
        }),
      );
      const provider = virtualSwitchImplementationWith(host);
      await assert.rejects(
        provider.create!(await checked(provider, { switchName: "lan" })),
        (e: unknown) => e instanceof InvalidStateError && e.message.includes(message),
      );
    });

    it("surfaces New-VMSwitch's refusal of an unknown adapter as an argument error", async () => {
      const host = new FakeHost().fails(
        "switch-create",
        errorEnvelope({
          category: "InvalidArgument",
          fullyQualifiedErrorId: "InvalidParameter,Microsoft.HyperV.PowerShell.Commands.NewVMSwitch",
          targetObject: null,
          operation: "switch-create",
        }),
      );
      const provider = virtualSwitchImplementationWith(host);
      await assert.rejects(
        provider.create!(
          await checked(provider, { switchName: "wan", type: "External", netAdapterName: "Nope" }),
        ),
        (e: unknown) => e instanceof InvalidArgumentError && e.fullyQualifiedErrorId!.endsWith("NewVMSwitch"),
      );
    });
  });

  describe("read", () => {
    it("reads by id on the recorded host and shows a renamed switch as drift", async () => {
      const host = new FakeHost().replies("switch-read", report({ switchName: "renamed", notes: "by hand" }));
      const provider = virtualSwitchImplementationWith(host);
      const previous = {
        ...(await checked(provider, { switchName: "lan" })),
        switchId: SWITCH_ID,
        host: "simulator://lab",
      };
      const read = await provider.read!(SWITCH_ID, previous);
      assert.deepEqual(host.calls, [
        { host: "simulator://lab", operation: "switch-read", request: { switchId: SWITCH_ID }, kind: "read" },
      ]);
      assert.equal(read.id, SWITCH_ID);
      assert.equal(read.props!.switchName, "renamed");
      assert.equal(read.props!.notes, "by hand");
    });

    it("reports a switch the host no longer has (HvObjectNotFound) as gone", async () => {
      const host = new FakeHost().fails("switch-read", notFound("switch-read", SWITCH_ID));
      const provider = virtualSwitchImplementationWith(host);
      assert.deepEqual(await provider.read!(SWITCH_ID, { switchName: "lan" }), { id: "", props: {} });
    });

    it("keeps the switch on any other failure, e.g. access denied", async () => {
      const host = new FakeHost().fails(
        "switch-read",
        errorEnvelope({
          category: "PermissionDenied",
          fullyQualifiedErrorId: "AccessDenied,Microsoft.HyperV.PowerShell.Commands.GetVMSwitch",
          targetObject: null,
          operation: "switch-read",
        }),
      );
      const provider = virtualSwitchImplementationWith(host);
      await assert.rejects(
        provider.read!(SWITCH_ID, { switchName: "lan" }),
        (e: unknown) =>
          e instanceof HyperVError && !(e instanceof NotFoundError) && /AccessDenied/.test(e.message),
      );
    });
  });

  describe("update", () => {
    it("only refreshes what the host reports (every input replaces a switch): a switch-read, no write", async () => {
      const host = new FakeHost().replies("switch-read", report());
      const provider = virtualSwitchImplementationWith(host);
      const olds = { ...(await checked(provider, { switchName: "lan" })), switchId: SWITCH_ID };
      const updated = await provider.update!(SWITCH_ID, olds, await checked(provider, { switchName: "lan" }));
      assert.deepEqual(host.operations, ["switch-read"]);
      assert.equal(host.calls[0].kind, "read");
      assert.equal(updated.outs.switchId, SWITCH_ID);
    });
  });

  describe("delete", () => {
    it("sends switch-delete with only the id, on the recorded host", async () => {
      const host = new FakeHost().replies("switch-delete", null);
      const provider = virtualSwitchImplementationWith(host);
      await provider.delete!(SWITCH_ID, { switchName: "lan", host: "simulator://lab", switchId: SWITCH_ID });
      assert.deepEqual(host.calls, [
        {
          host: "simulator://lab",
          operation: "switch-delete",
          request: { switchId: SWITCH_ID },
          kind: "write",
        },
      ]);
    });

    it("surfaces a switch still in use as the host reports it", async () => {
      const host = new FakeHost().fails(
        "switch-delete",
        errorEnvelope({
          category: "InvalidOperation",
          fullyQualifiedErrorId: "InvalidOperation,Microsoft.HyperV.PowerShell.Commands.RemoveVMSwitch",
          message: "Failed while removing virtual Ethernet switch. The switch is in use.",
          targetObject: null,
          operation: "switch-delete",
        }),
      );
      const provider = virtualSwitchImplementationWith(host);
      await assert.rejects(
        provider.delete!(SWITCH_ID, { switchName: "lan" }),
        (e: unknown) => e instanceof InvalidStateError && e.message.includes("The switch is in use."),
      );
    });
  });

  describe("check and diff", () => {
    it("check requires an External switch's adapter, naming netAdapterName", async () => {
      const provider = virtualSwitchImplementationWith(new FakeHost());
      const refused = await provider.check!({}, { switchName: "wan", type: "External" });
      assert.deepEqual(
        refused.failures?.map((f) => f.property),
        ["netAdapterName"],
      );
    });

    it("diff replaces a switch on any change, deleting it first, and finds no change in equal inputs", async () => {
      const host = new FakeHost();
      const provider = virtualSwitchImplementationWith(host);
      const olds = { ...(await checked(provider, { switchName: "lan" })), switchId: SWITCH_ID };
      const renotes = await provider.diff!(
        SWITCH_ID,
        olds,
        await checked(provider, { switchName: "lan", notes: "x" }),
      );
      assert.deepEqual(renotes, { changes: true, replaces: ["notes"], deleteBeforeReplace: true });
      const same = await provider.diff!(SWITCH_ID, olds, await checked(provider, { switchName: "lan" }));
      assert.equal(same.changes, false);
      assert.deepEqual(host.calls, []);
    });
  });
});
