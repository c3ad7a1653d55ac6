/**
 * Runs the real `pulumi-hyperv` command (`node bin/pulumi-hyperv.js`) on a copy of a test
 * program in a temporary directory, and reads what it leaves behind (checkpoint, journal, files).
 */
import { spawn, type ChildProcess } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import type { DeploymentDocument } from "../../cli/engine/checkpoint";
import type { ResourceState } from "../../cli/engine/state";

export const ROOT = join(__dirname, "..", "..");
export const BIN = join(ROOT, "bin", "pulumi-hyperv.js");
export const FILES_FIXTURE = join(__dirname, "fixtures", "files");

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout + stderr */
  output: string;
}

/** A temporary copy of a test program, with the repository's node_modules linked in. */
export class TestProject {
  readonly dir: string;
  readonly out: string;

  constructor(
    fixture: string,
    readonly stack = "test",
    config: Record<string, unknown> = {},
  ) {
    this.dir = mkdtempSync(join(tmpdir(), "pulumi-hyperv-"));
    cpSync(fixture, this.dir, { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(this.dir, "node_modules"), "dir");
    this.out = join(this.dir, "out");
    mkdirSync(this.out);
    this.writeStackFile({ "files:dir": this.out, ...config });
  }

  /** Rewrites `Pulumi.<stack>.yaml` with this config (values JSON-encoded, which YAML reads). */
  writeStackFile(config: Record<string, unknown>, extra = ""): void {
    const lines = Object.entries(config).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`);
    writeFileSync(join(this.dir, `Pulumi.${this.stack}.yaml`), `${extra}config:\n${lines.join("\n")}\n`);
  }

  /** Starts the command in this project; `env` adds to the environment; `input` is piped to its stdin. */
  start(
    args: string[],
    env: Record<string, string> = {},
    input?: string,
  ): { child: ChildProcess; result: Promise<RunResult>; output: () => string } {
    const environment: NodeJS.ProcessEnv = { ...process.env, ...env };
    // The passphrase is whatever the test gives, never one inherited from the shell.
    if (env.PULUMI_CONFIG_PASSPHRASE === undefined) delete environment.PULUMI_CONFIG_PASSPHRASE;
    delete environment.PULUMI_CONFIG_PASSPHRASE_FILE;
    const child = spawn(process.execPath, [BIN, ...args, "-C", this.dir, "-s", this.stack], {
      cwd: ROOT,
      env: environment,
      stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    if (input !== undefined) child.stdin!.end(input);
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    const result = new Promise<RunResult>((resolve) =>
      child.once("close", (code, signal) =>
        resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, output: stdout + stderr }),
      ),
    );
    return { child, result, output: () => stdout + stderr };
  }

  /** Runs the command to completion. */
  run(args: string[], env: Record<string, string> = {}, input?: string): Promise<RunResult> {
    return this.start(args, env, input).result;
  }

  /** The checkpoint as written (secrets encrypted). */
  checkpoint(): DeploymentDocument {
    return JSON.parse(this.checkpointText()) as DeploymentDocument;
  }

  checkpointText(): string {
    return readFileSync(this.checkpointFile(), "utf8");
  }

  /** Where the stack's checkpoint is. */
  checkpointFile(): string {
    return join(this.dir, ".pulumi-hyperv", "stacks", `${this.stack}.json`);
  }

  /** The checkpoint's resources. */
  resources(): ResourceState[] {
    return this.checkpoint().deployment.resources ?? [];
  }

  /** The resource of a given name, if in the checkpoint. */
  resource(name: string): ResourceState | undefined {
    return this.resources().find((r) => r.urn.endsWith(`::${name}`));
  }

  /** Lines the file provider appended (`create <path>`, `delete <path>`, ...), paths made relative. */
  journal(): string[] {
    const file = join(this.out, "journal.log");
    if (!existsSync(file)) return [];
    return readFileSync(file, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => l.replace(`${this.out}/`, ""));
  }

  /** Forgets the journal (so a test sees only the next run's operations). */
  clearJournal(): void {
    rmSync(join(this.out, "journal.log"), { force: true });
  }

  file(name: string): string | undefined {
    const path = join(this.out, name);
    return existsSync(path) ? readFileSync(path, "utf8") : undefined;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

let validators:
  { deployment: ReturnType<Ajv2020["compile"]>; preview: ReturnType<Ajv2020["compile"]> } | undefined;

function schemas() {
  if (!validators) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const load = (name: string) => JSON.parse(readFileSync(join(__dirname, "schema", name), "utf8"));
    // ajv does not resolve an `$anchor` declared on a schema's root; "#property_value" names that root.
    ajv.addSchema(
      JSON.parse(JSON.stringify(load("property-values.json")).replaceAll('"#property_value"', '"#"')),
    );
    ajv.addSchema(load("resources.json"));
    validators = {
      deployment: ajv.compile(load("deployments.json")),
      preview: ajv.compile(load("preview-digest.json")),
    };
  }
  return validators;
}

/** Errors of a checkpoint against the vendored deployment schema (empty when valid). */
export function deploymentSchemaErrors(doc: unknown): string[] {
  const validate = schemas().deployment;
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Errors of a `--json` document against the preview digest schema (empty when valid). */
export function previewSchemaErrors(doc: unknown): string[] {
  const validate = schemas().preview;
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** The JSON document a `--json` run printed on stdout. */
export function jsonOf(result: RunResult): Record<string, unknown> {
  const start = result.stdout.indexOf("{");
  if (start < 0) throw new Error(`no JSON on stdout:\n${result.output}`);
  return JSON.parse(result.stdout.slice(start)) as Record<string, unknown>;
}

/** Waits until `condition` holds (polling), or fails after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
