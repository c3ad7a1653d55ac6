// `npm start` / `npm run destroy`: the demo stack (index.ts, stack dev) on the simulated host with
// the policy pack, through the pulumi-hyperv command. Installs PowerShell 7 first when needed, as
// `npm test` does, and hands its path to the provider.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ensureToolchain, projectRoot } from "./toolchain.mjs";

const ARGS = {
  up: ["up", "--yes", "--stack", "dev", "--policy-pack", "./policies"],
  destroy: ["destroy", "--yes", "--stack", "dev"],
};

const action = process.argv[2];
if (!ARGS[action]) {
  console.error(`usage: node scripts/demo.mjs ${Object.keys(ARGS).join("|")}`);
  process.exit(2);
}
const { pwsh } = ensureToolchain({ pester: false });
const run = spawnSync(
  process.execPath,
  [join(projectRoot, "bin", "pulumi-hyperv.js"), ...ARGS[action], ...process.argv.slice(3)],
  {
    cwd: projectRoot,
    stdio: "inherit",
    env: { ...process.env, HYPERV_PWSH: pwsh },
  },
);
process.exit(run.status ?? 1);
