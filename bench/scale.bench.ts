/**
 * The engine at scale: cold `up`, an update of every resource and `destroy` of small dynamic
 * resources (no PowerShell) through the real command, Pulumi's language host and dynamic provider
 * host. The cost per added resource is measured between 100 and 550 resources and between 550 and
 * 1,000 (steps wide enough that the noise of one run does not swamp them), and the ratio of the two
 * printed: a cost that grew with the stack's size (a checkpoint rewritten whole after every step)
 * would show there, where totals divided by size hide it behind the fixed start-up. Targets: ratio
 * at most 1.2, and a 1,000-resource cold up under 15 s.
 */
import { performance } from "node:perf_hooks";
import { join } from "node:path";
import { TestProject } from "../test/cli/support";

const FIXTURE = join(__dirname, "fixtures", "scale");
const RATIO_TARGET = 1.2;
const COLD_TARGET_MS = 15000;

type Phase = "cold up" | "update all" | "destroy";

async function timed(project: TestProject, args: string[]): Promise<number> {
  const start = performance.now();
  const result = await project.run(args);
  if (result.code !== 0) throw new Error(`${args.join(" ")} failed:\n${result.output}`);
  return performance.now() - start;
}

async function measure(count: number): Promise<Record<Phase, number>> {
  const project = new TestProject(FIXTURE, "bench", { "scale:count": count });
  try {
    const cold = await timed(project, ["up", "--yes", "--skip-preview"]);
    project.writeStackFile({ "scale:count": count, "scale:generation": 1 });
    const all = await timed(project, ["up", "--yes", "--skip-preview"]);
    const destroy = await timed(project, ["destroy", "--yes", "--skip-preview"]);
    return { "cold up": cold, "update all": all, destroy };
  } finally {
    project.remove();
  }
}

async function main(): Promise<void> {
  const sizes = [100, 550, 1000];
  const results = new Map<number, Record<Phase, number>>();
  for (const size of sizes) {
    results.set(size, await measure(size));
    const r = results.get(size)!;
    console.log(
      `${size} resources: cold up ${r["cold up"].toFixed(0)} ms, update all ${r["update all"].toFixed(0)} ms, ` +
        `destroy ${r.destroy.toFixed(0)} ms`,
    );
  }
  let ok = true;
  for (const phase of ["cold up", "update all", "destroy"] as Phase[]) {
    const small = (results.get(550)![phase] - results.get(100)![phase]) / 450;
    const large = (results.get(1000)![phase] - results.get(550)![phase]) / 450;
    const ratio = large / Math.max(small, 0.001);
    console.log(
      `${phase}: ${small.toFixed(2)} ms per added resource at 100-550, ${large.toFixed(2)} ms at 550-1,000: ` +
        `ratio ${ratio.toFixed(2)} (target at most ${RATIO_TARGET})`,
    );
    if (ratio > RATIO_TARGET) ok = false;
  }
  const cold = results.get(1000)!["cold up"];
  console.log(
    `1,000-resource cold up: ${(cold / 1000).toFixed(1)} s (target under ${COLD_TARGET_MS / 1000} s)`,
  );
  if (cold > COLD_TARGET_MS) ok = false;
  if (!ok) process.exitCode = 1;
}

void main();
