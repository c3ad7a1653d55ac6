import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { doctor } from "../../../cli/commands/doctor";
import { InvalidArgumentError } from "../../../provider/powershell";
import { lazyProvider } from "../../../provider/resources/lazy-provider";
import { configure, powerShellCalls } from "../../../provider/resources/implementation";
import { readProviderSettings } from "../../../provider/resources/provider-settings";

const config =
  (values: Record<string, string>) =>
  (key: string): string | undefined =>
    values[key];

const FORMS = /simulator, simulator:\/\/NAME, local, ssh:\/\/user@host\[:port\] or winrm:\/\/host\[:port\]/;

describe("resources: the host is validated at check, and another host is a create-first replacement", () => {
  const vm = lazyProvider("VirtualMachine");
  const disk = lazyProvider("VirtualHardDisk");
  const sw = lazyProvider("VirtualSwitch");
  const vmInputs = { vmName: "web", memoryStartupMB: 512, guest: { family: "linux" } };
  afterEach(() => configure(config({})));

  it("refuses a misspelt hyperv:host at every resource's check, naming the key, the forms and the fix, without PowerShell", async () => {
    const before = JSON.stringify(powerShellCalls());
    configure(config({ "hyperv:host": "simulater" }));
    for (const [provider, inputs] of [
      [vm, vmInputs],
      [disk, { path: "C:\\d.vhdx", sizeGB: 1 }],
      [sw, { switchName: "lan" }],
    ] as const) {
      const checked = await provider.check!({}, inputs);
      assert.equal(checked.failures?.length, 1, JSON.stringify(checked.failures));
      const [failure] = checked.failures!;
      assert.match(failure.reason, /^stack config hyperv:host: /);
      assert.match(failure.reason, FORMS);
      assert.match(failure.reason, /pulumi config set hyperv:host <value>/);
    }
    // Nothing that reaches a host runs on a refused config, not even on the defaults.
    await assert.rejects(vm.delete!("id", { ...vmInputs, host: "simulator" }), /stack config hyperv:host/);
    assert.equal(JSON.stringify(powerShellCalls()), before);
  });

  it("refuses an unknown scheme and a malformed host input at check, naming host and the forms", async () => {
    for (const host of ["ftp://hv01", "simulater", "ssh://hv01", "simulator://a/b"]) {
      const checked = await vm.check!({}, { ...vmInputs, host });
      assert.deepEqual(
        checked.failures?.map((f) => f.property),
        ["host"],
        host,
      );
      assert.match(checked.failures![0].reason, FORMS, host);
    }
    const ftp = await vm.check!({}, { ...vmInputs, host: "ftp://hv01" });
    assert.match(ftp.failures![0].reason, /scheme "ftp" is not supported/);
  });

  it("readProviderSettings, which doctor uses, refuses the same hyperv:host; doctor refuses a bad --host", async () => {
    assert.throws(
      () => readProviderSettings(config({ "hyperv:host": "simulater" })),
      (error: Error) =>
        error instanceof InvalidArgumentError &&
        /stack config hyperv:host/.test(error.message) &&
        FORMS.test(error.message),
    );
    assert.equal(
      readProviderSettings(config({ "hyperv:host": "Simulator://HV01" })).host,
      "simulator://hv01",
    );
    const dir = mkdtempSync(join(tmpdir(), "doctor-host-"));
    try {
      await assert.rejects(
        doctor.run(["--cwd", dir, "--host", "simulater"]),
        (error: Error) =>
          error instanceof InvalidArgumentError && /--host/.test(error.message) && FORMS.test(error.message),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("diffs a move to another host as a replacement created before the old one is deleted", async () => {
    configure(config({ "hyperv:host": "simulator://hv02" }));
    const checked = await vm.check!({}, vmInputs);
    const olds = { ...checked.inputs, vmId: "id", host: "simulator://hv01" };
    const diff = await vm.diff!("id", olds, checked.inputs);
    assert.deepEqual([diff.replaces, diff.deleteBeforeReplace], [["host"], false]);
    const regenerated = await vm.diff!(
      "id",
      { ...olds, host: "simulator://hv02" },
      {
        ...checked.inputs,
        generation: 2,
      },
    );
    assert.deepEqual([regenerated.replaces, regenerated.deleteBeforeReplace], [["generation"], true]);
  });
});
