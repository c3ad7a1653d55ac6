import { strict as assert } from "node:assert";
import { parseVirtualMachine } from "../../../provider/model";
import { virtualMachineImplementation } from "../../../provider/resources/virtual-machine-implementation";

const base = { vmName: "web", memoryStartupMB: 512, guest: { family: "linux" } };

/**
 * Inputs a program may give as `pulumi.secret`; the provider receives their plaintext and cannot
 * tell, so no check failure of these fields quotes the value.
 */
const SECRET_VALUED: { inputs: object; property: string; secret: string }[] = [
  { inputs: { host: "ssh://ops:hunter2pw@hv01" }, property: "host", secret: "hunter2pw" },
  { inputs: { host: "ftp://ops:hunter2pw@hv01" }, property: "host", secret: "hunter2pw" },
  { inputs: { host: "simulator://ops:hunter2pw@hv01" }, property: "host", secret: "hunter2pw" },
  { inputs: { host: "not a host hunter2pw" }, property: "host", secret: "hunter2pw" },
  {
    inputs: { networkAdapters: [{ name: "eth0", macAddress: "SECRETMAC77" }] },
    property: "networkAdapters[0].macAddress",
    secret: "SECRETMAC77",
  },
  {
    inputs: { networkAdapters: [{ name: "eth0", macAddress: "01-AB-CD-EF-12-34" }] },
    property: "networkAdapters[0].macAddress",
    secret: "01-AB-CD-EF-12-34",
  },
  {
    inputs: { networkAdapters: [{ name: "eth0", macAddress: "00:00:00:00:00:00" }] },
    property: "networkAdapters[0].macAddress",
    secret: "00:00:00:00:00:00",
  },
  {
    inputs: {
      networkAdapters: [
        { name: "eth0", macAddress: "00-15-5D-AA-BB-CC" },
        { name: "eth1", macAddress: "00-15-5D-AA-BB-CC" },
      ],
    },
    property: "networkAdapters[1].macAddress",
    secret: "AABBCC",
  },
  {
    inputs: { timeSync: { ntpServers: ["ntp1.example.com", "internal ntp!secret"] } },
    property: "timeSync.ntpServers[1]",
    secret: "internal ntp!secret",
  },
];

describe("model: check failures of inputs that may be secret do not quote them", () => {
  for (const { inputs, property, secret } of SECRET_VALUED) {
    it(`${property} = ${JSON.stringify(inputs)}: named, not quoted`, async () => {
      const parsed = parseVirtualMachine({ ...base, ...inputs });
      assert.equal(parsed.ok, false);
      const failures = parsed.ok ? [] : parsed.failures;
      assert.ok(
        failures.some((f) => f.property === property),
        `a failure of ${property}: ${JSON.stringify(failures)}`,
      );
      for (const failure of failures) {
        assert.ok(!failure.reason.toUpperCase().includes(secret.toUpperCase()), failure.reason);
      }
      // What the provider's check gives the engine says the same.
      const checked = await virtualMachineImplementation.check!({}, { ...base, ...inputs });
      assert.ok(!JSON.stringify(checked.failures).toUpperCase().includes(secret.toUpperCase()));
    });
  }
});
