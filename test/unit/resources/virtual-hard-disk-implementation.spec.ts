import { strict as assert } from "node:assert";
import {
  HyperVError,
  InvalidArgumentError,
  InvalidStateError,
  NotFoundError,
} from "../../../provider/powershell";
import { virtualHardDiskImplementationWith } from "../../../provider/resources/virtual-hard-disk-implementation";
import { errorEnvelope, FakeHost, notFound } from "./fake-host";

const PATH = "C:\\vm\\data.vhdx";
const GB = 1024 ** 3;

/** What Get-HvVhdDescription reports. */
function report(overrides: Record<string, unknown> = {}) {
  return {
    path: PATH,
    type: "Dynamic",
    vhdFormat: "VHDX",
    sizeBytes: 2 * GB,
    fileSizeBytes: 4 * 1024 * 1024,
    parentPath: null,
    ...overrides,
  };
}

async function checked(
  provider: ReturnType<typeof virtualHardDiskImplementationWith>,
  inputs: object,
  olds: object = {},
): Promise<Record<string, unknown>> {
  const result = await provider.check!(olds, inputs);
  assert.deepEqual(result.failures ?? [], []);
  return result.inputs;
}

describe("VirtualHardDisk implementation through a fake host", () => {
  describe("create", () => {
    it("sends vhd-create with the path, type, size in bytes and no parent; the path is the id", async () => {
      const host = new FakeHost().replies("vhd-create", report());
      const provider = virtualHardDiskImplementationWith(host);
      const created = await provider.create!(await checked(provider, { path: PATH, sizeGB: 2 }));
      assert.deepEqual(host.calls, [
        {
          host: "simulator",
          operation: "vhd-create",
          request: { path: PATH, type: "Dynamic", sizeBytes: 2 * GB, parentPath: null },
          kind: "write",
        },
      ]);
      assert.equal(created.id, PATH);
      assert.deepEqual(created.outs, {
        path: PATH,
        sizeGB: 2,
        type: "Dynamic",
        sizeBytes: 2 * GB,
        vhdFormat: "VHDX",
        fileSizeBytes: 4 * 1024 * 1024,
        host: "simulator",
      });
    });

    it("sends a differencing disk's parent and no size; outputs take the parent the host reports", async () => {
      const parent = "C:\\vm\\base.vhdx";
      const host = new FakeHost().replies("vhd-create", report({ type: "Differencing", parentPath: parent }));
      const provider = virtualHardDiskImplementationWith(host);
      const created = await provider.create!(
        await checked(provider, { path: PATH, type: "Differencing", parentPath: parent }),
      );
      assert.deepEqual(host.calls[0].request, {
        path: PATH,
        type: "Differencing",
        sizeBytes: null,
        parentPath: parent,
      });
      assert.equal(created.outs.parentPath, parent);
      assert.equal(created.outs.sizeBytes, 2 * GB);
    });

    it("surfaces an existing file (VhdFileExists, ResourceExists) as an invalid-state error with the host's message", async () => {
      const message = `A file already exists at '${PATH}'; pick another path or delete the file.`;
      const host = new FakeHost().fails(
        "vhd-create",
        errorEnvelope({
          category: "ResourceExists",
          fullyQualifiedErrorId: "VhdFileExists",
          message,
          targetObject: PATH,
          operation: "vhd-create",
        }),
      );
      const provider = virtualHardDiskImplementationWith(host);
      await assert.rejects(
        provider.create!(await checked(provider, { path: PATH, sizeGB: 2 })),
        (e: unknown) =>
          e instanceof InvalidStateError &&
          e.message.includes(message) &&
          e.message.includes("VhdFileExists"),
      );
    });

    it("surfaces New-VHD's refusal of a missing parent as an argument error", async () => {
      const host = new FakeHost().fails(
        "vhd-create",
        errorEnvelope({
          category: "ObjectNotFound",
          fullyQualifiedErrorId: "ObjectNotFound,Microsoft.Vhd.PowerShell.Cmdlets.NewVhd",
          targetObject: "C:\\vm\\base.vhdx",
          operation: "vhd-create",
        }),
      );
      const provider = virtualHardDiskImplementationWith(host);
      await assert.rejects(
        provider.create!(
          await checked(provider, { path: PATH, type: "Differencing", parentPath: "C:\\vm\\base.vhdx" }),
        ),
        (e: unknown) =>
          e instanceof InvalidArgumentError && /NewVhd; target: C:\\vm\\base\.vhdx/.test(e.message),
      );
    });
  });

  describe("read", () => {
    it("reads by the recorded path on the recorded host and shows a grown disk as drift", async () => {
      const host = new FakeHost().replies("vhd-read", report({ sizeBytes: 3 * GB, fileSizeBytes: 9 }));
      const provider = virtualHardDiskImplementationWith(host);
      const previous = { ...(await checked(provider, { path: PATH, sizeGB: 2 })), host: "simulator://lab" };
      const read = await provider.read!(PATH, previous);
      assert.deepEqual(host.calls, [
        { host: "simulator://lab", operation: "vhd-read", request: { path: PATH }, kind: "read" },
      ]);
      assert.equal(read.id, PATH);
      assert.equal(read.props!.sizeBytes, 3 * GB);
      assert.equal(read.props!.fileSizeBytes, 9);
    });

    it("reads by the id when the state records no path (an import), and records the path the host reports", async () => {
      const host = new FakeHost().replies("vhd-read", report());
      const provider = virtualHardDiskImplementationWith(host);
      const read = await provider.read!(PATH, {});
      assert.deepEqual(host.calls[0].request, { path: PATH });
      assert.equal(read.props!.sizeBytes, 2 * GB);
      assert.equal(read.props!.path, PATH);
    });

    it("reports a disk whose file is gone (HvObjectNotFound) as gone", async () => {
      const host = new FakeHost().fails("vhd-read", notFound("vhd-read", PATH));
      const provider = virtualHardDiskImplementationWith(host);
      assert.deepEqual(await provider.read!(PATH, { path: PATH }), { id: "", props: {} });
    });

    it("keeps the disk when Get-VHD itself fails (e.g. a file that is no disk)", async () => {
      const host = new FakeHost().fails(
        "vhd-read",
        errorEnvelope({
          category: "ObjectNotFound",
          fullyQualifiedErrorId: "InvalidParameter,Microsoft.Vhd.PowerShell.Cmdlets.GetVHD",
          targetObject: PATH,
          operation: "vhd-read",
        }),
      );
      const provider = virtualHardDiskImplementationWith(host);
      await assert.rejects(
        provider.read!(PATH, { path: PATH }),
        (e: unknown) => e instanceof HyperVError && !(e instanceof NotFoundError),
      );
    });
  });

  describe("update", () => {
    it("sends vhd-update with the path and the new size only", async () => {
      const host = new FakeHost().replies("vhd-update", report({ sizeBytes: 3 * GB }));
      const provider = virtualHardDiskImplementationWith(host);
      const olds = await checked(provider, { path: PATH, sizeGB: 2 });
      const news = await checked(provider, { path: PATH, sizeGB: 3 }, olds);
      const updated = await provider.update!(PATH, olds, news);
      assert.deepEqual(host.calls, [
        {
          host: "simulator",
          operation: "vhd-update",
          request: { path: PATH, sizeBytes: 3 * GB },
          kind: "write",
        },
      ]);
      assert.equal(updated.outs.sizeBytes, 3 * GB);
      assert.equal(updated.outs.sizeGB, 3);
    });

    it("surfaces Resize-VHD's refusal (a disk in use) with the host's message", async () => {
      const host = new FakeHost().fails(
        "vhd-update",
        errorEnvelope({
          category: "InvalidOperation",
          fullyQualifiedErrorId: "InvalidOperation,Microsoft.Vhd.PowerShell.Cmdlets.ResizeVhd",
          message: "The system failed to resize 'C:\\vm\\data.vhdx'. The process cannot access the file.",
          targetObject: null,
          operation: "vhd-update",
        }),
      );
      const provider = virtualHardDiskImplementationWith(host);
      const olds = await checked(provider, { path: PATH, sizeGB: 2 });
      await assert.rejects(
        provider.update!(PATH, olds, await checked(provider, { path: PATH, sizeGB: 3 }, olds)),
        (e: unknown) =>
          e instanceof InvalidStateError &&
          e.message.startsWith(
            "Hyper-V operation 'vhd-update' failed on host 'simulator': The system failed to resize",
          ),
      );
    });
  });

  describe("delete", () => {
    it("sends vhd-delete with the recorded path, else the id", async () => {
      const host = new FakeHost().replies("vhd-delete", null).replies("vhd-delete", null);
      const provider = virtualHardDiskImplementationWith(host);
      await provider.delete!("ignored-id", { path: PATH, host: "simulator://lab" });
      await provider.delete!(PATH, {});
      assert.deepEqual(host.calls, [
        { host: "simulator://lab", operation: "vhd-delete", request: { path: PATH }, kind: "write" },
        { host: "simulator", operation: "vhd-delete", request: { path: PATH }, kind: "write" },
      ]);
    });
  });

  describe("check and diff", () => {
    it("check refuses a shrink against the previous inputs, naming sizeGB", async () => {
      const provider = virtualHardDiskImplementationWith(new FakeHost());
      const olds = await checked(provider, { path: PATH, sizeGB: 2 });
      const shrunk = await provider.check!(olds, { path: PATH, sizeGB: 1 });
      assert.deepEqual(
        shrunk.failures?.map((f) => f.property),
        ["sizeGB"],
      );
      assert.match(shrunk.failures![0].reason, /must not shrink/);
    });

    it("diff grows in place and replaces a disk whose path changes, deleting it first", async () => {
      const host = new FakeHost();
      const provider = virtualHardDiskImplementationWith(host);
      const olds = await checked(provider, { path: PATH, sizeGB: 2 });
      const grown = await provider.diff!(PATH, olds, await checked(provider, { path: PATH, sizeGB: 3 }));
      assert.deepEqual(grown, { changes: true, replaces: [], deleteBeforeReplace: false });
      const moved = await provider.diff!(
        PATH,
        olds,
        await checked(provider, { path: "C:\\vm\\other.vhdx", sizeGB: 2 }),
      );
      assert.deepEqual(moved, { changes: true, replaces: ["path"], deleteBeforeReplace: true });
      const same = await provider.diff!(PATH, olds, olds);
      assert.equal(same.changes, false);
      assert.deepEqual(host.calls, []);
    });
  });
});
