import { strict as assert } from "node:assert";
import { parseArgs } from "../../../cli/args";
import { UsageError } from "../../../cli/errors";
import { reconcilePolicyConfig, type PolicyDescription } from "../../../cli/engine/policy-config";

const PACK = { name: "pack", version: "1.0.0" };
const POLICIES: PolicyDescription[] = [
  {
    name: "limit",
    enforcementLevel: "mandatory",
    configSchema: {
      properties: { max: { type: "integer", minimum: 1, default: 4 } as { default: unknown } },
    },
  },
  { name: "note", enforcementLevel: "advisory" },
];

describe("cli: policy pack config as the CLI reconciles it, and flag parsing", () => {
  it("schema defaults, then the pack's initial config, then `all`, then the policy's own entry", () => {
    assert.deepEqual(reconcilePolicyConfig(PACK, POLICIES, {}, {}), {
      limit: { enforcementLevel: "mandatory", properties: { max: 4 } },
      note: { enforcementLevel: "advisory", properties: {} },
    });
    const config = reconcilePolicyConfig(
      PACK,
      POLICIES,
      { limit: { max: 8 } },
      { all: "disabled", note: "mandatory" },
    );
    assert.deepEqual(config.limit, { enforcementLevel: "disabled", properties: { max: 8 } });
    assert.equal(config.note.enforcementLevel, "mandatory");
    const own = reconcilePolicyConfig(
      PACK,
      POLICIES,
      {},
      { limit: { enforcementLevel: "remediate", max: 2 } },
    );
    assert.deepEqual(own.limit, { enforcementLevel: "remediate", properties: { max: 2 } });
  });

  it("a value failing the schema, or an unknown policy, is a usage error naming pack, policy and setting", () => {
    assert.throws(
      () => reconcilePolicyConfig(PACK, POLICIES, {}, { limit: { max: 0 } }),
      (e: Error) =>
        e instanceof UsageError &&
        /validating policy config: pack 1\.0\.0 {2}limit: max must be >= 1/.test(e.message),
    );
    assert.throws(
      () => reconcilePolicyConfig(PACK, POLICIES, {}, { nope: "advisory" }),
      /nope: no such policy/,
    );
    assert.throws(
      () => reconcilePolicyConfig(PACK, POLICIES, {}, { limit: { mx: 2 } }),
      (e: Error) =>
        e instanceof UsageError &&
        /validating policy config: pack 1\.0\.0 {2}limit: mx is not a setting of the policy; did you mean max\?/.test(
          e.message,
        ),
    );
    assert.throws(
      () => reconcilePolicyConfig(PACK, POLICIES, {}, { note: { max: 2 } }),
      /note: max is not a setting of the policy; remove it \(it has no settings\)/,
    );
  });

  it("flags: long, short, = forms, repeatable in order; unknown flags and missing values are refused", () => {
    const specs = [
      { name: "stack", short: "s", kind: "string" as const, description: "" },
      { name: "config", short: "c", kind: "strings" as const, description: "" },
      { name: "yes", short: "y", kind: "boolean" as const, description: "" },
      { name: "parallel", kind: "number" as const, description: "" },
    ];
    assert.deepEqual(
      parseArgs(["-s", "dev", "-c", "a=1", "--config=b=2", "-y", "--parallel", "3", "x"], specs, "up"),
      {
        flags: { stack: "dev", config: ["a=1", "b=2"], yes: true, parallel: 3 },
        positionals: ["x"],
      },
    );
    assert.throws(
      () => parseArgs(["--stak", "dev"], specs, "up"),
      /unknown flag --stak for "up": did you mean --stack\? known flags are --stack\/-s, /,
    );
    assert.throws(() => parseArgs(["--zzz"], specs, "up"), /unknown flag --zzz for "up": known flags are/);
    assert.throws(() => parseArgs(["--stack"], specs, "up"), /--stack needs a value/);
    assert.throws(() => parseArgs(["--parallel", "0"], specs, "up"), /positive integer/);
  });
});
