import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as ppb from "@pulumi/pulumi/proto/provider_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { connect, HOST_SCRIPTS, startHost, toStruct, unary, UNUSED_ENGINE_ADDRESS } from "./harness";

describe("Pulumi's hosts: the gRPC host harness", function () {
  this.timeout(60000);
  let programDir: string;
  before(() => (programDir = mkdtempSync(join(tmpdir(), "hyperv-program-"))));
  after(() => rmSync(programDir, { recursive: true, force: true }));

  it("drives the dynamic provider host too: plugin info, Configure, then stops it", async () => {
    const host = await startHost(HOST_SCRIPTS.dynamicProvider, [UNUSED_ENGINE_ADDRESS], { cwd: programDir });
    const client = connect(ResourceProviderClient, host.address);
    try {
      const info = await unary(client, "getPluginInfo", new Empty());
      assert.match(info.getVersion(), /^\d+\.\d+\.\d+/);
      const configured = await unary(
        client,
        "configure",
        new ppb.ConfigureRequest().setArgs(toStruct({ "hyperv:host": "simulator" })),
      );
      assert.equal(configured.getAcceptsecrets(), false);
    } finally {
      client.close();
      await host.stop();
    }
    assert.ok(host.child.exitCode !== null || host.child.signalCode !== null, "the host process ended");
  });

  it("reports a host that exits before printing its port, with its stderr", async () => {
    await assert.rejects(
      startHost(HOST_SCRIPTS.policyPack, [], { cwd: programDir }),
      (e: Error) => /exited .* before printing a port/.test(e.message) && /usage: RUN/.test(e.message),
    );
  });
});
