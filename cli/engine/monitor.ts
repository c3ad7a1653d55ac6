/**
 * The engine services a program talks to: `pulumirpc.ResourceMonitor` (resource registrations)
 * and `pulumirpc.Engine` (logging, root resource), served over gRPC from the stubs in
 * `@pulumi/pulumi/proto`. Methods the engine does not offer answer UNIMPLEMENTED, which the SDK
 * tolerates. Features advertised: secrets (or secrets reach outputs in plaintext) and alias specs
 * (the engine computes alias URNs, as Pulumi's does); resource references and output values no.
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { EngineService } from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as epb from "@pulumi/pulumi/proto/engine_pb";
import { ResourceMonitorService } from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as rpb from "@pulumi/pulumi/proto/resource_pb";

/** Features this engine implements. */
const FEATURES = new Set(["secrets", "aliasSpecs"]);

export type Severity = "debug" | "info" | "warning" | "error";
const SEVERITIES: Record<number, Severity> = {
  [epb.LogSeverity.DEBUG]: "debug",
  [epb.LogSeverity.INFO]: "info",
  [epb.LogSeverity.WARNING]: "warning",
  [epb.LogSeverity.ERROR]: "error",
};

/** What the engine does with a program's calls. */
export interface MonitorHandler {
  registerResource(request: rpb.RegisterResourceRequest): Promise<rpb.RegisterResourceResponse>;
  registerResourceOutputs(request: rpb.RegisterResourceOutputsRequest): Promise<void>;
  readResource(request: rpb.ReadResourceRequest): Promise<rpb.ReadResourceResponse>;
  log(severity: Severity, message: string, urn: string, ephemeral: boolean): void;
}

/** A running monitor + engine server. */
export interface MonitorServer {
  address: string;
  stop(): Promise<void>;
}

function unaryHandler<Req, Res>(fn: (request: Req) => Promise<Res> | Res) {
  return (call: grpc.ServerUnaryCall<Req, Res>, callback: grpc.sendUnaryData<Res>) => {
    Promise.resolve()
      .then(() => fn(call.request))
      .then(
        (response) => callback(null, response),
        (e: unknown) => callback({ code: grpc.status.UNKNOWN, details: (e as Error).message ?? String(e) }),
      );
  };
}

/** Serves both services on one local port. */
export async function startMonitor(handler: MonitorHandler): Promise<MonitorServer> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  let rootUrn = "";
  server.addService(ResourceMonitorService, {
    supportsFeature: unaryHandler((request: rpb.SupportsFeatureRequest) =>
      new rpb.SupportsFeatureResponse().setHassupport(FEATURES.has(request.getId())),
    ),
    registerResource: unaryHandler((request: rpb.RegisterResourceRequest) =>
      handler.registerResource(request),
    ),
    readResource: unaryHandler((request: rpb.ReadResourceRequest) => handler.readResource(request)),
    registerResourceOutputs: unaryHandler(async (request: rpb.RegisterResourceOutputsRequest) => {
      await handler.registerResourceOutputs(request);
      return new Empty();
    }),
  });
  server.addService(EngineService, {
    log: unaryHandler((request: epb.LogRequest) => {
      handler.log(
        SEVERITIES[request.getSeverity()] ?? "info",
        request.getMessage(),
        request.getUrn(),
        request.getEphemeral(),
      );
      return new Empty();
    }),
    getRootResource: unaryHandler(() => new epb.GetRootResourceResponse().setUrn(rootUrn)),
    setRootResource: unaryHandler((request: epb.SetRootResourceRequest) => {
      rootUrn = request.getUrn();
      return new epb.SetRootResourceResponse();
    }),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 2000);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}
