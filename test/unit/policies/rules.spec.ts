import { strict as assert } from "node:assert";
import { evaluateVirtualMachine, remediateVirtualMachine } from "../../../policies/api";
import { POLICY_CASES } from "./cases";
import { compliantLinuxInput, EDITIONS, RELEASES, specOf, windowsInput, withChange } from "./fixtures";

const levelsOf = (violations: { policy: string; enforcementLevel: string }[], policy: string) =>
  violations
    .filter((v) => v.policy === policy)
    .map((v) => v.enforcementLevel)
    .sort();

describe("policies: each rule, positive and negative, per release and readme edition", () => {
  for (const release of RELEASES) {
    for (const edition of EDITIONS) {
      describe(`${release}, readme ${edition}`, () => {
        it("a compliant guest built from the model's defaults has no violation at all", () => {
          const violations = evaluateVirtualMachine(specOf(compliantLinuxInput(release)), {
            readme: edition,
          });
          assert.deepEqual(violations, []);
        });

        for (const c of POLICY_CASES) {
          it(`${c.policy}: the violating change reports ${c.expected(release, edition).join(", ") || "nothing"}`, () => {
            const spec = specOf(withChange(compliantLinuxInput(release), (vm) => c.violate(vm, release)));
            const violations = evaluateVirtualMachine(spec, { readme: edition });
            assert.deepEqual(levelsOf(violations, c.policy), [...c.expected(release, edition)].sort());
            for (const v of violations.filter((x) => x.policy === c.policy)) {
              assert.match(v.message, /Fix: /, "the message states the fix");
            }
          });

          it(`${c.policy}: a Windows guest with the same change is untouched`, () => {
            const spec = specOf(withChange(windowsInput(), (vm) => c.violate(vm, release)));
            assert.deepEqual(evaluateVirtualMachine(spec, { readme: edition }), []);
          });

          const remediable = typeof c.remediable === "function" ? c.remediable(release) : c.remediable;
          if (remediable && c.expected(release, edition).length > 0) {
            it(`${c.policy}: its remediation mutates the spec into compliance`, () => {
              const spec = specOf(withChange(compliantLinuxInput(release), (vm) => c.violate(vm, release)));
              const { spec: fixed, remediated } = remediateVirtualMachine(spec, { [c.policy]: "remediate" });
              assert.deepEqual(remediated, [c.policy]);
              assert.deepEqual(levelsOf(evaluateVirtualMachine(fixed, { readme: edition }), c.policy), []);
              assert.deepEqual(
                levelsOf(evaluateVirtualMachine(spec, { readme: edition }), c.policy).length > 0,
                true,
              );
            });
          }
        }
      });
    }
  }
});
