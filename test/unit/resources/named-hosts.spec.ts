import { strict as assert } from "node:assert";
import type * as pulumi from "@pulumi/pulumi";
import { configure } from "../../../provider/resources/implementation";
import { describeHost } from "../../../provider/resources/host-pools";
import { virtualHardDiskImplementationWith } from "../../../provider/resources/virtual-hard-disk-implementation";
import { virtualMachineImplementationWith } from "../../../provider/resources/virtual-machine-implementation";
import { virtualSwitchImplementationWith } from "../../../provider/resources/virtual-switch-implementation";
import { FakeHost, notFound } from "./fake-host";
import { vmDescription } from "./vm-description-fixture";

type Props = Record<string, unknown>;

const config =
  (values: Record<string, string>) =>
  (key: string): string | undefined =>
    values[key];

const VM_INPUTS = { vmName: "web", memoryStartupMB: 512, guest: { family: "windows" }, state: "Off" };
const REPORT = vmDescription("web", { vmId: "6a1f0c2e-0d4b-4b8e-9a55-1c2d3e4f5a6b" });

async function checked(provider: pulumi.dynamic.ResourceProvider, inputs: Props): Promise<Props> {
  const result = await provider.check!({}, inputs);
  assert.deepEqual(result.failures ?? [], []);
  return result.inputs as Props;
}

// Where each call goes when resources name simulated hosts (simulator://NAME) or take the stack's
// hyperv:host. test/pulumi-hosts/named-hosts.spec.ts shows the same on the simulator, through
// Pulumi's provider host.
describe("resources: named hosts, the host each call goes to", () => {
  afterEach(() => configure(config({})));

  it("each named host keeps its own state, under hosts/NAME of the simulator's directory; spellings of one host are one", () => {
    configure(config({ "hyperv:simulatorStateDir": "/state" }));
    const dirs = ["simulator", "simulator://hv01", "SIMULATOR://HV01", "simulator://hv02"].map(
      (host) => (describeHost(host) as { stateDir?: string }).stateDir,
    );
    assert.deepEqual(dirs, ["/state", "/state/hosts/hv01", "/state/hosts/hv01", "/state/hosts/hv02"]);
  });

  it("without a host input the stack's hyperv:host is used and recorded in the outputs; the input stays unset", async () => {
    configure(config({ "hyperv:host": "simulator://hv02" }));
    const host = new FakeHost().replies("vm-create", REPORT);
    const vm = virtualMachineImplementationWith(host);
    const inputs = await checked(vm, VM_INPUTS);
    assert.equal(inputs.host, undefined);
    const created = await vm.create!(inputs);
    assert.deepEqual(
      host.calls.map((c) => c.host),
      ["simulator://hv02"],
    );
    assert.equal((created.outs as Props).host, "simulator://hv02");
  });

  it("check writes a host input in its one spelling, and another spelling of it is no change", async () => {
    const vm = virtualMachineImplementationWith(new FakeHost());
    const inputs = await checked(vm, { ...VM_INPUTS, host: "SIMULATOR://HV01" });
    assert.equal(inputs.host, "simulator://hv01");
    const outs = { ...inputs, vmId: REPORT.vmId };
    const respelled = await checked(vm, { ...VM_INPUTS, host: "Simulator://hv01" });
    assert.equal((await vm.diff!(REPORT.vmId, outs, respelled)).changes, false);
  });

  it("another host is another VM, disk or switch: a replacement created before the old one is deleted", async () => {
    const providers = {
      VirtualMachine: [virtualMachineImplementationWith(new FakeHost()), VM_INPUTS],
      VirtualHardDisk: [
        virtualHardDiskImplementationWith(new FakeHost()),
        { path: "C:\\VMs\\web\\root.vhdx", sizeGB: 1 },
      ],
      VirtualSwitch: [
        virtualSwitchImplementationWith(new FakeHost()),
        { switchName: "lan", type: "Private" },
      ],
    } as const;
    for (const [type, [provider, inputs]] of Object.entries(providers)) {
      const olds = { ...(await checked(provider, { ...inputs, host: "simulator://hv01" })), vmId: "id" };
      for (const host of ["simulator://hv03", "simulator"]) {
        const news = await checked(provider, { ...inputs, host });
        const diff = await provider.diff!("id", olds, news);
        assert.deepEqual([diff.replaces, diff.deleteBeforeReplace], [["host"], false], `${type} to ${host}`);
      }
    }
  });

  it("read, update and delete go to the host the outputs record, whatever hyperv:host says now", async () => {
    // Created on hv02 (hyperv:host then); the next run's hyperv:host is hv04.
    configure(config({ "hyperv:host": "simulator://hv04" }));
    const host = new FakeHost()
      .replies("vm-read", REPORT)
      .answer("vm-read", notFound("vm-read", REPORT.vmId))
      .replies("vm-delete", null);
    const vm = virtualMachineImplementationWith(host);
    const news = await checked(vm, VM_INPUTS);
    const outs = { ...news, vmId: REPORT.vmId, host: "simulator://hv02" };

    const diff = await vm.diff!(REPORT.vmId, outs, news);
    assert.deepEqual([diff.replaces, diff.deleteBeforeReplace], [["host"], false], "a move to hv04");
    // Outputs written before they recorded the host: the VM is taken to be on the configured one.
    const { host: _recorded, ...legacy } = outs;
    void _recorded;
    assert.equal((await vm.diff!(REPORT.vmId, legacy, news)).changes, false);

    assert.equal((await vm.read!(REPORT.vmId, outs)).id, REPORT.vmId);
    // hv01's VM looked for on hv02 is not there: gone, not an error.
    assert.equal((await vm.read!(REPORT.vmId, { ...outs, host: "simulator://hv01" })).id, "");
    await vm.delete!(REPORT.vmId, outs);
    assert.deepEqual(
      host.calls.map((c) => `${c.operation} ${c.host}`),
      ["vm-read simulator://hv02", "vm-read simulator://hv01", "vm-delete simulator://hv02"],
    );
  });

  it("a misspelt hyperv: key fails every check, before anything reaches a host", async () => {
    configure(config({ "hyperv:hots": "simulator://hv01" }), ["hyperv:hots"]);
    const host = new FakeHost();
    const result = await virtualSwitchImplementationWith(host).check!({}, { switchName: "typo" });
    assert.match(
      (result.failures ?? []).map((f) => f.reason).join("\n"),
      /stack config hyperv:hots is not a setting of the Hyper-V provider; did you mean hyperv:host\?/,
    );
    assert.deepEqual(host.calls, []);
  });

  it("refuses a malformed simulated host name at check, naming host and the accepted forms", async () => {
    const result = await virtualSwitchImplementationWith(new FakeHost()).check!(
      {},
      { switchName: "lan", type: "Private", host: "simulator://../hv01" },
    );
    assert.deepEqual(
      (result.failures ?? []).map((f) => f.property),
      ["host"],
    );
    assert.match(result.failures![0].reason, /simulator:\/\/NAME/);
  });
});
