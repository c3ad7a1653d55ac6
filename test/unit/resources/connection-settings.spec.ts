import { strict as assert } from "node:assert";
import { poolOptionsFor, readProviderSettings } from "../../../provider/resources/provider-settings";

describe("remote host settings from stack config", () => {
  const config = (values: Record<string, string>) => (key: string) => values[key];

  it("map hyperv:username, password, sshKeyFile, sshKeyPassphrase, knownHostsFile, connectTimeoutSeconds and useSsl to the pool's connection", () => {
    const settings = readProviderSettings(
      config({
        "hyperv:host": "ssh://ops@hv01",
        "hyperv:username": "ops",
        "hyperv:password": "pw",
        "hyperv:sshKeyFile": "~/.ssh/id_ed25519",
        "hyperv:sshKeyPassphrase": "phrase",
        "hyperv:knownHostsFile": "/etc/hyperv/known_hosts",
        "hyperv:connectTimeoutSeconds": "12",
        "hyperv:useSsl": "false",
      }),
    );
    assert.deepEqual(poolOptionsFor(settings, "ssh://ops@hv01"), {
      host: "ssh://ops@hv01",
      connection: {
        username: "ops",
        password: "pw",
        sshKeyFile: "~/.ssh/id_ed25519",
        sshKeyPassphrase: "phrase",
        knownHostsFile: "/etc/hyperv/known_hosts",
        connectTimeoutMs: 12_000,
        useSsl: false,
      },
    });
  });

  it("give no connection when none is set", () => {
    assert.deepEqual(poolOptionsFor(readProviderSettings(config({})), "simulator"), { host: "simulator" });
  });

  it("name a bad key and how to fix it", () => {
    assert.throws(
      () => readProviderSettings(config({ "hyperv:connectTimeoutSeconds": "soon" })),
      /^InvalidArgumentError: stack config hyperv:connectTimeoutSeconds: .*whole number from 1 to 600; fix it with pulumi config set hyperv:connectTimeoutSeconds <value>$/,
    );
    assert.throws(
      () => readProviderSettings(config({ "hyperv:useSsl": "yes" })),
      /stack config hyperv:useSsl: hyperv:useSsl must be true or false/,
    );
    assert.throws(
      () => readProviderSettings(config({ "hyperv:username": "", "hyperv:sshKeyFile": " " })),
      /stack config hyperv:sshKeyFile: .*pulumi config set hyperv:sshKeyFile <value>/,
    );
  });
});
