import { strict as assert } from "node:assert";
import { join } from "node:path";
import { simulatorContentsOf, type SimulatorContents } from "../examples/support";
import { urnOf } from "./provider-host";
import { startSimulatorFixture, type SimulatorFixture } from "./vm-support";

type Props = Record<string, unknown>;

const EMPTY: SimulatorContents = { vms: [], switches: [], diskFiles: [] };

describe("named simulated hosts (simulator://NAME) in one provider process", function () {
  this.timeout(240_000);
  let f: SimulatorFixture;
  // Resources without a host input go to hyperv:host, here a named host.
  before(async () => (f = await startSimulatorFixture({ "hyperv:host": "simulator://hv02" })));
  after(async () => f && (await f.dispose()));

  const vm = (inputs: Props): Props => ({ __provider: f.providers.VirtualMachine, ...inputs });
  const sw = (inputs: Props): Props => ({ __provider: f.providers.VirtualSwitch, ...inputs });
  const disk = (inputs: Props): Props => ({ __provider: f.providers.VirtualHardDisk, ...inputs });
  /** What the plain simulator, hv01 and hv02 hold, in that order. */
  const contents = () =>
    simulatorContentsOf([f.stateDir, join(f.stateDir, "hosts", "hv01"), join(f.stateDir, "hosts", "hv02")]);

  /** One switch, disk and VM of the same names on a host; `host` undefined: the stack's hyperv:host. */
  async function deploy(label: string, host: string | undefined) {
    const on = host === undefined ? {} : { host };
    const lan = await f.host.checkAndCreate(
      urnOf("VirtualSwitch", `lan-${label}`),
      sw({ switchName: "lan", type: "Private", ...on }),
    );
    const root = await f.host.checkAndCreate(
      urnOf("VirtualHardDisk", `root-${label}`),
      disk({ path: "C:\\VMs\\web\\root.vhdx", sizeGB: 1, ...on }),
    );
    const web = await f.host.checkAndCreate(
      urnOf("VirtualMachine", `web-${label}`),
      vm({
        vmName: "web",
        memoryStartupMB: 512,
        guest: { family: "windows" },
        networkAdapters: [{ name: "eth0", switchName: "lan" }],
        hardDisks: [
          {
            path: "C:\\VMs\\web\\root.vhdx",
            controllerType: "IDE",
            controllerNumber: 0,
            controllerLocation: 0,
          },
        ],
        notes: label,
        state: "Off",
        ...on,
      }),
    );
    return { lan, root, web, label };
  }

  // Which host each call goes to, and how a change of host diffs, test/unit/resources/named-hosts.spec.ts
  // checks in process; here, that each host's state stays its own through Pulumi's provider host.
  it("keep separate state: the same names on each host, each read and deleted on its own", async () => {
    const hosts = [
      await deploy("default", "simulator"),
      await deploy("hv01", "SIMULATOR://HV01"),
      await deploy("hv02", undefined),
    ];
    const one: SimulatorContents = {
      vms: ["web"],
      switches: ["lan"],
      diskFiles: [join("c", "vms", "web", "root.vhdx")],
    };
    // The plain simulator's state is the root; each named host's is hosts/NAME, and holds only its own.
    assert.deepEqual(contents(), [one, one, one]);
    const [plain, hv01, hv02] = hosts;
    assert.equal(hv01.web.inputs.host, "simulator://hv01", "check normalizes the host's spelling");
    assert.equal(new Set(hosts.map((h) => h.web.id)).size, 3, "three VMs, three ids");

    // Each VM reads back from its own host, and is not on another.
    for (const h of hosts) {
      const read = await f.host.read(urnOf("VirtualMachine", `web-${h.label}`), h.web.id, h.web.outs);
      assert.equal(read.id, h.web.id);
      assert.equal(read.props.notes, h.label);
    }
    const elsewhere = await f.host.read(urnOf("VirtualMachine", "web-hv01"), hv01.web.id, {
      ...hv01.web.outs,
      host: "simulator://hv02",
    });
    assert.equal(elsewhere.id, "", "hv01's VM is not on hv02");

    // Deleting hv01's resources leaves the other hosts' alone.
    await f.host.delete(urnOf("VirtualMachine", "web-hv01"), hv01.web.id, hv01.web.outs);
    await f.host.delete(urnOf("VirtualHardDisk", "root-hv01"), hv01.root.id, hv01.root.outs);
    await f.host.delete(urnOf("VirtualSwitch", "lan-hv01"), hv01.lan.id, hv01.lan.outs);
    assert.deepEqual(contents(), [one, EMPTY, one]);

    for (const h of [plain, hv02]) {
      await f.host.delete(urnOf("VirtualMachine", `web-${h.label}`), h.web.id, h.web.outs);
      await f.host.delete(urnOf("VirtualHardDisk", `root-${h.label}`), h.root.id, h.root.outs);
      await f.host.delete(urnOf("VirtualSwitch", `lan-${h.label}`), h.lan.id, h.lan.outs);
    }
    assert.deepEqual(contents(), [EMPTY, EMPTY, EMPTY]);
  });
});
