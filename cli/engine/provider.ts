/**
 * The engine's side of Pulumi's dynamic provider host (`cmd/dynamic-provider`, one process per
 * deployment, run from the program directory as the CLI's `pulumi-resource-pulumi-nodejs` shim
 * runs it). The host does not accept secrets and has no preview: callers pass plaintext properties
 * and re-mark secrets on what comes back.
 */
import type { ResourceProvider } from "./deploy/plugins";
import type * as grpc from "@grpc/grpc-js";
import { Any } from "google-protobuf/google/protobuf/any_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as pb from "@pulumi/pulumi/proto/provider_pb";
import { Status } from "@pulumi/pulumi/proto/status_pb";
import { connect, HOST_SCRIPTS, startHost, unary, UNUSED_ENGINE_ADDRESS, type Host } from "./hosts";
import { fromStruct, toStruct, type PropertyMap } from "./properties";

/** Provider calls may run as long as the operation they drive (a VM create); the engine sets no deadline. */
const OPERATION_DEADLINE_MS = 24 * 3600 * 1000;

/** A create or update that made the resource but could not finish it: the resource exists with this id. */
export class InitFailedError extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly outputs: PropertyMap,
    readonly reasons: string[],
  ) {
    super(message);
    this.name = "InitFailedError";
  }
}

/** The provider's error, with the message it threw (gRPC framing removed). */
export class ProviderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProviderError";
  }
}

/** Diff outcome, as `DiffResponse` reports it. */
export interface DiffResult {
  changes: "unknown" | "none" | "some";
  replaces: string[];
  deleteBeforeReplace: boolean;
  diffs: string[];
}

function translate(e: unknown): Error {
  const err = e as grpc.ServiceError;
  const details = err.metadata?.get("grpc-status-details-bin")?.[0];
  if (details) {
    const status = Status.deserializeBinary(new Uint8Array(details as Buffer));
    for (const any of status.getDetailsList() as Any[]) {
      if (any.getTypeName() === "pulumirpc.ErrorResourceInitFailed") {
        const failed = pb.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
        return new InitFailedError(
          status.getMessage(),
          failed.getId(),
          fromStruct(failed.getProperties()),
          failed.getReasonsList(),
        );
      }
    }
  }
  return new ProviderError(err.details ?? err.message);
}

async function call<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (e) {
    throw translate(e);
  }
}

/** A started dynamic provider host. */
export class DynamicProvider implements ResourceProvider {
  private constructor(
    private readonly host: Host,
    private readonly client: ResourceProviderClient,
  ) {}

  /** Starts the host in the program directory. */
  static async start(programDir: string, onStderr?: (text: string) => void): Promise<DynamicProvider> {
    const host = await startHost(HOST_SCRIPTS.dynamicProvider, [UNUSED_ENGINE_ADDRESS], {
      cwd: programDir,
      onStderr,
    });
    return new DynamicProvider(host, connect(ResourceProviderClient, host.address));
  }

  /** Gives the provider the whole stack config (namespaced keys, secrets decrypted), as the CLI does. */
  async configure(config: Record<string, string>): Promise<void> {
    const request = new pb.ConfigureRequest().setArgs(toStruct(config)).setAcceptsecrets(true);
    for (const [k, v] of Object.entries(config)) request.getVariablesMap().set(k, v);
    await call(unary(this.client, "configure", request));
  }

  async check(
    urn: string,
    olds: PropertyMap,
    news: PropertyMap,
  ): Promise<{ inputs: PropertyMap; failures: { property: string; reason: string }[] }> {
    const response = await call(
      unary(
        this.client,
        "check",
        new pb.CheckRequest().setUrn(urn).setOlds(toStruct(olds)).setNews(toStruct(news)),
        OPERATION_DEADLINE_MS,
      ),
    );
    return {
      inputs: fromStruct(response.getInputs()),
      failures: response.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(
    id: string,
    urn: string,
    olds: PropertyMap,
    news: PropertyMap,
    oldInputs: PropertyMap,
    ignoreChanges: string[],
  ): Promise<DiffResult> {
    const request = new pb.DiffRequest()
      .setId(id)
      .setUrn(urn)
      .setOlds(toStruct(olds))
      .setNews(toStruct(news))
      .setOldInputs(toStruct(oldInputs))
      .setIgnorechangesList(ignoreChanges);
    const response = await call(unary(this.client, "diff", request, OPERATION_DEADLINE_MS));
    const changes = response.getChanges();
    return {
      changes:
        changes === pb.DiffResponse.DiffChanges.DIFF_NONE
          ? "none"
          : changes === pb.DiffResponse.DiffChanges.DIFF_SOME
            ? "some"
            : "unknown",
      replaces: response.getReplacesList(),
      deleteBeforeReplace: response.getDeletebeforereplace(),
      diffs: response.getDiffsList(),
    };
  }

  async create(urn: string, properties: PropertyMap): Promise<{ id: string; outputs: PropertyMap }> {
    const request = new pb.CreateRequest().setUrn(urn).setProperties(toStruct(properties));
    const response = await call(unary(this.client, "create", request, OPERATION_DEADLINE_MS));
    return { id: response.getId(), outputs: fromStruct(response.getProperties()) };
  }

  async update(
    id: string,
    urn: string,
    olds: PropertyMap,
    news: PropertyMap,
    oldInputs: PropertyMap,
    ignoreChanges: string[],
  ): Promise<PropertyMap> {
    const request = new pb.UpdateRequest()
      .setId(id)
      .setUrn(urn)
      .setOlds(toStruct(olds))
      .setNews(toStruct(news))
      .setOldInputs(toStruct(oldInputs))
      .setIgnorechangesList(ignoreChanges);
    const response = await call(unary(this.client, "update", request, OPERATION_DEADLINE_MS));
    return fromStruct(response.getProperties());
  }

  async delete(id: string, urn: string, outputs: PropertyMap, oldInputs: PropertyMap): Promise<void> {
    const request = new pb.DeleteRequest()
      .setId(id)
      .setUrn(urn)
      .setProperties(toStruct(outputs))
      .setOldInputs(toStruct(oldInputs));
    await call(unary(this.client, "delete", request, OPERATION_DEADLINE_MS));
  }

  /** Refresh: what the resource looks like now; an empty id means it is gone. */
  async read(
    id: string,
    urn: string,
    outputs: PropertyMap,
    inputs: PropertyMap,
  ): Promise<{ id: string; outputs: PropertyMap; inputs?: PropertyMap }> {
    const request = new pb.ReadRequest()
      .setId(id)
      .setUrn(urn)
      .setProperties(toStruct(outputs))
      .setInputs(toStruct(inputs));
    const response = await call(unary(this.client, "read", request, OPERATION_DEADLINE_MS));
    return {
      id: response.getId(),
      outputs: fromStruct(response.getProperties()),
      ...(response.getInputs() && { inputs: fromStruct(response.getInputs()) }),
    };
  }

  /** The SDK version the host reports. */
  async version(): Promise<string> {
    return (await call(unary(this.client, "getPluginInfo", new Empty()))).getVersion();
  }

  async stop(): Promise<void> {
    this.client.close();
    await this.host.stop();
  }
}
