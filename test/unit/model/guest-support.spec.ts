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
    assert.equal(canonicalDistribution(" CentOS "), "centos");
    assert.equal(canonicalVersion("centos", "6.3.1"), "6.3");
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

  it("LIS 3.4 adds to LIS 2.1's core: up to 64 vCPUs, jumbo frames and the integrated mouse; no KVP, backup or dynamic memory", () => {
    const lis21 = GUEST_SUPPORT["lis-2.1"].capabilities;
    const lis34 = GUEST_SUPPORT["lis-3.4"].capabilities;
    const changed = Object.keys(lis34).filter(
      (k) => lis34[k as keyof typeof lis34] !== lis21[k as keyof typeof lis21],
    );
    assert.deepEqual(changed, ["maxVirtualProcessors", "jumboFrames", "mouseDriver"]);
    assert.equal(lis34.maxVirtualProcessors, 64);
  });

  it("LIS 3.5 adds KVP, live backup and memory ballooning (no hot-add) to LIS 3.4, on RHEL/CentOS 5.5-5.8 and 6.0-6.3", () => {
    const lis34 = GUEST_SUPPORT["lis-3.4"].capabilities;
    const lis35 = GUEST_SUPPORT["lis-3.5"].capabilities;
    const changed = Object.keys(lis35).filter(
      (k) => lis35[k as keyof typeof lis35] !== lis34[k as keyof typeof lis34],
    );
    assert.deepEqual(changed, ["keyValuePairExchange", "liveBackup", "memoryBallooning"]);
    assert.equal(lis35.memoryHotAdd, false);
    assert.equal(lis35.networkOffloads, false, "TCP segmentation and checksum offloads came with LIS 4.x");
    assert.equal(lis35.generation2, false);
    const guest = (distribution: string, version: string, architecture: "x86" | "x64" = "x86") => ({
      distribution,
      version,
      architecture,
    });
    assert.equal(supportsSyntheticDevices("lis-3.5", guest("centos", "5.5")), true);
    assert.equal(
      supportsSyntheticDevices("lis-3.4", guest("centos", "5.5")),
      false,
      "3.5 expanded to 5.5-5.6",
    );
    assert.equal(supportsSyntheticDevices("lis-3.4", guest("rhel", "6.3", "x64")), true);
    assert.equal(
      supportsSyntheticDevices("lis-3.5", guest("rhel", "6.4")),
      false,
      "6.4 has built-in drivers",
    );
    assert.equal(supportsSyntheticDevices("lis-3.5", guest("sles", "11")), false);
  });

  it("no release before LIS 3.5 has hot-add or ballooning", () => {
    for (const release of ["linux-ics-v2", "lis-2.1", "lis-3.4", "none"] as const) {
      const caps = GUEST_SUPPORT[release].capabilities;
      assert.deepEqual([caps.memoryHotAdd, caps.memoryBallooning], [false, false], release);
    }
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
      "lis-3.4": describeGuests(supportStatement("lis-3.4")),
      "lis-3.5": describeGuests(supportStatement("lis-3.5")),
      none: describeGuests(supportStatement("none")),
    };
    assert.deepEqual(lists, {
      "2009-07": "SLES 10, 11 (x86, x64); RHEL 5.2, 5.3 (x86, x64)",
      "2009-10": "SLES 10, 11 (x86, x64)",
      "2010-01": "SLES 10, 11 (x86, x64); RHEL 5.2, 5.3, 5.4 (x86, x64)",
      "lis-2.1": "SLES 10 SP3, 11 (x86, x64); RHEL 5.2, 5.3, 5.4, 5.5 (x86, x64)",
      "lis-3.4":
        "RHEL 5.7, 5.8, 6.0, 6.1, 6.2, 6.3 (x86, x64); CENTOS 5.7, 5.8, 6.0, 6.1, 6.2, 6.3 (x86, x64)",
      "lis-3.5":
        "RHEL 5.5, 5.6, 5.7, 5.8, 6.0, 6.1, 6.2, 6.3 (x86, x64); CENTOS 5.5, 5.6, 5.7, 5.8, 6.0, 6.1, 6.2, 6.3 (x86, x64)",
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
