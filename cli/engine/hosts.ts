/**
 * Starts Pulumi's own plugin hosts the way the engine does: `node <host script> ...args`, wait for
 * the port the host prints on its first stdout line, and connect gRPC clients from the proto stubs
 * shipped in `@pulumi/pulumi/proto`. Every host is stopped by the command that started it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as grpc from "@grpc/grpc-js";
import { withoutPassphrase } from "../../provider/powershell/passphrase-environment";

/** Host scripts the engine starts (resolved from the installed @pulumi/pulumi). */
export const HOST_SCRIPTS = {
  /** Policy pack host: args `<engine-address> <pack-dir>`, cwd = the pack directory. */
  policyPack: require.resolve("@pulumi/pulumi/cmd/run-policy-pack"),
  /** Dynamic provider host: args `<engine-address>`, cwd = the program directory. */
  dynamicProvider: require.resolve("@pulumi/pulumi/cmd/dynamic-provider"),
  /** Node.js language runtime: the program launcher the CLI's nodejs language host runs. */
  program: require.resolve("@pulumi/pulumi/cmd/run"),
} as const;

/**
 * Node's options for every process the command starts: the preloads that end it when the command
 * is gone, and that load the SDK's heaviest dependencies on first use only (see the files).
 */
export const PRELOADS = [
  "--require",
  require.resolve("../../bin/orphan-guard.js"),
  "--require",
  require.resolve("../../bin/defer-sdk-dependencies.js"),
] as const;

/** The engine address given to hosts that never dial it back in these flows. */
export const UNUSED_ENGINE_ADDRESS = "127.0.0.1:0";

export interface StartHostOptions {
  cwd: string;
  /** Extra environment (e.g. PULUMI_CONFIG, PULUMI_NODEJS_DRY_RUN). */
  env?: Record<string, string>;
  /** How long to wait for the port. Default 60 s (a type-checked TypeScript pack is slow to start). */
  startTimeoutMs?: number;
  /** Receives every stderr chunk (the default keeps it for error messages only). */
  onStderr?: (text: string) => void;
}

/** A running host process. */
export interface Host {
  /** `127.0.0.1:<port>` */
  address: string;
  child: ChildProcess;
  /** Everything the host wrote to stderr so far (for failure messages). */
  stderr(): string;
  /** Stops the process and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts `node <script> ...args` and resolves once it printed its port on stdout. */
export function startHost(script: string, args: string[], options: StartHostOptions): Promise<Host> {
  const child = spawn(process.execPath, [...PRELOADS, script, ...args], {
    cwd: options.cwd,
    // The engine decrypts config and state; the hosts and what they start get no passphrase.
    env: { ...withoutPassphrase(process.env), ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stderr!.on("data", (d: Buffer) => {
    err += d.toString();
    options.onStderr?.(d.toString());
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  const timeoutMs = options.startTimeoutMs ?? 60000;
  return new Promise<Host>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`host ${script} printed no port within ${timeoutMs} ms\n${err}`));
    }, timeoutMs);
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /^(\d+)\s*$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ address: `127.0.0.1:${m[1]}`, child, stderr: () => err, stop });
      }
    });
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`host ${script} exited (${code ?? signal}) before printing a port\n${err}`));
    });
  });
}

/** A client of a generated service class, on an insecure local channel. */
export function connect<C extends grpc.Client>(
  ClientClass: new (address: string, credentials: grpc.ChannelCredentials) => C,
  address: string,
): C {
  return new ClientClass(address, grpc.credentials.createInsecure());
}

type UnaryCallback<Res> = (error: grpc.ServiceError | null, response: Res) => void;
/** [request, response] of a generated unary method (its full overload: request, metadata, options, callback). */
type Signature<F> = F extends (
  request: infer Req,
  metadata: grpc.Metadata,
  options: Partial<grpc.CallOptions>,
  callback: UnaryCallback<infer Res>,
) => grpc.ClientUnaryCall
  ? [Req, Res]
  : never;
type UnaryMethods<C> = { [K in keyof C]: Signature<C[K]> extends never ? never : K }[keyof C];
type RequestOf<F> = Signature<F>[0];
type ResponseOf<F> = Signature<F>[1];

/** Calls a unary method and resolves with its response (rejects with the gRPC error). */
export function unary<C extends grpc.Client, M extends UnaryMethods<C> & string>(
  client: C,
  method: M,
  request: RequestOf<C[M]>,
  deadlineMs = 30000,
): Promise<ResponseOf<C[M]>> {
  const fn = (client as unknown as Record<string, (...a: unknown[]) => grpc.ClientUnaryCall>)[method];
  return new Promise((resolve, reject) => {
    fn.call(
      client,
      request,
      new grpc.Metadata(),
      { deadline: Date.now() + deadlineMs },
      (e: Error | null, r: unknown) => (e ? reject(e) : resolve(r as ResponseOf<C[M]>)),
    );
  });
}
