import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as apb from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { evaluateVirtualMachine, type EvaluationConfig } from "../../policies/api";
import { UNKNOWN, VIRTUAL_MACHINE_TYPE, type VirtualMachineSpec } from "../../provider/model";
import { POLICY_CASES } from "../unit/policies/cases";
import {
  compliantLinuxInput,
  EDITIONS,
  RELEASES,
  specOf,
  windowsInput,
  withChange,
} from "../unit/policies/fixtures";
import {
  analyzeRequest,
  analyzeStackRequest,
  configureRequest,
  diagnosticsOf,
  levelName,
  notApplicableOf,
  PACK_DIR,
  startPolicyPack,
  type PackConfigFile,
} from "./analyzer";
import { fromStruct, unary, type Host } from "./harness";

const sampleConfig = (name: string): PackConfigFile =>
  JSON.parse(readFileSync(join(PACK_DIR, "config", `${name}.json`), "utf8"));

describe("engine: the policy pack in Pulumi's analyzer host (run-policy-pack over gRPC)", function () {
  this.timeout(120000);
  let host: Host;
  let client: AnalyzerClient;
  let info: apb.AnalyzerInfo;

  const configure = (file: PackConfigFile = {}) => unary(client, "configure", configureRequest(info, file));
  const analyze = async (props: object, name = "web01", type = VIRTUAL_MACHINE_TYPE) =>
    unary(client, "analyze", analyzeRequest(type, name, props as Record<string, unknown>));
  /** What the host reports, as evaluateVirtualMachine words it. */
  const reported = async (spec: VirtualMachineSpec) =>
    diagnosticsOf(await analyze(spec)).map((d) => ({
      policy: d.policy,
      enforcementLevel: d.level,
      message: d.message.split("\n").slice(1).join("\n"),
    }));

  before(async () => {
    ({ host, client } = await startPolicyPack());
    info = await unary(client, "getAnalyzerInfo", new Empty());
  });
  after(async () => {
    client?.close();
    await host?.stop();
  });

  it("GetAnalyzerInfo: the pack, its fifteen resource policies, levels and config schemas with defaults", () => {
    assert.equal(info.getName(), "hyperv-linux-ics");
    assert.equal(info.getVersion(), "0.1.0");
    assert.equal(info.getSupportsconfig(), true);
    const summary = info.getPoliciesList().map((p) => `${p.getName()}:${levelName(p.getEnforcementlevel())}`);
    assert.equal(summary.length, 15);
    assert.ok(summary.includes("linux-secure-boot-template:mandatory"));
    assert.ok(summary.includes("linux-ics-dynamic-memory-unavailable:mandatory"));
    assert.ok(summary.includes("linux-ics-single-vcpu:mandatory"));
    assert.ok(summary.includes("linux-ics-host-time-sync-unavailable:advisory"));
    assert.ok(info.getPoliciesList().every((p) => p.getPolicyType() === apb.PolicyType.POLICY_TYPE_RESOURCE));
    const ntp = info.getPoliciesList().find((p) => p.getName() === "linux-ics-ntp-required")!;
    assert.deepEqual(fromStruct(ntp.getConfigschema()!.getProperties())!.minServers, {
      type: "integer",
      minimum: 1,
      default: 1,
      description: "Fewest NTP servers a guest must list",
    });
  });

  describe("Configure with the schema defaults, then Analyze the model's parsed output", () => {
    before(() => configure());

    for (const release of RELEASES) {
      it(`${release}: a compliant guest passes every policy`, async () => {
        const response = await analyze(specOf(compliantLinuxInput(release)));
        assert.deepEqual(diagnosticsOf(response), []);
        assert.equal(notApplicableOf(response).size, 0);
      });

      for (const c of POLICY_CASES) {
        it(`${release}: ${c.policy} reports what evaluateVirtualMachine reports`, async () => {
          const spec = specOf(withChange(compliantLinuxInput(release), (vm) => c.violate(vm, release)));
          const got = await reported(spec);
          assert.deepEqual(got, evaluateVirtualMachine(spec));
          assert.deepEqual(
            got
              .filter((d) => d.policy === c.policy)
              .map((d) => d.enforcementLevel)
              .sort(),
            [...c.expected(release, "2010-01")].sort(),
          );
        });
      }
    }

    it("a Windows guest with every violation is untouched: no diagnostics, every policy not applicable", async () => {
      const spec = specOf(
        withChange(windowsInput(), (vm) => {
          for (const c of POLICY_CASES) c.violate(vm, "linux-ics-v2");
          vm.guest = { family: "windows", architecture: "x64", mouseIntegration: true };
        }),
      );
      const response = await analyze(spec);
      assert.deepEqual(diagnosticsOf(response), []);
      const na = notApplicableOf(response);
      assert.equal(na.size, 15);
      assert.ok([...na.values()].every((reason) => reason === "Policy only applies to Linux guests"));
    });

    it("raw inputs without the model's defaults fail Analyze with the fix, instead of passing unjudged", async () => {
      await assert.rejects(
        analyze(compliantLinuxInput("linux-ics-v2")),
        /Error validating resource with policy 'linux-ics-single-vcpu'.*lack processorCount.*parseVirtualMachine/s,
      );
    });

    it("another resource type is not applicable, by type", async () => {
      const spec = specOf(withChange(compliantLinuxInput("linux-ics-v2"), (vm) => (vm.processorCount = 4)));
      const response = await analyze(spec, "other", "pulumi-nodejs:dynamic:Resource");
      assert.deepEqual(diagnosticsOf(response), []);
      assert.match(
        notApplicableOf(response).get("linux-ics-single-vcpu")!,
        /only applies to resources of type/,
      );
    });

    it("values unknown at preview: the reading policies become advisory can't-run, the others still judge", async () => {
      const spec = specOf(
        withChange(compliantLinuxInput("linux-ics-v2"), (vm) => {
          vm.processorCount = UNKNOWN;
          vm.networkAdapters = [{ name: "eth0", mtu: 9000 }];
        }),
      );
      const diagnostics = diagnosticsOf(await analyze(spec));
      assert.deepEqual(
        diagnostics.map((d) => `${d.policy}:${d.level}`),
        ["linux-ics-single-vcpu:advisory", "linux-ics-network-offloads-unavailable:mandatory"],
      );
      assert.match(
        diagnostics[0].message,
        /can't run policy 'linux-ics-single-vcpu' from policy pack 'hyperv-linux-ics@v0\.1\.0' during preview: string value at \.processorCount/,
      );
      const whole = specOf({ ...compliantLinuxInput("linux-ics-v2"), guest: UNKNOWN });
      const all = diagnosticsOf(await analyze(whole));
      assert.equal(all.length, 15);
      assert.ok(all.every((d) => d.level === "advisory" && d.message.includes("during preview")));
    });
  });

  describe("Configure with each readme edition and the sample configs", () => {
    after(() => configure());
    const rhel = (version: string) =>
      specOf(
        withChange(compliantLinuxInput("linux-ics-v2"), (vm) => {
          vm.guest = { ...vm.guest, distribution: "rhel", version };
          vm.networkAdapters = [{ name: "eth0", legacy: false }];
        }),
      );
    const flagged = async (spec: VirtualMachineSpec) =>
      diagnosticsOf(await analyze(spec)).some((d) => d.policy === "linux-ics-emulated-devices-only");

    for (const readme of EDITIONS) {
      it(`readme ${readme}: RHEL 5.3 and 5.4 judged as evaluateVirtualMachine judges them`, async () => {
        await configure({ "linux-ics-emulated-devices-only": { readme } });
        const config: EvaluationConfig = { readme };
        for (const version of ["5.3", "5.4"]) {
          const spec = rhel(version);
          assert.deepEqual(
            await reported(spec),
            evaluateVirtualMachine(spec, config),
            `${readme} RHEL ${version}`,
          );
        }
        assert.equal(await flagged(rhel("5.3")), readme === "2009-10");
        assert.equal(await flagged(rhel("5.4")), readme !== "2010-01");
      });
    }

    it("the release name v2-rtm selects the 2009-10 RTM readme, v2-rc2 the 2009-07 one", async () => {
      await configure({ "linux-ics-emulated-devices-only": { readme: "v2-rtm" } });
      assert.equal(await flagged(rhel("5.3")), true);
      await configure({ "linux-ics-emulated-devices-only": { readme: "v2-rc2" } });
      assert.equal(await flagged(rhel("5.3")), false);
      assert.equal(await flagged(rhel("5.4")), true);
    });

    it("policies/config/ics-v2-2009-10-rtm.json refuses RHEL on synthetic devices", async () => {
      await configure(sampleConfig("ics-v2-2009-10-rtm"));
      assert.equal(await flagged(rhel("5.3")), true);
    });

    it("policies/config/strict.json makes the advisory findings mandatory", async () => {
      const file = sampleConfig("strict");
      await configure(file);
      const spec = specOf(
        withChange(compliantLinuxInput("linux-ics-v2"), (vm) => {
          vm.integrationServices = { shutdown: true, vss: true, timeSynchronization: true };
        }),
      );
      const got = await reported(spec);
      assert.deepEqual(got, evaluateVirtualMachine(spec, file as EvaluationConfig));
      assert.deepEqual(
        got.map((d) => `${d.policy}:${d.enforcementLevel}`),
        [
          "linux-ics-ntp-required:mandatory",
          "linux-ics-host-time-sync-unavailable:mandatory",
          "linux-ics-shutdown-integration-unavailable:mandatory",
          "linux-ics-live-backup-unavailable:mandatory",
        ],
      );
    });
  });

  describe("Remediate (the engine runs it before Analyze, with __provider in the props)", () => {
    after(() => configure());

    it("fixes what the remediating policies can, keeps __provider, and Analyze then passes them", async () => {
      await configure(sampleConfig("remediate"));
      const spec = specOf(
        withChange(compliantLinuxInput("linux-ics-v2"), (vm) => {
          vm.processorCount = 2;
          vm.networkAdapters = [{ name: "eth0", vmqWeight: 100, mtu: 9000 }];
          vm.integrationServices = { timeSynchronization: true, vss: true };
          vm.timeSync = { ntpServers: ["ntp1.example.com"], stepOnResume: false };
        }),
      );
      const withProvider = { ...spec, __provider: "exports.handler = () => ({});" };
      const before = diagnosticsOf(await analyze(spec)).map((d) => `${d.policy}:${d.level}`);
      assert.equal(before.length, 6, "remediate-level violations are mandatory when not remediated");
      assert.ok(before.every((d) => d.endsWith(":mandatory")));

      const response = await unary(
        client,
        "remediate",
        analyzeRequest(VIRTUAL_MACHINE_TYPE, "web01", withProvider as Record<string, unknown>),
      );
      const remediations = response.getRemediationsList();
      assert.deepEqual(
        remediations.map((r) => r.getPolicyname()),
        [
          "linux-ics-single-vcpu",
          "linux-ics-host-time-sync-unavailable",
          "linux-ics-saved-state-clock-skew",
          "linux-ics-network-offloads-unavailable",
          "linux-ics-live-backup-unavailable",
        ],
      );
      const fixed = fromStruct(
        remediations[remediations.length - 1].getProperties(),
      ) as unknown as VirtualMachineSpec & {
        __provider: string;
      };
      assert.equal(fixed.__provider, withProvider.__provider);
      assert.equal(fixed.processorCount, 1);
      assert.deepEqual([fixed.networkAdapters[0].vmqWeight, fixed.networkAdapters[0].mtu], [0, 1500]);
      assert.equal(fixed.integrationServices.timeSynchronization, false);
      assert.equal(fixed.timeSync.stepOnResume, true);
      const { __provider: _drop, ...analyzed } = fixed;
      assert.deepEqual(diagnosticsOf(await analyze(analyzed)), []);
    });

    it("a remediation that reads an unknown value reports a can't-run diagnostic instead of properties", async () => {
      await configure({ "linux-ics-single-vcpu": "remediate" });
      const spec = specOf(
        withChange(compliantLinuxInput("linux-ics-v2"), (vm) => (vm.processorCount = UNKNOWN)),
      );
      const [r] = (
        await unary(client, "remediate", analyzeRequest(VIRTUAL_MACHINE_TYPE, "web01", spec as never))
      ).getRemediationsList();
      assert.equal(r.getPolicyname(), "linux-ics-single-vcpu");
      assert.equal(r.hasProperties(), false);
      assert.match(r.getDiagnostic(), /can't run remediation 'linux-ics-single-vcpu' .* during preview/);
    });
  });

  it("AnalyzeStack over the stack's outputs: resource policies do not run again, no error", async () => {
    const linux = specOf(withChange(compliantLinuxInput("linux-ics-v2"), (vm) => (vm.processorCount = 2)));
    const response = await unary(
      client,
      "analyzeStack",
      analyzeStackRequest([
        {
          type: VIRTUAL_MACHINE_TYPE,
          name: "web01",
          properties: { ...linux, vmId: "7d4f0c36-3b1e-4f1e-9a51-1f4c6c2d9e10" },
        },
        { type: VIRTUAL_MACHINE_TYPE, name: "dc01", properties: specOf(windowsInput()) as never },
      ]),
    );
    assert.deepEqual(diagnosticsOf(response), []);
  });
});
