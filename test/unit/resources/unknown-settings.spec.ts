import { strict as assert } from "node:assert";
import { stackConfigCheck } from "../../../cli/commands/doctor-config";
import { readProviderSettings } from "../../../provider/resources/provider-settings";
import { InvalidArgumentError } from "../../../provider/powershell";

describe("provider settings: keys of the hyperv: namespace that are no setting", () => {
  const values: Record<string, string> = {
    "hyperv:hots": "simulator://hv03",
    "hyperv:password": "s3cret-value",
    "hyperv-demo:ntpServers": "[]",
  };
  const read = (key: string) => values[key];

  it("are refused, naming the key and the nearest setting, never a value", () => {
    assert.throws(
      () => readProviderSettings(read, Object.keys(values)),
      (e: Error) =>
        e instanceof InvalidArgumentError &&
        /stack config hyperv:hots is not a setting of the Hyper-V provider; did you mean hyperv:host\?/.test(
          e.message,
        ) &&
        !e.message.includes("s3cret") &&
        !e.message.includes("hv03") &&
        !e.message.includes("hyperv-demo"),
    );
    assert.throws(
      () => readProviderSettings(read, ["hyperv:colour"]),
      /hyperv:colour is not a setting of the Hyper-V provider; remove it \(the settings: hyperv:host, /,
    );
  });

  it("keys of other namespaces, and readers that pass no keys, are not judged", () => {
    assert.equal(readProviderSettings(read, ["hyperv-demo:ntpServers", "aws:region"]).host, "simulator");
    assert.equal(readProviderSettings(read).host, "simulator");
  });

  it("fail doctor's stack config check with the fix", () => {
    const check = stackConfigCheck(Object.keys(values), "Pulumi.dev.yaml");
    assert.equal(check.status, "fail");
    assert.match(check.detail, /hyperv:hots .*did you mean hyperv:host\?/);
    assert.match(check.fix!, /rename or remove hyperv:hots in Pulumi\.dev\.yaml/);
    assert.equal(stackConfigCheck(["hyperv:host", "hyperv-demo:x"], "Pulumi.dev.yaml").status, "pass");
  });
});
