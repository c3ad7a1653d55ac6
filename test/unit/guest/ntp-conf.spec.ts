import { strict as assert } from "node:assert";
import { renderNtpConf } from "../../../provider/guest/ntp-conf";

describe("guest: ntp.conf", () => {
  it("lists every server with iburst and maxpoll as log2 of maxPollSeconds", () => {
    const conf = renderNtpConf(
      { ntpServers: ["a.example.com", "10.0.0.1"], maxPollSeconds: 1024, stepOnResume: false },
      "vm",
    );
    assert.match(conf, /^server a\.example\.com iburst maxpoll 10$/m);
    assert.match(conf, /^server 10\.0\.0\.1 iburst maxpoll 10$/m);
    assert.doesNotMatch(conf, /tinker/);
    assert.match(conf, /^driftfile /m);
  });

  it("steps the clock after a resume when stepOnResume is set", () => {
    const conf = renderNtpConf({ ntpServers: ["a"], maxPollSeconds: 16, stepOnResume: true }, "vm");
    assert.match(conf, /^tinker panic 0$/m);
    assert.match(conf, /^server a iburst maxpoll 4$/m);
  });

  it("says so when no server is declared, and keeps a VM name with line breaks inside the comment", () => {
    const conf = renderNtpConf(
      { ntpServers: [], maxPollSeconds: 1024, stepOnResume: false },
      "a\nserver evil",
    );
    assert.match(conf, /No NTP servers are declared/);
    assert.doesNotMatch(conf, /^server/m);
  });
});
