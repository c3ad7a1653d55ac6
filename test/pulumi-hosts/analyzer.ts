/**
 * Requests and replies of the policy pack host (`pulumirpc.Analyzer`), built the way the engine
 * builds them: Configure with the reconciled config (schema defaults, then `all`, then each
 * policy's entry), Analyze/Remediate with resource options always set, AnalyzeStack with outputs.
 */
import { join } from "node:path";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as apb from "@pulumi/pulumi/proto/analyzer_pb";
import {
  connect,
  fromStruct,
  HOST_SCRIPTS,
  startHost,
  toStruct,
  UNUSED_ENGINE_ADDRESS,
  type Host,
} from "./harness";
import { LEVEL_ENUMS, LEVEL_NAMES } from "../../cli/engine/policy-pack";
import type { EnforcementLevel } from "../../cli/engine/policy-config";

export const PACK_DIR = join(__dirname, "..", "..", "policies");
const PROJECT = "hyperv-demo";
const STACK = "dev";

export type Level = EnforcementLevel;
export function levelName(level: apb.EnforcementLevel): Level {
  return LEVEL_NAMES[level];
}

/** The policy host started on the pack, as the CLI starts it (cwd = pack dir, preview env). */
export async function startPolicyPack(dryRun = true): Promise<{ host: Host; client: AnalyzerClient }> {
  const host = await startHost(HOST_SCRIPTS.policyPack, [UNUSED_ENGINE_ADDRESS, "."], {
    cwd: PACK_DIR,
    env: {
      PULUMI_CONFIG: JSON.stringify({ [`${PROJECT}:owner`]: "ops" }),
      PULUMI_NODEJS_PROJECT: PROJECT,
      PULUMI_NODEJS_STACK: STACK,
      PULUMI_NODEJS_DRY_RUN: String(dryRun),
    },
  });
  return { host, client: connect(AnalyzerClient, host.address) };
}

export function urnOf(type: string, name: string): string {
  return `urn:pulumi:${STACK}::${PROJECT}::${type}::${name}`;
}

const DEFAULT_PROVIDER_URN = `urn:pulumi:${STACK}::${PROJECT}::pulumi:providers:pulumi-nodejs::default`;

function resourceOptions(): apb.AnalyzerResourceOptions {
  const timeouts = new apb.AnalyzerResourceOptions.CustomTimeouts();
  return new apb.AnalyzerResourceOptions().setProtect(false).setCustomtimeouts(timeouts);
}

function providerResource(): apb.AnalyzerProviderResource {
  return new apb.AnalyzerProviderResource()
    .setType("pulumi:providers:pulumi-nodejs")
    .setName("default")
    .setUrn(DEFAULT_PROVIDER_URN)
    .setProperties(toStruct({ [`${PROJECT}:owner`]: "ops", "hyperv:host": "simulator" }));
}

/** An Analyze or Remediate request for one resource's properties. */
export function analyzeRequest(
  type: string,
  name: string,
  properties: Record<string, unknown>,
): apb.AnalyzeRequest {
  return new apb.AnalyzeRequest()
    .setType(type)
    .setName(name)
    .setUrn(urnOf(type, name))
    .setProperties(toStruct(properties))
    .setOptions(resourceOptions())
    .setProvider(providerResource());
}

/** An AnalyzeStack request over resources' outputs. */
export function analyzeStackRequest(
  resources: { type: string; name: string; properties: Record<string, unknown> }[],
): apb.AnalyzeStackRequest {
  return new apb.AnalyzeStackRequest().setResourcesList(
    resources.map((r) =>
      new apb.AnalyzerResource()
        .setType(r.type)
        .setName(r.name)
        .setUrn(urnOf(r.type, r.name))
        .setProperties(toStruct(r.properties))
        .setOptions(resourceOptions())
        .setProvider(providerResource()),
    ),
  );
}

/** A pack config file's content: policy name (or `all`) to a level or `{ enforcementLevel?, ...settings }`. */
export type PackConfigFile = Record<string, Level | ({ enforcementLevel?: Level } & Record<string, unknown>)>;

/**
 * The Configure request the CLI sends: for every policy of the pack, the schema defaults, then the
 * `all` level, then the file's entry for the policy.
 */
export function configureRequest(
  info: apb.AnalyzerInfo,
  file: PackConfigFile = {},
): apb.ConfigureAnalyzerRequest {
  const request = new apb.ConfigureAnalyzerRequest();
  const all = file.all;
  for (const policy of info.getPoliciesList()) {
    const schema = (fromStruct(policy.getConfigschema()?.getProperties()) ?? {}) as Record<
      string,
      { default?: unknown }
    >;
    const defaults = Object.fromEntries(
      Object.entries(schema)
        .filter(([, s]) => s.default !== undefined)
        .map(([k, s]) => [k, s.default]),
    );
    const entry = file[policy.getName()];
    const { enforcementLevel: own, ...settings } =
      typeof entry === "object" ? entry : { enforcementLevel: entry };
    const level =
      own ?? (typeof all === "string" ? all : undefined) ?? levelName(policy.getEnforcementlevel());
    request
      .getPolicyconfigMap()
      .set(
        policy.getName(),
        new apb.PolicyConfig()
          .setEnforcementlevel(LEVEL_ENUMS[level])
          .setProperties(toStruct({ ...defaults, ...settings })),
      );
  }
  return request;
}

export interface Diagnostic {
  policy: string;
  level: Level;
  message: string;
  urn: string;
}

export function diagnosticsOf(response: apb.AnalyzeResponse): Diagnostic[] {
  return response.getDiagnosticsList().map((d) => ({
    policy: d.getPolicyname(),
    level: levelName(d.getEnforcementlevel()),
    message: d.getMessage(),
    urn: d.getUrn(),
  }));
}

export function notApplicableOf(response: apb.AnalyzeResponse | apb.RemediateResponse): Map<string, string> {
  return new Map(response.getNotApplicableList().map((n) => [n.getPolicyName(), n.getReason()]));
}
