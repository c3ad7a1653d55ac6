/**
 * Runs an example's program in this process under Pulumi's mocks (`pulumi.runtime.setMocks`): its
 * stack file's config with the changes given, every resource it registers recorded with its inputs,
 * nothing sent to a host. What the program decides from its config is tested here; what a
 * deployment of it does, the example's end-to-end spec shows.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";

const EXAMPLES = join(__dirname, "..", "..", "..", "examples");

/** A resource the program registered. */
export interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

/** What a run of the program did: the resources it registered, or the error it stopped with. */
export interface ExampleRun {
  resources: Registered[];
  error?: Error;
}

/** The stack config the CLI gives a program: `<project>:<key>` to text, lists and objects as JSON. */
function configText(config: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [
      key,
      typeof value === "string" ? value : JSON.stringify(value),
    ]),
  );
}

/**
 * Runs `examples/<example>/index.ts` for stack `dev`, its `Pulumi.dev.yaml` config overlaid with
 * `changes` (a key set to `undefined` is removed).
 */
export async function runExample(
  example: string,
  changes: Record<string, unknown> = {},
): Promise<ExampleRun> {
  const dir = join(EXAMPLES, example);
  const project = (parse(readFileSync(join(dir, "Pulumi.yaml"), "utf8")) as { name: string }).name;
  const stackFile = parse(readFileSync(join(dir, "Pulumi.dev.yaml"), "utf8")) as {
    config?: Record<string, unknown>;
  };
  const config = { ...stackFile.config, ...changes };
  for (const [key, value] of Object.entries(config)) if (value === undefined) delete config[key];

  const resources: Registered[] = [];
  const previousConfig = pulumi.runtime.allConfig();
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        resources.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    project,
    "dev",
    true,
  );
  pulumi.runtime.setAllConfig(configText(config));

  const program = require.resolve(join(dir, "index.ts"));
  delete require.cache[program];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a program runs at its require, each run anew
    require(program);
    // Every registration the program started has been answered.
    await pulumi.runtime.disconnect();
    return { resources };
  } catch (error) {
    return { resources, error: error as Error };
  } finally {
    pulumi.runtime.setAllConfig(previousConfig);
  }
}

/** The registered resources of a type (its last token, e.g. `VirtualMachine`), by name. */
export function ofType(run: ExampleRun, type: string): Map<string, Record<string, unknown>> {
  return new Map(
    run.resources
      .filter((r) => r.type === type || r.type.endsWith(`:${type}`) || r.type.endsWith(`/${type}`))
      .map((r) => [r.name, r.inputs]),
  );
}
