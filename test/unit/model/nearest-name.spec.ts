import { strict as assert } from "node:assert";
import { didYouMean, nearestName } from "../../../provider/model/nearest-name";

describe("nearestName: the known name a mistyped one was meant to be", () => {
  const vmInputs = ["vmName", "memoryStartupMB", "dynamicMemory", "processorCount", "host", "notes", "state"];

  it("finds misspellings, swapped letters and shortened names, case-insensitively", () => {
    assert.equal(nearestName("procesorCount", vmInputs), "processorCount");
    assert.equal(nearestName("hots", ["host", "poolSize", "username"]), "host");
    assert.equal(nearestName("rehl", ["sles", "rhel", "centos"]), "rhel");
    assert.equal(nearestName("memoryMB", vmInputs), "memoryStartupMB");
    assert.equal(nearestName("minServer", ["minServers", "maxPollSeconds"]), "minServers");
    assert.equal(nearestName("VMNAME", vmInputs), "vmName");
  });

  it("suggests nothing for a name close to none", () => {
    assert.equal(nearestName("colour", vmInputs), undefined);
    assert.equal(nearestName("x", vmInputs), undefined);
    assert.equal(nearestName("anything", []), undefined);
  });

  it("phrases the suggestion for a message, or nothing", () => {
    assert.equal(didYouMean("hots", ["host"]), "; did you mean host?");
    assert.equal(didYouMean("colour", ["host"]), "");
  });
});
