import { strict as assert } from "node:assert";
import {
  parseVirtualMachine,
  UNKNOWN,
  VIRTUAL_MACHINE_TYPE,
  type CheckFailure,
  type VirtualMachineSpec,
} from "../../../provider/model";

const base = {
  vmName: "web01",
  memoryStartupMB: 1024,
  guest: { family: "linux", distribution: "sles", version: "11" },
};

function parse(input: object, resourceName?: string): VirtualMachineSpec {
  const result = parseVirtualMachine(input, { resourceName });
  if (!result.ok) assert.fail(`unexpected failures: ${JSON.stringify(result.failures)}`);
  return result.spec;
}

function failures(input: unknown): CheckFailure[] {
  const result = parseVirtualMachine(input);
  assert.equal(result.ok, false, "the input must be refused");
  return result.ok ? [] : result.failures;
}

function failureFor(input: unknown, property: string): string {
  const found = failures(input).find((f) => f.property === property);
  assert.ok(found, `expected a failure for ${property}, got ${JSON.stringify(failures(input))}`);
  return found.reason;
}

describe("model: VirtualMachine inputs", () => {
  it("names the type token the policies match on", () => {
    assert.equal(VIRTUAL_MACHINE_TYPE, "pulumi-nodejs:dynamic/hyperv:VirtualMachine");
  });

  it("gives an ICs v2 Linux guest the defaults that are compliant for it", () => {
    const spec = parse({ ...base, networkAdapters: [{ name: "eth0" }] });
    assert.deepEqual(spec, {
      vmName: "web01",
      generation: 1,
      processorCount: 1,
      memoryStartupMB: 1024,
      guest: {
        family: "linux",
        distribution: "sles",
        version: "11",
        architecture: "x64",
        integrationComponents: "linux-ics-v2",
        mouseIntegration: false,
      },
      networkAdapters: [{ name: "eth0", legacy: false, vmqWeight: 0, mtu: 1500 }],
      hardDisks: [],
      dvdDrives: [],
      integrationServices: {
        timeSynchronization: false,
        shutdown: false,
        heartbeat: false,
        keyValuePairExchange: false,
        vss: false,
        guestServiceInterface: false,
      },
      automaticStartAction: "StartIfRunning",
      automaticStopAction: "Save",
      timeSync: { ntpServers: [], maxPollSeconds: 1024, stepOnResume: true },
      state: "Running",
      notes: "",
      allowHardStop: false,
    });
  });

  it("derives LIS 2.1 defaults from its capabilities: host time sync, shutdown and heartbeat on, VMQ still off", () => {
    const spec = parse({
      ...base,
      guest: { ...base.guest, integrationComponents: "LIS-2.1" },
      networkAdapters: [{ name: "n" }],
    });
    assert.equal(spec.guest.integrationComponents, "lis-2.1");
    assert.deepEqual(spec.integrationServices, {
      timeSynchronization: true,
      shutdown: true,
      heartbeat: true,
      keyValuePairExchange: false,
      vss: false,
      guestServiceInterface: false,
    });
    assert.equal(spec.networkAdapters[0].vmqWeight, 0);
    assert.equal(spec.timeSync.stepOnResume, false, "the host keeps the clock");
    const off = parse({
      ...base,
      guest: { ...base.guest, integrationComponents: "lis-2.1" },
      integrationServices: { timeSynchronization: false },
    });
    assert.equal(off.timeSync.stepOnResume, true, "without the service the guest steps its own clock");
  });

  it("gives a guest its release does not support (or one without ICs) legacy adapters, except on generation 2", () => {
    const none = parse({
      ...base,
      guest: { ...base.guest, integrationComponents: "none" },
      networkAdapters: [{ name: "n" }],
    });
    assert.equal(none.networkAdapters[0].legacy, true);
    assert.equal(none.networkAdapters[0].vmqWeight, 0);
    const debian = parse({
      ...base,
      guest: { family: "linux", distribution: "debian", version: "5" },
      networkAdapters: [{ name: "n" }],
    });
    assert.equal(debian.networkAdapters[0].legacy, true);
    const gen2 = parse({
      ...base,
      generation: 2,
      guest: { ...base.guest, integrationComponents: "none" },
      networkAdapters: [{ name: "n" }],
    });
    assert.equal(gen2.networkAdapters[0].legacy, false);
  });

  it("gives Windows guests Hyper-V's own defaults", () => {
    const spec = parse({
      vmName: "dc01",
      memoryStartupMB: 2048,
      guest: { family: "Windows" },
      networkAdapters: [{ name: "n" }],
    });
    assert.equal(spec.guest.integrationComponents, "none");
    assert.equal(spec.networkAdapters[0].vmqWeight, 100);
    assert.deepEqual(Object.values(spec.integrationServices), [true, true, true, true, true, false]);
    assert.equal(spec.timeSync.stepOnResume, false);
  });

  it("keeps explicit values over defaults", () => {
    const spec = parse({
      ...base,
      processorCount: 2,
      networkAdapters: [{ name: "n", vmqWeight: 50, mtu: 9000, legacy: false }],
      integrationServices: { timeSynchronization: true },
      timeSync: { ntpServers: ["a.example.com"], stepOnResume: false, maxPollSeconds: 64 },
      automaticStopAction: "ShutDown",
    });
    assert.equal(spec.processorCount, 2);
    assert.deepEqual(spec.networkAdapters[0], { name: "n", legacy: false, vmqWeight: 50, mtu: 9000 });
    assert.equal(spec.integrationServices.timeSynchronization, true);
    assert.deepEqual(spec.timeSync, {
      ntpServers: ["a.example.com"],
      maxPollSeconds: 64,
      stepOnResume: false,
    });
    assert.equal(spec.automaticStopAction, "ShutDown");
  });

  it("normalizes names of distributions, versions, enums, MAC addresses, hosts and NTP servers", () => {
    const spec = parse({
      ...base,
      host: "SSH://Admin@HV01.example.com:2222",
      guest: { family: "LINUX", distribution: "Red Hat Enterprise Linux", version: 5.4, architecture: "X86" },
      networkAdapters: [{ name: "n", macAddress: "00:15:5d:0a:0b:0c" }],
      hardDisks: [
        { path: "C:\\vm\\root.VHD", controllerType: "ide", controllerNumber: 0, controllerLocation: 0 },
      ],
      timeSync: { ntpServers: ["NTP1.Example.com", "ntp1.example.com", "10.0.0.1"] },
      automaticStartAction: "start",
      state: "off",
    });
    assert.deepEqual(spec.guest, {
      family: "linux",
      distribution: "rhel",
      version: "5.4",
      architecture: "x86",
      integrationComponents: "linux-ics-v2",
      mouseIntegration: false,
    });
    assert.equal(spec.host, "ssh://Admin@hv01.example.com:2222");
    assert.equal(spec.networkAdapters[0].macAddress, "00155D0A0B0C");
    assert.equal(spec.hardDisks[0].controllerType, "IDE");
    assert.deepEqual(spec.timeSync.ntpServers, ["ntp1.example.com", "10.0.0.1"]);
    assert.equal(spec.automaticStartAction, "Start");
    assert.equal(spec.state, "Off");
    assert.equal(
      parse({ ...base, guest: { family: "linux", distribution: "SLES", version: "10SP3" } }).guest.version,
      "10 sp3",
    );
    assert.equal(parse({ ...base, host: "local" }).host, "local");
    assert.equal(parse({ ...base, host: "winrm://HV02" }).host, "winrm://hv02");
    assert.equal(parse({ ...base, host: " Simulator://HV01.lab " }).host, "simulator://hv01.lab");
  });

  it("takes vmName from the resource name and ignores the engine's __ keys", () => {
    const { vmName: _omit, ...rest } = base;
    const spec = parse({ ...rest, __provider: "serialized" }, "web02");
    assert.equal(spec.vmName, "web02");
    assert.equal("__provider" in spec, false);
    assert.match(failureFor(rest, "vmName"), /vmName is required/);
  });

  it("refuses memory that is not an even number of MB, and says which value to use", () => {
    assert.match(
      failureFor({ ...base, memoryStartupMB: 1023 }, "memoryStartupMB"),
      /even number of MB.*use 1024/,
    );
    assert.match(failureFor({ ...base, memoryStartupMB: "1GB" }, "memoryStartupMB"), /whole number from 32/);
    assert.match(
      failureFor({ ...base, memoryStartupMB: undefined }, "memoryStartupMB"),
      /memoryStartupMB is required/,
    );
    const dm = { ...base, dynamicMemory: { minimumMB: 2048, maximumMB: 512 } };
    assert.match(failureFor(dm, "dynamicMemory.minimumMB"), /must not exceed memoryStartupMB \(1024\)/);
    assert.match(failureFor(dm, "dynamicMemory.maximumMB"), /at least memoryStartupMB/);
    assert.match(
      failureFor({ ...base, dynamicMemory: { minimumMB: 511, maximumMB: 2048 } }, "dynamicMemory.minimumMB"),
      /even/,
    );
  });

  it("validates names", () => {
    assert.match(failureFor({ ...base, vmName: "web/01" }, "vmName"), /must not contain/);
    assert.match(failureFor({ ...base, vmName: " web01" }, "vmName"), /whitespace/);
    assert.match(failureFor({ ...base, vmName: "x".repeat(101) }, "vmName"), /at most 100/);
    assert.match(failureFor({ ...base, vmName: "" }, "vmName"), /must not be empty/);
    const dup = { ...base, networkAdapters: [{ name: "eth0" }, { name: "ETH0" }] };
    assert.match(failureFor(dup, "networkAdapters[1].name"), /already used by networkAdapters\[0\]/);
  });

  it("validates hosts, MAC addresses, VLANs, MTU, NTP servers and polling", () => {
    assert.match(failureFor({ ...base, host: "ssh://hv01" }, "host"), /ssh needs a user/);
    assert.match(failureFor({ ...base, host: "ssh://u:secret@hv01" }, "host"), /password/);
    assert.match(failureFor({ ...base, host: "http://hv01" }, "host"), /scheme "http" is not supported/);
    for (const host of [
      "simulator://",
      "simulator://hv/01",
      "simulator://..",
      `simulator://${"h".repeat(64)}`,
    ]) {
      assert.match(failureFor({ ...base, host }, "host"), /not a simulated host name.*simulator:\/\/NAME/);
    }
    const nic = (n: object) => ({ ...base, networkAdapters: [{ name: "n", ...n }] });
    assert.match(
      failureFor(nic({ macAddress: "01-00-5E-00-00-01" }), "networkAdapters[0].macAddress"),
      /multicast/,
    );
    assert.match(failureFor(nic({ macAddress: "zz" }), "networkAdapters[0].macAddress"), /00-15-5D-01-02-03/);
    assert.match(failureFor(nic({ vlanId: 4095 }), "networkAdapters[0].vlanId"), /1 to 4094/);
    assert.match(failureFor(nic({ mtu: 100 }), "networkAdapters[0].mtu"), /576 to 9014/);
    assert.match(
      failureFor(nic({ legacy: true, vmqWeight: 10 }), "networkAdapters[0].vmqWeight"),
      /legacy network adapter .*, which has no VMQ/,
    );
    assert.match(
      failureFor({ ...base, timeSync: { ntpServers: ["not a host"] } }, "timeSync.ntpServers[0]"),
      /must be host names or IP addresses/,
    );
    assert.match(
      failureFor({ ...base, timeSync: { maxPollSeconds: 1000 } }, "timeSync.maxPollSeconds"),
      /power of two/,
    );
    const many = {
      ...base,
      timeSync: { ntpServers: Array.from({ length: 17 }, (_, i) => `ntp${i}.example.com`) },
    };
    assert.match(failureFor(many, "timeSync.ntpServers"), /at most 16 servers/);
    assert.match(
      failureFor({ ...base, networkAdapters: { name: "n" } }, "networkAdapters"),
      /must be a list/,
    );
    assert.match(
      failureFor({ ...base, guest: { family: "linux", version: true } }, "guest.version"),
      /such as "11"/,
    );
  });

  it("checks controller slots, paths and generation 2 hardware", () => {
    const disk = (d: object) => ({
      path: "C:\\vm\\a.vhdx",
      controllerType: "IDE",
      controllerNumber: 0,
      controllerLocation: 0,
      ...d,
    });
    assert.match(
      failureFor(
        { ...base, hardDisks: [disk({})], dvdDrives: [{ controllerNumber: 0, controllerLocation: 0 }] },
        "dvdDrives[0].controllerLocation",
      ),
      /IDE 0:0, already used by hardDisks\[0\]/,
    );
    assert.match(
      failureFor({ ...base, hardDisks: [disk({ controllerNumber: 2 })] }, "hardDisks[0].controllerNumber"),
      /0 or 1 on IDE/,
    );
    assert.match(
      failureFor({ ...base, hardDisks: [disk({ path: "disk.vhd" })] }, "hardDisks[0].path"),
      /absolute Windows path/,
    );
    assert.match(
      failureFor({ ...base, hardDisks: [disk({ path: "C:\\vm\\a.img" })] }, "hardDisks[0].path"),
      /\.vhdx or \.vhd/,
    );
    assert.match(
      failureFor({ ...base, hardDisks: [disk({ path: "C:\\vm\\..\\..\\a.vhd" })] }, "hardDisks[0].path"),
      /"\.\."/,
    );
    assert.match(
      failureFor({ ...base, hardDisks: [disk({ path: "C:\\vm\\a:b.vhd" })] }, "hardDisks[0].path"),
      /: \* \? " < > \| after the drive/,
    );
    assert.match(
      failureFor({ ...base, hardDisks: [disk({ controllerType: "SATA" })] }, "hardDisks[0].controllerType"),
      /IDE, SCSI/,
    );
    const gen2 = {
      ...base,
      generation: 2,
      hardDisks: [disk({})],
      networkAdapters: [{ name: "n", legacy: true }],
    };
    assert.match(
      failureFor(gen2, "hardDisks[0].controllerType"),
      /no IDE controller: use controllerType SCSI/,
    );
    assert.match(failureFor(gen2, "networkAdapters[0].legacy"), /no legacy network adapter/);
    assert.match(
      failureFor(
        { ...base, generation: 2, guest: { ...base.guest, architecture: "x86" } },
        "guest.architecture",
      ),
      /64-bit/,
    );
    assert.match(failureFor({ ...base, generation: 3 }, "generation"), /generation must be 1 or 2/);
    const scsiDvd = parse({
      ...base,
      generation: 2,
      hardDisks: [disk({ controllerType: "SCSI" })],
      dvdDrives: [{ controllerNumber: 0, controllerLocation: 1 }],
    });
    assert.equal(scsiDvd.dvdDrives.length, 1);
  });

  it("accepts the usual MAC spellings and refuses the all-zero address and duplicates", () => {
    const nics = (...macs: string[]) => ({
      ...base,
      networkAdapters: macs.map((macAddress, i) => ({ name: `n${i}`, macAddress })),
    });
    for (const mac of ["00-15-5D-01-02-03", "00:15:5d:01:02:03", "00155D010203", "0015.5d01.0203"]) {
      assert.equal(parse(nics(mac)).networkAdapters[0].macAddress, "00155D010203", mac);
    }
    assert.match(
      failureFor(nics("00-00-00-00-00-00"), "networkAdapters[0].macAddress"),
      /all zeros.*omit macAddress for a dynamic address/,
    );
    assert.match(failureFor(nics("FF-FF-FF-FF-FF-FF"), "networkAdapters[0].macAddress"), /multicast/);
    assert.match(failureFor(nics("00-15-5D-01-02"), "networkAdapters[0].macAddress"), /not a MAC address/);
    assert.match(
      failureFor(nics("00-15-5D-01-02-03", "00155d010203"), "networkAdapters[1].macAddress"),
      /^networkAdapters\[1\]\.macAddress is already used by networkAdapters\[0\]: make it unique$/,
    );
  });

  it("keeps dynamic memory in order even while the startup memory is unknown", () => {
    assert.equal(
      parse({ ...base, dynamicMemory: { minimumMB: 512, maximumMB: 4096 } }).dynamicMemory?.maximumMB,
      4096,
    );
    assert.equal(
      parse({ ...base, dynamicMemory: { minimumMB: 1024, maximumMB: 1024 } }).dynamicMemory?.minimumMB,
      1024,
      "minimum = startup = maximum is allowed",
    );
    assert.match(
      failureFor(
        { ...base, memoryStartupMB: UNKNOWN, dynamicMemory: { minimumMB: 4096, maximumMB: 1024 } },
        "dynamicMemory.maximumMB",
      ),
      /at least dynamicMemory\.minimumMB \(4096\)/,
    );
    assert.match(
      failureFor({ ...base, dynamicMemory: { minimumMB: 512, maximumMB: 4097 } }, "dynamicMemory.maximumMB"),
      /even number of MB.*use 4098/,
    );
  });

  it("enforces IDE 2x2 and SCSI 4x64 slots, and DVD drives on IDE for generation 1", () => {
    const disk = (controllerType: string, controllerNumber: number, controllerLocation: number) => ({
      path: `C:\\vm\\${controllerType}${controllerNumber}-${controllerLocation}.vhdx`,
      controllerType,
      controllerNumber,
      controllerLocation,
    });
    const scsi = parse({ ...base, hardDisks: [disk("SCSI", 3, 63), disk("SCSI", 0, 0), disk("IDE", 1, 1)] });
    assert.equal(scsi.hardDisks.length, 3);
    assert.match(
      failureFor({ ...base, hardDisks: [disk("SCSI", 4, 0)] }, "hardDisks[0].controllerNumber"),
      /hardDisks\[\]\.controllerNumber must be a whole number from 0 to 3 \(IDE 0-1, SCSI 0-3\)/,
    );
    assert.match(
      failureFor({ ...base, hardDisks: [disk("SCSI", 0, 64)] }, "hardDisks[0].controllerLocation"),
      /SCSI 0-63/,
    );
    assert.match(
      failureFor({ ...base, hardDisks: [disk("IDE", 0, 2)] }, "hardDisks[0].controllerLocation"),
      /hardDisks\[0\]\.controllerLocation must be 0 or 1 on IDE/,
    );
    assert.match(
      failureFor(
        { ...base, dvdDrives: [{ controllerNumber: 2, controllerLocation: 0 }] },
        "dvdDrives[0].controllerNumber",
      ),
      /dvdDrives\[0\]\.controllerNumber must be 0 or 1 on IDE/,
      "a generation 1 DVD drive is on IDE",
    );
    assert.match(
      failureFor(
        {
          ...base,
          hardDisks: [disk("SCSI", 0, 0), disk("SCSI", 0, 0)],
        },
        "hardDisks[1].controllerLocation",
      ),
      /SCSI 0:0, already used by hardDisks\[0\]/,
    );
    const gen2 = {
      ...base,
      generation: 2,
      hardDisks: [disk("SCSI", 0, 1)],
      dvdDrives: [{ controllerNumber: 0, controllerLocation: 1 }],
    };
    assert.match(
      failureFor(gen2, "dvdDrives[0].controllerLocation"),
      /SCSI 0:1, already used by hardDisks\[0\]/,
    );
    assert.equal(
      parse({
        ...base,
        hardDisks: [disk("SCSI", 0, 0)],
        dvdDrives: [{ controllerNumber: 0, controllerLocation: 0 }],
      }).dvdDrives.length,
      1,
      "on generation 1 the DVD drive's IDE 0:0 is not the disk's SCSI 0:0",
    );
  });

  it("keeps generation 1 VMs within 64 processors and 1 TB of memory; generation 2 goes to 240 and 12 TB", () => {
    const TB = 1024 * 1024;
    assert.equal(parse({ ...base, processorCount: 64, memoryStartupMB: TB }).processorCount, 64);
    assert.match(
      failureFor({ ...base, processorCount: 65 }, "processorCount"),
      /at most 64 on a generation 1 VM: lower it or use generation 2/,
    );
    assert.match(
      failureFor({ ...base, memoryStartupMB: TB + 2 }, "memoryStartupMB"),
      /at most 1048576 \(1 TB\)/,
    );
    assert.match(
      failureFor(
        { ...base, dynamicMemory: { minimumMB: 512, maximumMB: 2 * TB } },
        "dynamicMemory.maximumMB",
      ),
      /dynamicMemory\.maximumMB must be at most 1048576 \(1 TB\) on a generation 1 VM/,
    );
    const gen2 = parse({ ...base, generation: 2, processorCount: 240, memoryStartupMB: 12 * TB });
    assert.deepEqual([gen2.processorCount, gen2.memoryStartupMB], [240, 12 * TB]);
    assert.match(failureFor({ ...base, generation: 2, processorCount: 241 }, "processorCount"), /1 to 240/);
  });

  it("allows 4 legacy network adapters, counting the ones that are legacy by default", () => {
    const adapters = (n: number, nic: object = {}) =>
      Array.from({ length: n }, (_, i) => ({ name: `n${i}`, ...nic }));
    assert.equal(
      parse({ ...base, networkAdapters: adapters(4, { legacy: true }) }).networkAdapters.length,
      4,
    );
    assert.match(
      failureFor({ ...base, networkAdapters: adapters(5, { legacy: true }) }, "networkAdapters[4]"),
      /legacy network adapter number 5, but Hyper-V allows 4 per VM/,
    );
    const unlisted = { ...base, guest: { family: "linux", distribution: "debian", version: "5.0" } };
    assert.equal(parse({ ...unlisted, networkAdapters: adapters(4) }).networkAdapters[3].legacy, true);
    assert.match(
      failureFor({ ...unlisted, networkAdapters: adapters(5) }, "networkAdapters[4]"),
      /legacy by default.*remove it/,
    );
    assert.equal(parse({ ...base, networkAdapters: adapters(8) }).networkAdapters.length, 8, "synthetic");
  });

  it("gives legacy adapters, explicit or by default, no VMQ and no jumbo frames", () => {
    const unlisted = { ...base, guest: { family: "linux", distribution: "debian", version: "5.0" } };
    assert.match(
      failureFor(
        { ...unlisted, networkAdapters: [{ name: "n", vmqWeight: 100 }] },
        "networkAdapters[0].vmqWeight",
      ),
      /legacy network adapter \(the default when the guest has no synthetic network driver\), which has no VMQ: remove vmqWeight or set it to 0/,
    );
    assert.match(
      failureFor(
        { ...base, networkAdapters: [{ name: "n", legacy: true, mtu: 9000 }] },
        "networkAdapters[0].mtu",
      ),
      /no jumbo frames: set mtu to 1500 or less/,
    );
    const windows = { ...base, guest: { family: "windows" } };
    assert.equal(
      parse({ ...windows, networkAdapters: [{ name: "n", mtu: 9000 }] }).networkAdapters[0].mtu,
      9000,
    );
  });

  it("parses its own output to the same spec (what check() returns can be checked again)", () => {
    const inputs = [
      base,
      {
        ...base,
        guest: { family: "windows" },
        networkAdapters: [{ name: "n", macAddress: "00:15:5d:0a:0b:0c" }],
      },
      {
        ...base,
        generation: 2,
        guest: { family: "linux", distribution: "Red Hat", version: "5.5", integrationComponents: "LIS-2.1" },
        hardDisks: [
          { path: "C:\\vm\\a.vhdx", controllerType: "scsi", controllerNumber: 0, controllerLocation: 0 },
        ],
        dvdDrives: [{ controllerNumber: 0, controllerLocation: 1 }],
        dynamicMemory: { minimumMB: 512, maximumMB: 2048 },
        timeSync: { ntpServers: ["NTP1.example.com"] },
      },
      {
        ...base,
        processorCount: UNKNOWN,
        guest: { ...base.guest, version: UNKNOWN },
        networkAdapters: [{ name: "n" }],
      },
    ];
    for (const input of inputs) {
      const spec = parse(input);
      assert.deepEqual(parse(structuredClone(spec)), spec, JSON.stringify(input));
    }
  });

  it("refuses a Linux integration components release on a non-Linux guest", () => {
    const windows = { ...base, guest: { family: "windows", integrationComponents: "linux-ics-v2" } };
    assert.match(failureFor(windows, "guest.integrationComponents"), /is for Linux guests/);
  });

  it("refuses unknown properties and suggests the intended one", () => {
    assert.match(
      failureFor({ ...base, procesorCount: 2 }, "procesorCount"),
      /not a VM input; remove it; did you mean processorCount\?/,
    );
    assert.match(
      failureFor({ ...base, guest: { ...base.guest, familly: "linux" } }, "guest.familly"),
      /did you mean family\?/,
    );
    assert.match(
      failureFor({ ...base, guest: { family: "bsd" } }, "guest.family"),
      /linux, freebsd, windows, other/,
    );
    assert.match(failureFor("web01", ""), /the VM inputs must be an object/);
    // A shortened name is suggested too, not only a misspelt one.
    assert.match(failureFor({ ...base, memoryMB: 2048 }, "memoryMB"), /did you mean memoryStartupMB\?/);
    assert.doesNotMatch(failureFor({ ...base, colour: "red" }, "colour"), /did you mean/);
  });

  it("keeps values unknown at preview as they are, and makes the defaults that depend on them unknown", () => {
    const spec = parse({
      ...base,
      processorCount: UNKNOWN,
      guest: { ...base.guest, version: UNKNOWN },
      networkAdapters: [{ name: "n", switchName: UNKNOWN }],
      hardDisks: UNKNOWN,
    });
    assert.equal(spec.processorCount, UNKNOWN);
    assert.equal(spec.guest.version, UNKNOWN);
    assert.equal(spec.hardDisks, UNKNOWN);
    assert.equal(spec.networkAdapters[0].switchName, UNKNOWN);
    assert.equal(spec.networkAdapters[0].legacy, UNKNOWN, "support depends on the unknown version");
    assert.equal(spec.networkAdapters[0].vmqWeight, 0, "no ICs v2 guest has VMQ, whatever its version");
    const unknownGuest = parse({ ...base, guest: UNKNOWN, networkAdapters: [{ name: "n" }] });
    assert.equal(unknownGuest.integrationServices.timeSynchronization, UNKNOWN);
    assert.equal(unknownGuest.networkAdapters[0].vmqWeight, UNKNOWN);
    assert.equal(unknownGuest.timeSync.stepOnResume, UNKNOWN);
    assert.match(
      failureFor({ ...base, memoryStartupMB: 1023, processorCount: UNKNOWN }, "memoryStartupMB"),
      /even/,
    );
  });

  it("takes generation 2 firmware inputs, with Hyper-V's defaults for Windows and the Linux template for Linux", () => {
    const scsi = [
      { path: "C:\\vm\\root.vhdx", controllerType: "SCSI", controllerNumber: 0, controllerLocation: 0 },
    ];
    const windows = { ...base, generation: 2, guest: { family: "windows" }, hardDisks: scsi };
    assert.equal(
      parse(windows).firmware,
      undefined,
      "undeclared firmware of a Windows guest stays Hyper-V's",
    );
    assert.deepEqual(parse({ ...windows, firmware: { bootOrder: ["harddisk"] } }).firmware, {
      secureBoot: true,
      secureBootTemplate: "MicrosoftWindows",
      bootOrder: ["HardDisk"],
    });
    const linux = {
      ...windows,
      guest: {
        family: "linux",
        distribution: "ubuntu",
        version: "20.04",
        integrationComponents: "in-kernel",
      },
    };
    assert.deepEqual(parse(linux).firmware, {
      secureBoot: true,
      secureBootTemplate: "MicrosoftUEFICertificateAuthority",
    });
    assert.match(
      failureFor({ ...base, firmware: { secureBoot: false } }, "firmware"),
      /generation 1 VMs have BIOS/,
    );
    assert.match(
      failureFor({ ...windows, firmware: { bootOrder: ["DvdDrive"] } }, "firmware.bootOrder[0]"),
      /no dvdDrives: add one or remove DvdDrive/,
    );
    assert.match(
      failureFor({ ...windows, firmware: { bootOrder: ["HardDisk", "HardDisk"] } }, "firmware.bootOrder"),
      /each device kind once/,
    );
    assert.match(
      failureFor({ ...windows, firmware: { secureBootTemplate: "Nope" } }, "firmware.secureBootTemplate"),
      /MicrosoftUEFICertificateAuthority/,
    );
  });
});
