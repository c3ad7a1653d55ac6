import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { LinuxIcsGuest, VirtualHardDisk, VirtualMachine, VirtualSwitch } from "../../../provider";
import { documentedOutputs, outputsOf } from "./documented-outputs";

/** What the mocked engine returns for every output: a value naming it. */
const reported = (key: string) => `reported ${key}`;

function valueOf(output: pulumi.Output<unknown>): Promise<unknown> {
  return new Promise((resolve) => output.apply(resolve));
}

/** Each declared output of `resource`, resolved: an output that the SDK never filled is missing. */
async function resolvedOutputs(className: string, resource: object): Promise<Record<string, unknown>> {
  const values: Record<string, unknown> = {};
  for (const key of outputsOf(className).all) {
    const value = (resource as Record<string, unknown>)[key];
    values[key] = pulumi.Output.isInstance(value) ? await valueOf(value) : value;
  }
  return values;
}

describe("resources: every declared output is a property the SDK fills", () => {
  before(async () => {
    await pulumi.runtime.setMocks(
      {
        // The engine returns the checked inputs plus what the provider reports: here, every key.
        newResource: (args) => ({
          id: `${args.name}-id`,
          state: {
            ...args.inputs,
            ...Object.fromEntries(
              ["VirtualMachine", "VirtualHardDisk", "VirtualSwitch"].flatMap((c) =>
                outputsOf(c).all.map((key) => [key, reported(key)]),
              ),
            ),
          },
        }),
        call: (args) => args.inputs,
      },
      "outputs",
      "test",
      false,
    );
  });

  it("VirtualMachine, VirtualHardDisk and VirtualSwitch give each output the provider's value, even when not an input", async () => {
    const resources = {
      VirtualMachine: new VirtualMachine("vm", { memoryStartupMB: 512, guest: { family: "windows" } }),
      VirtualHardDisk: new VirtualHardDisk("disk", { path: "C:\\VMs\\d.vhdx", sizeGB: 1 }),
      VirtualSwitch: new VirtualSwitch("lan"),
    };
    for (const [className, resource] of Object.entries(resources)) {
      const values = await resolvedOutputs(className, resource);
      for (const key of outputsOf(className).all) {
        assert.equal(values[key], reported(key), `${className}.${key}`);
      }
    }
  });

  it("LinuxIcsGuest sets each of its outputs", async () => {
    const guest = new LinuxIcsGuest("web", {
      distribution: "sles",
      version: "11",
      memoryMB: 1024,
      diskSizeGB: 8,
      ntpServers: ["ntp1.example.com"],
    });
    const values = await resolvedOutputs("LinuxIcsGuest", guest);
    for (const key of outputsOf("LinuxIcsGuest").all) assert.notEqual(values[key], undefined, key);
    assert.equal(values.vmId, reported("vmId"));
    assert.equal(values.synthetic, true);
  });

  it("the output tables of docs/resources.md list exactly the declared outputs", () => {
    for (const className of ["VirtualMachine", "VirtualHardDisk", "VirtualSwitch", "LinuxIcsGuest"]) {
      assert.deepEqual(documentedOutputs(className), outputsOf(className).all, className);
    }
  });
});
