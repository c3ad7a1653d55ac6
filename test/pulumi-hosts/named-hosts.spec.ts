import { strict as assert } from "node:assert";
import { join } from "node:path";
import { simulatorContentsOf, type SimulatorContents } from "../examples/support";
import { ProviderHost, urnOf } from "./provider-host";
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

  it("keep separate state: the same names on each host, each read, diffed and deleted on its own", async () => {
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

    // Another host is another VM, disk or switch: a replace; another spelling of the same host is no change.
    const moved = await f.host.check(urnOf("VirtualMachine", "web-hv01"), hv01.web.inputs, {
      ...hv01.web.inputs,
      host: "simulator://hv03",
    });
    assert.deepEqual(moved.failures, []);
    const vmDiff = await f.host.diff(
      urnOf("VirtualMachine", "web-hv01"),
      hv01.web.id,
      hv01.web.outs,
      moved.inputs,
    );
    assert.deepEqual([vmDiff.changes, vmDiff.replaces], [2, ["host"]]);
    assert.equal(vmDiff.deleteBeforeReplace, false, "the VM on the new host is created first");
    for (const [type, created] of [
      ["VirtualSwitch", hv01.lan],
      ["VirtualHardDisk", hv01.root],
    ] as const) {
      const news = (
        await f.host.check(urnOf(type, "x"), created.inputs, { ...created.inputs, host: "simulator" })
      ).inputs;
      const diff = await f.host.diff(urnOf(type, "x"), created.id, created.outs, news);
      assert.deepEqual([diff.changes, diff.replaces], [2, ["host"]], type);
      assert.equal(diff.deleteBeforeReplace, false, type);
    }
    const respelled = await f.host.check(urnOf("VirtualMachine", "web-hv01"), hv01.web.inputs, {
      ...hv01.web.inputs,
      host: "Simulator://hv01",
    });
    const same = await f.host.diff(
      urnOf("VirtualMachine", "web-hv01"),
      hv01.web.id,
      hv01.web.outs,
      respelled.inputs,
    );
    assert.equal(same.changes, 1, "no change");

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

  it("a changed hyperv:host replaces what was created on the old one, and read and delete still reach the old one", async () => {
    // Created with hyperv:host = simulator://hv02 and no host input: the outputs record that host.
    const web = await f.host.checkAndCreate(
      urnOf("VirtualMachine", "moved"),
      vm({ vmName: "moved", memoryStartupMB: 512, guest: { family: "windows" }, state: "Off" }),
    );
    assert.equal(web.outs.host, "simulator://hv02");
    assert.equal(web.inputs.host, undefined, "the input stays unset");

    // The next run's provider is configured with another default host.
    const next = await ProviderHost.start(f.program.path, {
      "hyperv:simulatorStateDir": f.stateDir,
      "hyperv:host": "simulator://hv04",
    });
    try {
      const urn = urnOf("VirtualMachine", "moved");
      const news = (await next.check(urn, web.inputs, web.inputs)).inputs;
      const diff = await next.diff(urn, web.id, web.outs, news);
      assert.deepEqual([diff.changes, diff.replaces, diff.deleteBeforeReplace], [2, ["host"], false]);
      // State written before outputs recorded the host is taken to be on the configured one.
      const { host: _recorded, ...legacy } = web.outs;
      void _recorded;
      const legacyDiff = await next.diff(urn, web.id, legacy, news);
      assert.equal(legacyDiff.changes, 1, "no change");

      const read = await next.read(urn, web.id, web.outs);
      assert.equal(read.id, web.id, "read goes to the recorded host");
      await next.delete(urn, web.id, web.outs);
      const [, , hv02] = contents();
      assert.deepEqual(hv02.vms, [], "delete went to the recorded host");
    } finally {
      await next.stop();
    }
  });

  it("refuses a misspelt hyperv: key in the stack config (the provider sees all of it) instead of using the default host", async () => {
    const typo = await ProviderHost.start(f.program.path, {
      "hyperv:simulatorStateDir": f.stateDir,
      "hyperv:hots": "simulator://hv01",
    });
    try {
      // The refused config fails every check, before any step (configure itself cannot fail usefully).
      const checked = await typo.check(urnOf("VirtualSwitch", "typo"), {}, sw({ switchName: "typo" }));
      assert.match(
        checked.failures.map((x) => x.reason).join("\n"),
        /stack config hyperv:hots is not a setting of the Hyper-V provider; did you mean hyperv:host\?/,
      );
    } finally {
      await typo.stop();
    }
    assert.deepEqual(contents(), [EMPTY, EMPTY, EMPTY], "nothing was created anywhere");
  });

  it("refuses a malformed simulated host name at check, naming host and the accepted forms", async () => {
    const checked = await f.host.check(
      urnOf("VirtualSwitch", "bad"),
      {},
      sw({ switchName: "lan", type: "Private", host: "simulator://../hv01" }),
    );
    assert.deepEqual(
      checked.failures.map((x) => x.property),
      ["host"],
    );
    assert.match(checked.failures[0].reason, /simulator:\/\/NAME/);
  });
});
