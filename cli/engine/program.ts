/**
 * Launches a program with Pulumi's own Node.js language runtime (`@pulumi/pulumi/cmd/run`), with
 * the arguments and environment the CLI's nodejs language host gives it for the project's
 * `Pulumi.yaml`: `nodeargs` before the entry point, `typescript` as PULUMI_NODEJS_TYPESCRIPT,
 * config in PULUMI_CONFIG, so what runs here runs the same under `pulumi up`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { withoutPassphrase } from "../../provider/powershell/passphrase-environment";
import type { Project } from "../project";
import { HOST_SCRIPTS, PRELOADS } from "./hosts";

export interface ProgramOptions {
  project: Project;
  stack: string;
  organization: string;
  monitorAddress: string;
  dryRun: boolean;
  parallel: number;
  config: Record<string, string>;
  secretKeys: string[];
  /** Receives the program's stdout and stderr, line by line. */
  onOutput(stream: "stdout" | "stderr", line: string): void;
}

/** A running program. */
export interface RunningProgram {
  child: ChildProcess;
  /** Resolves with the exit code (a signal counts as failure). */
  exited: Promise<number>;
  /** Stops the program at once (after a failed step the CLI does not wait for it). */
  kill(): void;
}

/** The command line of `cmd/run`, as the CLI's nodejs language host builds it. */
export function programArguments(options: ProgramOptions): string[] {
  const { project } = options;
  return [
    ...project.nodeargs,
    HOST_SCRIPTS.program,
    `--monitor=${options.monitorAddress}`,
    `--engine=${options.monitorAddress}`,
    `--organization=${options.organization}`,
    `--project=${project.name}`,
    `--root-directory=${project.dir}`,
    `--stack=${options.stack}`,
    `--pwd=${project.dir}`,
    ...(options.dryRun ? ["--dry-run"] : []),
    `--parallel=${options.parallel}`,
    project.main,
  ];
}

function lines(onLine: (line: string) => void): (chunk: Buffer) => void {
  let buffer = "";
  return (chunk) => {
    buffer += chunk.toString();
    let nl: number;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      onLine(buffer.slice(0, nl).replace(/\r$/, ""));
      buffer = buffer.slice(nl + 1);
    }
  };
}

/** Starts the program. */
export function startProgram(options: ProgramOptions): RunningProgram {
  const env: NodeJS.ProcessEnv = {
    // The program gets its config decrypted (PULUMI_CONFIG): it needs no passphrase.
    ...withoutPassphrase(process.env),
    PULUMI_CONFIG: JSON.stringify(options.config),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(options.secretKeys),
  };
  if (options.project.typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
  else delete env.PULUMI_NODEJS_TYPESCRIPT;
  const child = spawn(process.execPath, [...PRELOADS, ...programArguments(options)], {
    cwd: options.project.dir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on(
    "data",
    lines((l) => options.onOutput("stdout", l)),
  );
  child.stderr!.on(
    "data",
    lines((l) => options.onOutput("stderr", l)),
  );
  const exited = new Promise<number>((resolve) => {
    child.once("error", () => resolve(1));
    child.once("exit", (code) => resolve(code ?? 1));
  });
  return {
    child,
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}
