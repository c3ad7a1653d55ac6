/**
 * The dynamic provider host driven like the engine drives it, for the provider's own resources:
 * serialize a resource's provider the way `dynamic.Resource` does, start Pulumi's host in a program
 * directory, then Check / Diff / Create / Read / Update / Delete over gRPC with plain JSON objects.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as ppb from "@pulumi/pulumi/proto/provider_pb";
import type * as grpc from "@grpc/grpc-js";
import { Status } from "@pulumi/pulumi/proto/status_pb";
import { lazyProvider, type ResourceTypeName } from "../../provider/resources/lazy-provider";
import {
  connect,
  fromStruct,
  HOST_SCRIPTS,
  startHost,
  toStruct,
  unary,
  UNUSED_ENGINE_ADDRESS,
  type Host,
} from "./harness";

/** The package root (what a program's `node_modules/pulumi-hyperv` points to). */
export const PACKAGE_ROOT = resolve(__dirname, "..", "..");

type Props = Record<string, unknown>;

/** The `__provider` text of a resource type, as `dynamic.Resource` stores it in the state. */
export async function serializedProvider(typeName: ResourceTypeName, fallbackPath?: string): Promise<string> {
  const provider = lazyProvider(typeName, fallbackPath);
  const { text } = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return text;
}

/**
 * A program directory: empty, or with `node_modules/pulumi-hyperv` linked to `packageDir` (an
 * installed package). Removed by `dispose()`.
 */
export function programDirectory(packageDir?: string): { path: string; dispose(): void } {
  const path = mkdtempSync(join(tmpdir(), "hyperv-program-"));
  if (packageDir) {
    mkdirSync(join(path, "node_modules"));
    symlinkSync(packageDir, join(path, "node_modules", "pulumi-hyperv"), "dir");
  }
  return { path, dispose: () => rmSync(path, { recursive: true, force: true }) };
}

/** Pulumi's partial-failure details (`ErrorResourceInitFailed`) of a failed Create. */
export interface InitFailure {
  id: string;
  properties: Props;
  reasons: string[];
}

/** The partial-failure details a gRPC error carries, if any. */
export function initFailureOf(error: unknown): InitFailure | undefined {
  const metadata = (error as grpc.ServiceError).metadata;
  const raw = metadata?.get("grpc-status-details-bin")[0];
  if (!raw) return undefined;
  const status = Status.deserializeBinary(new Uint8Array(raw as Buffer));
  for (const detail of status.getDetailsList()) {
    const failure = ppb.ErrorResourceInitFailed.deserializeBinary(detail.getValue_asU8());
    return {
      id: failure.getId(),
      properties: fromStruct(failure.getProperties()) ?? {},
      reasons: failure.getReasonsList(),
    };
  }
  return undefined;
}

/** One dynamic provider host process, configured with stack config. */
export class ProviderHost {
  private constructor(
    readonly host: Host,
    private readonly client: ResourceProviderClient,
  ) {}

  /** Starts the host in `programDir` and sends Configure with `config` (full keys, e.g. `hyperv:host`). */
  static async start(programDir: string, config: Record<string, string>, env: Record<string, string> = {}) {
    const host = await startHost(HOST_SCRIPTS.dynamicProvider, [UNUSED_ENGINE_ADDRESS], {
      cwd: programDir,
      env,
    });
    const client = connect(ResourceProviderClient, host.address);
    await unary(client, "configure", new ppb.ConfigureRequest().setArgs(toStruct(config)));
    return new ProviderHost(host, client);
  }

  /** Check: the checked inputs and the failures. */
  async check(urn: string, olds: Props, news: Props) {
    const response = await unary(
      this.client,
      "check",
      new ppb.CheckRequest().setUrn(urn).setOlds(toStruct(olds)).setNews(toStruct(news)),
    );
    return {
      inputs: fromStruct(response.getInputs()) ?? {},
      failures: response.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  /** Diff of previous outputs against new inputs. */
  async diff(urn: string, id: string, olds: Props, news: Props) {
    const response = await unary(
      this.client,
      "diff",
      new ppb.DiffRequest().setUrn(urn).setId(id).setOlds(toStruct(olds)).setNews(toStruct(news)),
    );
    return {
      changes: response.getChanges(),
      replaces: response.getReplacesList(),
      deleteBeforeReplace: response.getDeletebeforereplace(),
    };
  }

  async create(urn: string, properties: Props, deadlineMs = 120_000) {
    const response = await unary(
      this.client,
      "create",
      new ppb.CreateRequest().setUrn(urn).setProperties(toStruct(properties)),
      deadlineMs,
    );
    return { id: response.getId(), outs: fromStruct(response.getProperties()) ?? {} };
  }

  async read(urn: string, id: string, properties: Props) {
    const response = await unary(
      this.client,
      "read",
      new ppb.ReadRequest().setUrn(urn).setId(id).setProperties(toStruct(properties)),
      120_000,
    );
    return { id: response.getId(), props: fromStruct(response.getProperties()) ?? {} };
  }

  async update(urn: string, id: string, olds: Props, news: Props) {
    const response = await unary(
      this.client,
      "update",
      new ppb.UpdateRequest().setUrn(urn).setId(id).setOlds(toStruct(olds)).setNews(toStruct(news)),
      120_000,
    );
    return fromStruct(response.getProperties()) ?? {};
  }

  async delete(urn: string, id: string, properties: Props) {
    await unary(
      this.client,
      "delete",
      new ppb.DeleteRequest().setUrn(urn).setId(id).setProperties(toStruct(properties)),
      120_000,
    );
  }

  /** Check then Create, as `pulumi up` does for a new resource; fails on check failures. */
  async checkAndCreate(urn: string, news: Props) {
    const checked = await this.check(urn, {}, news);
    if (checked.failures.length > 0) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
    return { ...(await this.create(urn, checked.inputs)), inputs: checked.inputs };
  }

  async stop(): Promise<void> {
    this.client.close();
    await this.host.stop();
  }
}

/** A URN for a resource of this type. */
export function urnOf(typeName: ResourceTypeName, name: string): string {
  return `urn:pulumi:test::hyperv::pulumi-nodejs:dynamic/hyperv:${typeName}::${name}`;
}
