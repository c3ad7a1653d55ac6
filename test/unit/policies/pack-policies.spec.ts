import { strict as assert } from "node:assert";
import {
  unknownCheckingProxy,
  UnknownValueError,
  type ResourceValidationArgs,
  type ResourceValidationPolicy,
} from "@pulumi/policy";
import { evaluateVirtualMachine, policies } from "../../../policies/api";
import { VIRTUAL_MACHINE_TYPE, type VirtualMachineSpec } from "../../../provider/model";
import { POLICY_CASES } from "./cases";
import { compliantLinuxInput, specOf, windowsInput, withChange } from "./fixtures";

class NotApplicable extends Error {}

/** Validation args as the policy host builds them: props behind its unknown-checking proxy, config as given. */
function hostArgs(props: object, config: object = {}, type = VIRTUAL_MACHINE_TYPE): ResourceValidationArgs {
  const p = unknownCheckingProxy(props);
  return {
    type,
    props: p,
    urn: `urn:pulumi:dev::demo::${type}::web01`,
    name: "web01",
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [],
      additionalSecretOutputs: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    },
    stackTags: new Map(),
    getConfig: <T>() => config as T,
    isType: () => false,
    asType: () => undefined,
    notApplicable: (reason?: string): never => {
      throw new NotApplicable(reason);
    },
  } as ResourceValidationArgs;
}

/** Runs a policy's validation like the host: not-applicable and unknown values caught. */
function run(policy: ResourceValidationPolicy, args: ResourceValidationArgs): string[] {
  const out: string[] = [];
  const report = (m: string | { message: string; enforcementLevel: string }) =>
    out.push(
      typeof m === "string" ? `${policy.enforcementLevel}: ${m}` : `${m.enforcementLevel}: ${m.message}`,
    );
  try {
    (policy.validateResource as (a: ResourceValidationArgs, r: typeof report) => void)(args, report);
  } catch (e) {
    if (e instanceof NotApplicable) return [`n/a: ${e.message}`];
    if (e instanceof UnknownValueError) return [`unknown: ${(e as Error).message}`];
    throw e;
  }
  return out;
}

const byName = (name: string) => policies.find((p) => p.name === name)!;

describe("policies: the pack's Pulumi policies", () => {
  it("are the fifteen named policies with their levels, all for the VM type token", () => {
    assert.deepEqual(
      policies.map((p) => `${p.name}:${p.enforcementLevel}`),
      [
        "linux-ics-single-vcpu:mandatory",
        "linux-ics-emulated-devices-only:mandatory",
        "linux-ics-ntp-required:mandatory",
        "linux-ics-host-time-sync-unavailable:advisory",
        "linux-ics-shutdown-integration-unavailable:mandatory",
        "linux-ics-saved-state-clock-skew:advisory",
        "linux-ics-network-offloads-unavailable:mandatory",
        "linux-ics-live-backup-unavailable:advisory",
        "linux-ics-mouse-integration:mandatory",
        "linux-ics-generation-1:mandatory",
        "linux-ics-dynamic-memory-unavailable:mandatory",
        "linux-secure-boot-template:mandatory",
        "linux-ptp-time-source:mandatory",
        "linux-hyperv-daemons-required:mandatory",
        "linux-dynamic-memory-multiple-of-128mb:advisory",
      ],
    );
    for (const p of policies) {
      assert.equal((p.validateResource as { __pulumiType?: string }).__pulumiType, VIRTUAL_MACHINE_TYPE);
      assert.ok(p.description.endsWith("."), `${p.name} has a one-sentence description`);
      assert.ok(p.remediationSteps, `${p.name} states its fix`);
      for (const [key, schema] of Object.entries(p.configSchema?.properties ?? {})) {
        assert.notEqual(
          (schema as { default?: unknown }).default,
          undefined,
          `${p.name}.${key} has a default`,
        );
      }
    }
  });

  it("with no config from the CLI ({}), each policy judges exactly like evaluateVirtualMachine with defaults", () => {
    for (const c of POLICY_CASES) {
      const spec = specOf(
        withChange(compliantLinuxInput("linux-ics-v2"), (vm) => c.violate(vm, "linux-ics-v2")),
      );
      const expected = evaluateVirtualMachine(spec)
        .filter((v) => v.policy === c.policy)
        .map((v) => `${v.enforcementLevel}: ${v.message}`);
      const got = run(byName(c.policy), hostArgs(structuredClone(spec))).map((line) =>
        line.replace(`${byName(c.policy).description}\n`, ""),
      );
      assert.deepEqual(got, expected, c.policy);
      assert.ok(got.length > 0);
    }
  });

  it("refuse a misspelt setting in the config the policy host hands them, naming the nearest (the CLI does not check unknown keys)", () => {
    const spec = specOf(compliantLinuxInput("linux-ics-v2"));
    const policy = byName("linux-ics-ntp-required");
    assert.throws(
      () => run(policy, hostArgs(structuredClone(spec), { enforcementLevel: "mandatory", minServer: 2 })),
      /policy config "linux-ics-ntp-required\.minServer" is not a setting of the policy; did you mean minServers\?/,
    );
    assert.deepEqual(
      run(policy, hostArgs(structuredClone(spec), { enforcementLevel: "mandatory", minServers: 1 })),
      [],
      "the host's enforcementLevel key and declared settings pass",
    );
  });

  it("reports not applicable for other resource types and for non-Linux guests", () => {
    const spec = specOf(windowsInput());
    for (const p of policies) {
      assert.deepEqual(run(p, hostArgs(spec)), ["n/a: Policy only applies to Linux guests"]);
      assert.deepEqual(run(p, hostArgs(spec, {}, "pulumi-nodejs:dynamic:Resource")), [
        `n/a: Policy only applies to resources of type '${VIRTUAL_MACHINE_TYPE}'`,
      ]);
    }
  });

  it("a remediation mutates the props it was given and returns that same object", () => {
    const spec = specOf(withChange(compliantLinuxInput("linux-ics-v2"), (vm) => (vm.processorCount = 2)));
    const props = { ...structuredClone(spec), __provider: "serialized-provider" } as VirtualMachineSpec;
    const args = hostArgs(props);
    const result = byName("linux-ics-single-vcpu").remediateResource!(args);
    assert.equal(result, args.props);
    assert.equal(props.processorCount, 1, "the host's props were changed in place");
    assert.equal((props as unknown as Record<string, unknown>).__provider, "serialized-provider");
    assert.equal(
      byName("linux-ics-single-vcpu").remediateResource!(hostArgs(props)),
      undefined,
      "nothing left to fix",
    );
  });
});
