import { strict as assert } from "node:assert";
import {
  canonicalDistribution,
  canonicalVersion,
  describeGuests,
  GUEST_SUPPORT,
  mouseIntegrationStatus,
  supportStatement,
  supportsSyntheticDevices,
} from "../../../provider/model";

describe("model: guest support matrix", () => {
  it("canonicalizes distribution names and versions", () => {
    assert.equal(canonicalDistribution(" SUSE  Linux Enterprise Server "), "sles");
    assert.equal(canonicalDistribution("RedHat"), "rhel");
    assert.equal(canonicalDistribution("Debian"), "debian");
    for (const v of ["10 SP3", "10sp3", "10-SP3", "10.3", "10 sp 3"])
      assert.equal(canonicalVersion("sles", v), "10 sp3", v);
    assert.equal(canonicalVersion("sles", "11.0"), "11");
    assert.equal(canonicalVersion("rhel", "5.4.1"), "5.4");
    assert.equal(canonicalVersion("rhel", " 5 "), "5");
    assert.equal(canonicalVersion("debian", " Lenny "), "lenny");
  });

  it("ICs v2: one vCPU, no time sync, shutdown, heartbeat, KVP, live backup, offloads, mouse driver or generation 2", () => {
    const caps = GUEST_SUPPORT["linux-ics-v2"].capabilities;
    assert.equal(caps.maxVirtualProcessors, 1);
    assert.deepEqual(
      Object.entries(caps).filter(([, v]) => v === true),
      [],
    );
  });

  it("LIS 2.1 adds four vCPUs, time sync, shutdown and heartbeat, and nothing else", () => {
    const v2 = GUEST_SUPPORT["linux-ics-v2"].capabilities;
    const lis = GUEST_SUPPORT["lis-2.1"].capabilities;
    const changed = Object.keys(lis).filter((k) => lis[k as keyof typeof lis] !== v2[k as keyof typeof v2]);
    assert.deepEqual(changed, ["maxVirtualProcessors", "hostTimeSync", "shutdownIntegration", "heartbeat"]);
    assert.equal(lis.maxVirtualProcessors, 4);
  });

  it("each ICs v2 readme edition has its own list; other releases ignore the edition", () => {
    const rhel53 = { distribution: "rhel", version: "5.3", architecture: "x64" } as const;
    assert.equal(supportsSyntheticDevices("linux-ics-v2", rhel53, "2009-07"), true);
    assert.equal(supportsSyntheticDevices("linux-ics-v2", rhel53, "2009-10"), false);
    assert.equal(supportsSyntheticDevices("linux-ics-v2", rhel53), true, "default edition 2010-01");
    assert.equal(supportStatement("lis-2.1", "2009-07"), supportStatement("lis-2.1", "2010-01"));
    assert.equal(supportsSyntheticDevices("none", rhel53), false);
    assert.equal(
      supportsSyntheticDevices("linux-ics-v2", { architecture: "x64" }),
      false,
      "undeclared guest",
    );
  });

  it("lists, per release and readme edition, the guests of the ICs documentation", () => {
    const lists = {
      "2009-07": describeGuests(supportStatement("linux-ics-v2", "2009-07")),
      "2009-10": describeGuests(supportStatement("linux-ics-v2", "2009-10")),
      "2010-01": describeGuests(supportStatement("linux-ics-v2", "2010-01")),
      "lis-2.1": describeGuests(supportStatement("lis-2.1")),
      none: describeGuests(supportStatement("none")),
    };
    assert.deepEqual(lists, {
      "2009-07": "SLES 10, 11 (x86, x64); RHEL 5.2, 5.3 (x86, x64)",
      "2009-10": "SLES 10, 11 (x86, x64)",
      "2010-01": "SLES 10, 11 (x86, x64); RHEL 5.2, 5.3, 5.4 (x86, x64)",
      "lis-2.1": "SLES 10 SP3, 11 (x86, x64); RHEL 5.2, 5.3, 5.4, 5.5 (x86, x64)",
      none: "no guest",
    });
  });

  it("mouse integration: works on SLES 10 and RHEL 5.3 with ICs v2, fails on SLES 11, unverified elsewhere", () => {
    const g = (distribution: string, version: string) => ({
      distribution,
      version,
      architecture: "x86" as const,
    });
    assert.equal(mouseIntegrationStatus("linux-ics-v2", g("sles", "10 sp2")), "works");
    assert.equal(mouseIntegrationStatus("linux-ics-v2", g("rhel", "5.3")), "works");
    assert.equal(mouseIntegrationStatus("linux-ics-v2", g("sles", "11")), "fails");
    assert.equal(mouseIntegrationStatus("lis-2.1", g("sles", "11")), "fails");
    assert.equal(mouseIntegrationStatus("linux-ics-v2", g("rhel", "5.4")), "unverified");
    assert.equal(mouseIntegrationStatus("lis-2.1", g("sles", "10")), "unverified");
  });
});
