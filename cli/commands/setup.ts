/**
 * `pulumi-hyperv setup [-C DIR]`: gives the project the PowerShell 7 the provider runs on, the way
 * this repository gets its own (`scripts/toolchain.mjs`): `HYPERV_PWSH` when set; else the project's
 * `.tools/pwsh`; else PowerShell installed there as a .NET tool (`dotnet tool install PowerShell
 * --tool-path .tools/pwsh`). The provider looks in `.tools/pwsh` of the directory the program runs
 * in, so nothing else needs setting. Installs nothing outside the project.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";
import { projectPwshPath } from "../../provider/powershell/pwsh-path";
import { flagHelp, parseArgs, type FlagSpec } from "../args";
import { UsageError } from "../errors";
import type { Command } from "./command";

/** The PowerShell the project installs (the version this package is tested with). */
export const POWERSHELL_VERSION = "7.6.9";

const FLAGS: FlagSpec[] = [
  {
    name: "cwd",
    short: "C",
    kind: "string",
    value: "DIR",
    description: "The project directory to set up (default: the current one)",
  },
];

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const exe = process.platform === "win32" ? ".exe" : "";
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (dir && existsSync(join(dir, name + exe))) return join(dir, name + exe);
  }
  return undefined;
}

function versionOf(pwsh: string, env: NodeJS.ProcessEnv): string {
  const run = spawnSync(
    pwsh,
    ["-NoProfile", "-NonInteractive", "-Command", "$PSVersionTable.PSVersion.ToString()"],
    {
      encoding: "utf8",
      env,
    },
  );
  if (run.status !== 0)
    throw new UsageError(`${pwsh} did not start: ${run.error?.message ?? run.stderr.trim()}`);
  return run.stdout.trim();
}

/** Finds or installs the project's PowerShell; returns where it is and how the provider finds it. */
export function setupPowerShell(
  dir: string,
  env: NodeJS.ProcessEnv = process.env,
): { pwsh: string; how: string } {
  if (env.HYPERV_PWSH) {
    if (!existsSync(env.HYPERV_PWSH)) {
      throw new UsageError(
        `HYPERV_PWSH is set to "${env.HYPERV_PWSH}", but no file exists there: fix it or unset it`,
      );
    }
    return { pwsh: env.HYPERV_PWSH, how: "HYPERV_PWSH names it" };
  }
  const local = projectPwshPath(dir);
  const how = `the provider finds it in ${join(dir, ".tools", "pwsh")} when the program runs in ${dir}`;
  if (existsSync(local)) return { pwsh: local, how };
  const dotnet = onPath("dotnet", env);
  if (!dotnet) {
    throw new UsageError(
      "PowerShell 7 cannot be installed into the project without the .NET SDK: install the .NET SDK 8 or later " +
        "(so that `dotnet` is on PATH) and run this again, or install PowerShell 7 " +
        "(https://learn.microsoft.com/powershell/scripting/install/installing-powershell) and set HYPERV_PWSH to its pwsh",
    );
  }
  process.stderr.write(
    `installing PowerShell ${POWERSHELL_VERSION} as a .NET tool into ${join(dir, ".tools", "pwsh")}\n`,
  );
  execFileSync(
    dotnet,
    [
      "tool",
      "install",
      "PowerShell",
      "--version",
      POWERSHELL_VERSION,
      "--tool-path",
      join(dir, ".tools", "pwsh"),
    ],
    { stdio: ["ignore", "inherit", "inherit"], env },
  );
  if (!existsSync(local)) throw new Error(`dotnet tool install finished but ${local} is missing`);
  return { pwsh: local, how };
}

export const setup: Command = {
  summary: "Install PowerShell 7 into the project (.tools/pwsh, a .NET tool) for the provider",
  help: () => `Usage: pulumi-hyperv setup [flags]\n\n${flagHelp(FLAGS)}`,
  run: async (argv) => {
    const { flags } = parseArgs(argv, FLAGS, "setup");
    const dir = resolve((flags.cwd as string | undefined) ?? process.cwd());
    const { pwsh, how } = setupPowerShell(dir);
    process.stdout.write(
      `PowerShell ${versionOf(pwsh, process.env)} at ${pwsh}: ${how}; elsewhere set HYPERV_PWSH=${pwsh}.\n`,
    );
    return 0;
  },
};
