/**
 * The pool options for a host as a command outside a deployment (doctor, audit) uses them: the
 * stack's `hyperv:*` config when the directory is a project with a stack (credentials, timeouts),
 * the host given on the command line, and the simulator's state under the project directory.
 */
import { existsSync, readdirSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import {
  poolOptionsFor,
  readProviderSettings,
  type PoolOptions,
  type ProviderSettings,
} from "../../provider/host-check";
import { selectStack } from "../operation";
import { loadProject, loadStackConfig } from "../project";

/** The stack config values (decrypted) and the stack file's name, or none outside a project or without a stack file. */
export function stackConfig(
  dir: string,
  stack: string | undefined,
): { values: Record<string, string>; file?: string } {
  if (!existsSync(join(dir, "Pulumi.yaml"))) return { values: {} };
  const project = loadProject(dir);
  const hasStacks = readdirSync(dir).some((file) => /^Pulumi\..+\.yaml$/.test(file));
  if (!stack && !hasStacks) return { values: {} };
  const selected = selectStack(project, stack);
  return { values: loadStackConfig(project, selected).values, file: `Pulumi.${selected}.yaml` };
}

/** The provider settings of the directory's stack (none outside a project). */
export function stackProviderSettings(dir: string, stack: string | undefined): ProviderSettings {
  const { values } = stackConfig(dir, stack);
  return readProviderSettings((key) => values[key]);
}

/** Pool options for `host` under `settings`, the simulator's state resolved against `dir`. */
export function hostPoolOptions(settings: ProviderSettings, host: string, dir: string): PoolOptions {
  const options = poolOptionsFor(settings, host);
  // The provider's default state directory is the program's; so is a relative one.
  const stateDir = options.simulatorStateDir ?? ".hyperv-sim";
  options.simulatorStateDir = isAbsolute(stateDir) ? stateDir : join(dir, stateDir);
  return options;
}
