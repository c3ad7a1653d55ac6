import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { evaluateVirtualMachine, policies, type EvaluationConfig } from "../../../policies/api";
import { compliantLinuxInput, specOf } from "./fixtures";

const CONFIG_DIR = join(__dirname, "../../../policies/config");
/** The pull-request check's config, judged like the samples. */
const CI_CONFIG = join(__dirname, "../../../examples/ci/policy-config.json");
const LEVELS = ["advisory", "mandatory", "remediate", "disabled"];

describe("policies: the sample config files", () => {
  const files = readdirSync(CONFIG_DIR).filter((f) => f.endsWith(".json"));
  const paths = [...files.map((f) => join(CONFIG_DIR, f)), CI_CONFIG];

  it("include the 2009-10 RTM readme, the 2009-07 RC2 readme, a strict and a remediating config", () => {
    for (const name of ["ics-v2-2009-10-rtm", "ics-v2-2009-07-rc2", "strict", "remediate"]) {
      assert.ok(files.includes(`${name}.json`), name);
    }
  });

  for (const path of paths) {
    const file = relative(join(__dirname, "../../.."), path);
    it(`${file} names only the pack's policies and their declared settings, with accepted values`, () => {
      const config = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
      for (const [key, entry] of Object.entries(config)) {
        if (key === "all") {
          assert.ok(LEVELS.includes(entry as string), `${file}: all = ${String(entry)}`);
          continue;
        }
        const policy = policies.find((p) => p.name === key);
        assert.ok(policy, `${file}: "${key}" is not a policy of the pack`);
        if (typeof entry === "string") {
          assert.ok(LEVELS.includes(entry), `${file}: ${key} = ${entry}`);
          continue;
        }
        const schema = policy.configSchema?.properties ?? {};
        for (const [setting, value] of Object.entries(entry as Record<string, unknown>)) {
          if (setting === "enforcementLevel") {
            assert.ok(LEVELS.includes(value as string), `${file}: ${key}.enforcementLevel`);
            continue;
          }
          const property = schema[setting] as { enum?: unknown[]; type?: string } | undefined;
          assert.ok(property, `${file}: ${key}.${setting} is not a setting of the policy`);
          if (property.enum)
            assert.ok(property.enum.includes(value), `${file}: ${key}.${setting} = ${value}`);
          if (property.type === "integer") assert.ok(Number.isInteger(value), `${file}: ${key}.${setting}`);
        }
      }
      assert.doesNotThrow(() =>
        evaluateVirtualMachine(specOf(compliantLinuxInput("linux-ics-v2")), config as EvaluationConfig),
      );
    });
  }
});
