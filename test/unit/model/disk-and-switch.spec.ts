import { strict as assert } from "node:assert";
import { parseVirtualHardDisk, parseVirtualSwitch, UNKNOWN } from "../../../provider/model";
import { readProviderSettings, poolOptionsFor } from "../../../provider/resources/provider-settings";

const failures = (r: { ok: boolean; failures?: { property: string; reason: string }[] }) =>
  r.ok ? [] : r.failures!.map((f) => `${f.property}: ${f.reason}`);

describe("model: VirtualHardDisk and VirtualSwitch inputs", () => {
  it("normalizes a disk: type from the parent, size in bytes from GB", () => {
    assert.deepEqual(parseVirtualHardDisk({ path: "C:\\a.vhdx", sizeGB: 2, __provider: "x" }), {
      ok: true,
      spec: { path: "C:\\a.vhdx", type: "Dynamic", sizeGB: 2, sizeBytes: 2 * 1024 ** 3 },
    });
    const child = parseVirtualHardDisk({ path: "C:\\c.vhdx", parentPath: "C:\\a.vhdx" });
    assert.equal(child.ok && child.spec.type, "Differencing");
    const unknown = parseVirtualHardDisk({ path: "C:\\a.vhdx", sizeGB: UNKNOWN });
    assert.ok(unknown.ok, "a size unknown at preview passes");
  });

  it("names the field and the fix for every bad disk input", () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [
        { path: "a.vhdx", sizeGB: 1 },
        ["path: path must be an absolute Windows path on the host, such as C:\\Hyper-V\\disks\\vm1.vhdx"],
      ],
      [{ path: "C:\\a.iso", sizeGB: 1 }, ["path: path must end in .vhdx or .vhd"]],
      [
        { path: "C:\\a.vhdx" },
        ["sizeBytes: sizeBytes (or sizeGB) is required for a Dynamic disk, e.g. sizeGB: 40"],
      ],
      [
        { path: "C:\\a.vhdx", type: "Differencing" },
        ["parentPath: parentPath is required for a Differencing disk: the path of its parent .vhdx or .vhd"],
      ],
      [
        { path: "C:\\a.vhdx", type: "Fixed", sizeGB: 1, parentPath: "C:\\p.vhdx" },
        ['parentPath: parentPath only applies to a Differencing disk: remove it or set type: "Differencing"'],
      ],
      [
        { path: "C:\\a.vhdx", sizeBytes: 1000 },
        ["sizeBytes: sizeBytes must give from 3 MB to 65536 GB for this file format"],
      ],
      [
        { path: "C:\\a.vhdx", sizeBytes: 4 * 1024 * 1024 + 512 },
        ["sizeBytes: sizeBytes must give a whole number of 4096-byte sectors, e.g. 4194304"],
      ],
      [
        { path: "C:\\a.vhdx", sizeBytes: 4194304, sizeGB: 1 },
        ["sizeGB: sizeBytes and sizeGB give different sizes: give only one of them"],
      ],
      [
        { path: "C:\\a.vhdx", sizeGB: 1, type: "sparse" },
        ['type: type must be one of Dynamic, Fixed, Differencing (got "sparse")'],
      ],
      [
        { path: "C:\\a.vhdx", sizeGB: 1, size: 3 },
        ["size: size is not a VirtualHardDisk input; remove it; did you mean sizeGB?"],
      ],
    ];
    for (const [input, expected] of cases)
      assert.deepEqual(failures(parseVirtualHardDisk(input)), expected, JSON.stringify(input));
    assert.deepEqual(
      failures(
        parseVirtualHardDisk(
          { path: "C:\\a.vhdx", sizeGB: 1 },
          { path: "C:\\a.vhdx", sizeBytes: 2 * 1024 ** 3 },
        ),
      ),
      [
        "sizeGB: sizeGB must not shrink the disk (now 2147483648 bytes): a disk only grows; keep the size or replace the disk with a new path",
      ],
    );
  });

  it("normalizes a switch and names the field and the fix for every bad switch input", () => {
    assert.deepEqual(parseVirtualSwitch({}, "lan"), {
      ok: true,
      spec: { switchName: "lan", type: "Private", notes: "" },
    });
    assert.deepEqual(parseVirtualSwitch({ type: "external", netAdapterName: "Ethernet" }, "x"), {
      ok: true,
      spec: {
        switchName: "x",
        type: "External",
        netAdapterName: "Ethernet",
        allowManagementOs: true,
        notes: "",
      },
    });
    const cases: [Record<string, unknown>, string[]][] = [
      [
        { type: "External" },
        [
          "netAdapterName: netAdapterName is required for an External switch: the host's network adapter, e.g. Ethernet",
        ],
      ],
      [
        { netAdapterName: "Ethernet" },
        [
          'netAdapterName: netAdapterName only applies to an External switch: remove it or set type: "External"',
        ],
      ],
      [{ type: "nat" }, ['type: type must be one of Private, Internal, External (got "nat")']],
      [{ switchName: " lan" }, ["switchName: switchName must not start or end with whitespace"]],
      [{ notes: 3 }, ["notes: notes must be a string"]],
    ];
    for (const [input, expected] of cases)
      assert.deepEqual(failures(parseVirtualSwitch(input, "s")), expected, JSON.stringify(input));
  });

  it("reads the provider's stack config, naming a bad key and how to fix it", () => {
    const config = (values: Record<string, string>) => (key: string) => values[key];
    assert.deepEqual(readProviderSettings(config({})), { host: "simulator" });
    const settings = readProviderSettings(
      config({
        "hyperv:host": "local",
        "hyperv:poolSize": "5",
        "hyperv:readTimeoutSeconds": "10",
        "hyperv:writeTimeoutSeconds": "20",
        "hyperv:simulatorStateDir": "/s",
      }),
    );
    assert.deepEqual(poolOptionsFor(settings, "local"), {
      host: "local",
      simulatorStateDir: "/s",
      size: 5,
      readTimeoutMs: 10_000,
      writeTimeoutMs: 20_000,
    });
    assert.throws(
      () => readProviderSettings(config({ "hyperv:poolSize": "many" })),
      /stack config hyperv:poolSize: hyperv:poolSize must be a whole number of at least 0; fix it with pulumi config set hyperv:poolSize <value>/,
    );
  });
});
