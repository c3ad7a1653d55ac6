import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

/** The package root: `provider/powershell/` is two levels below it. */
export const packageRoot = resolve(__dirname, "..", "..");

/** Where a project keeps its own PowerShell (`pulumi-hyperv setup`, `npm run setup`): `<dir>/.tools/pwsh`. */
export function projectPwshPath(dir: string): string {
  return join(dir, ".tools", "pwsh", process.platform === "win32" ? "pwsh.exe" : "pwsh");
}

/**
 * Resolves the PowerShell 7 executable the provider starts.
 *
 * Order: the `HYPERV_PWSH` environment variable (an absolute path), the program's own install in
 * `<program dir>/.tools/pwsh` (made by `npx pulumi-hyperv setup`; the program runs in its
 * directory), this package's (made by `npm run setup` in a clone), then `pwsh` on PATH.
 */
export function resolvePwshPath(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  if (env.HYPERV_PWSH) return env.HYPERV_PWSH;
  for (const local of [projectPwshPath(cwd), projectPwshPath(packageRoot)]) {
    if (existsSync(local)) return local;
  }
  return "pwsh";
}
