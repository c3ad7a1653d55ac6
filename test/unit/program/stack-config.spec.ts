import { strict as assert } from "node:assert";
import { z } from "zod";
import { parseStackConfig, StackConfigError } from "../../../provider/program/stack-config";

const schema = z.object({
  count: z.coerce
    .number()
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be at least 1" })
    .default(2),
  ntpServers: z
    .array(z.string(), { error: "must be a list of NTP servers" })
    .min(1, { error: "must list one" }),
  switchType: z.enum(["Private", "Internal"], { error: "must be Private or Internal" }).default("Internal"),
});

/** The failures of a config that must not parse. */
function failuresOf(config: Record<string, string>) {
  try {
    parseStackConfig(schema, config, "web", "dev");
  } catch (e) {
    assert.ok(e instanceof StackConfigError, String(e));
    return { failures: e.failures, message: e.message };
  }
  assert.fail("the config parsed");
}

describe("program: parseStackConfig", () => {
  it("reads the project's namespace: numbers coerced, lists from JSON, defaults applied, other namespaces ignored", () => {
    const settings = parseStackConfig(
      schema,
      { "web:count": "3", "web:ntpServers": '["ntp1.example.com"]', "hyperv:host": "simulator" },
      "web",
      "dev",
    );
    assert.deepEqual(settings, { count: 3, ntpServers: ["ntp1.example.com"], switchType: "Internal" });
  });

  it("names every bad, missing or unknown key with its namespace, and says where to set it", () => {
    const { failures, message } = failuresOf({
      "web:count": "0",
      "web:switchType": "External",
      "web:cuont": "2",
      "other:count": "x",
    });
    assert.deepEqual(failures, [
      {
        key: "web:cuont",
        reason:
          "is not a setting of this program (its settings: count, ntpServers, switchType); remove or rename it",
      },
      { key: "web:count", reason: "must be at least 1" },
      { key: "web:ntpServers", reason: "is required: must be a list of NTP servers" },
      { key: "web:switchType", reason: "must be Private or Internal" },
    ]);
    assert.match(message, /Fix: set the key in Pulumi\.dev\.yaml \(or pass --config <key>=<value>/);
  });

  it("points into lists and refuses JSON it cannot read", () => {
    assert.deepEqual(failuresOf({ "web:ntpServers": '["a", 2]' }).failures, [
      { key: "web:ntpServers[1]", reason: "Invalid input: expected string, received number" },
    ]);
    assert.deepEqual(failuresOf({ "web:ntpServers": "[oops" }).failures, [
      { key: "web:ntpServers", reason: "is not valid JSON (a list or object setting)" },
      { key: "web:ntpServers", reason: "is required: must be a list of NTP servers" },
    ]);
  });
});
