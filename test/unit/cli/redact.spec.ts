import { strict as assert } from "node:assert";
import { secret } from "../../../cli/engine/properties";
import { redactCheckFailures } from "../../../cli/engine/redact";

describe("cli engine: check failures never show a secret input", () => {
  const inputs = {
    vmName: "web",
    host: secret("ssh://ops:Hunter2pw@HV01.example.com"),
    networkAdapters: [{ name: "eth0", macAddress: secret("00-15-5d-aa-bb-cc") }],
    timeSync: secret({ ntpServers: ["ntp1.example.com", "tick.internal"] }),
    notes: "plain",
  };

  it("replaces every occurrence of a secret value, in any case, with [secret], and names the property", () => {
    const failures = redactCheckFailures(
      [
        { property: "host", reason: 'host "ssh://ops:Hunter2pw@hv01.example.com" contains a password' },
        { property: "host", reason: "the password Hunter2pw is not allowed" },
        {
          property: "networkAdapters[0].macAddress",
          reason: 'macAddress "00-15-5D-AA-BB-CC" is taken',
        },
        { property: "timeSync.ntpServers[1]", reason: '"TICK.internal" is not a host name' },
        { property: "notes", reason: "notes plain must be shorter" },
      ],
      inputs,
    );
    assert.deepEqual(failures, [
      { property: "host", reason: 'host "[secret]" contains a password' },
      { property: "host", reason: "the password [secret] is not allowed" },
      { property: "networkAdapters[0].macAddress", reason: 'macAddress "[secret]" is taken' },
      { property: "timeSync.ntpServers[1]", reason: '"[secret]" is not a host name' },
      { property: "notes", reason: "notes plain must be shorter" },
    ]);
  });

  it("says [secret] for a failure of a secret input even when its reason quotes nothing", () => {
    const [failure] = redactCheckFailures(
      [{ property: "timeSync.ntpServers[0]", reason: "timeSync.ntpServers[0] is not a host name" }],
      inputs,
    );
    assert.equal(failure.property, "timeSync.ntpServers[0]");
    assert.match(failure.reason, /^timeSync\.ntpServers\[0\] is not a host name.*\[secret\]/);
    const [plain] = redactCheckFailures([{ property: "notes", reason: "too long" }], inputs);
    assert.equal(plain.reason, "too long", "a plain input's failure is unchanged");
  });

  it("leaves failures alone when no input is secret, and never mutates them", () => {
    const given = [{ property: "host", reason: 'host "simulater" is not valid' }];
    assert.deepEqual(redactCheckFailures(given, { host: "simulater" }), given);
    redactCheckFailures(given, { host: secret("simulater") });
    assert.equal(given[0].reason, 'host "simulater" is not valid');
  });
});
