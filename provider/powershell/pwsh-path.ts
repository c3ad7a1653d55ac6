import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

/** The package root: `provider/powershell/` is two levels below it. */
export const packageRoot = resolve(__dirname, "..", "..");

/**
 * Resolves the PowerShell 7 executable the provider starts.
 *
 * Order: the `HYPERV_PWSH` environment variable (an absolute path), the project-local install in
 * `.tools/pwsh` (made by `npm run setup` / `npm test`), then `pwsh` on PATH.
 */
export function resolvePwshPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HYPERV_PWSH) return env.HYPERV_PWSH;
  const local = join(packageRoot, ".tools", "pwsh", process.platform === "win32" ? "pwsh.exe" : "pwsh");
  if (existsSync(local)) return local;
  return "pwsh";
}
