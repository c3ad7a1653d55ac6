/**
 * The engine's side of a policy pack's host (`cmd/run-policy-pack`, cwd = the pack directory):
 * GetAnalyzerInfo, Configure with the reconciled config, Remediate then Analyze before each
 * resource's step, AnalyzeStack at the end.
 */
import type { PolicyAnalyzer } from "./deploy/plugins";
import { basename, resolve } from "node:path";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as apb from "@pulumi/pulumi/proto/analyzer_pb";
import { connect, HOST_SCRIPTS, startHost, unary, UNUSED_ENGINE_ADDRESS, type Host } from "./hosts";
import {
  readPolicyConfigFile,
  reconcilePolicyConfig,
  type EnforcementLevel,
  type PolicyDescription,
} from "./policy-config";
import { readWaiver, type Waiver } from "../../policies/exemptions";
import { fromStruct, toStruct, withoutInternalKeys, type PropertyMap } from "./properties";

/** The CLI's name of each `pulumirpc.EnforcementLevel`. */
export const LEVEL_NAMES: Readonly<Record<number, EnforcementLevel>> = {
  [apb.EnforcementLevel.ADVISORY]: "advisory",
  [apb.EnforcementLevel.MANDATORY]: "mandatory",
  [apb.EnforcementLevel.DISABLED]: "disabled",
  [apb.EnforcementLevel.REMEDIATE]: "remediate",
};
/** The `pulumirpc.EnforcementLevel` of each level name. */
export const LEVEL_ENUMS: Readonly<Record<EnforcementLevel, apb.EnforcementLevel>> = {
  advisory: apb.EnforcementLevel.ADVISORY,
  mandatory: apb.EnforcementLevel.MANDATORY,
  disabled: apb.EnforcementLevel.DISABLED,
  remediate: apb.EnforcementLevel.REMEDIATE,
};

/** A policy violation, as the CLI reports it. */
export interface PolicyViolation {
  policyPack: string;
  policyPackVersion: string;
  policyName: string;
  description: string;
  message: string;
  enforcementLevel: EnforcementLevel;
  severity?: string;
  urn?: string;
  /** The exemption that waived this finding (reported at level advisory), when one did. */
  waiver?: Waiver;
}

/** The waiver a violation's message states after the policy's description, if any. */
function waiverOf(message: string, description: string): Waiver | undefined {
  const body =
    description && message.startsWith(`${description}\n`) ? message.slice(description.length + 1) : message;
  return readWaiver(body)?.waiver;
}

/** The resource a policy judges. */
export interface AnalyzedResource {
  urn: string;
  type: string;
  name: string;
  properties: PropertyMap;
  parent?: string;
  protect?: boolean;
  dependencies?: string[];
  ignoreChanges?: string[];
  deleteBeforeReplace?: boolean;
  additionalSecretOutputs?: string[];
}

/** The program's provider, as policies see it (`args.provider`). */
export interface AnalyzedProvider {
  urn: string;
  type: string;
  name: string;
  properties: PropertyMap;
}

/** Environment the CLI gives a pack (`analyzer_plugin.go constructEnv`). */
export interface PackEnvironment {
  project: string;
  stack: string;
  organization: string;
  dryRun: boolean;
  config: Record<string, string>;
  secretKeys: string[];
}

function options(r: AnalyzedResource): apb.AnalyzerResourceOptions {
  return new apb.AnalyzerResourceOptions()
    .setProtect(r.protect ?? false)
    .setIgnorechangesList(r.ignoreChanges ?? [])
    .setDeletebeforereplace(r.deleteBeforeReplace ?? false)
    .setDeletebeforereplacedefined(r.deleteBeforeReplace !== undefined)
    .setAdditionalsecretoutputsList(r.additionalSecretOutputs ?? [])
    .setParent(r.parent ?? "")
    .setCustomtimeouts(new apb.AnalyzerResourceOptions.CustomTimeouts());
}

function providerOf(p: AnalyzedProvider | undefined): apb.AnalyzerProviderResource | undefined {
  return (
    p &&
    new apb.AnalyzerProviderResource()
      .setType(p.type)
      .setName(p.name)
      .setUrn(p.urn)
      .setProperties(toStruct(p.properties))
  );
}

/** A started, configured policy pack. */
export class PolicyPack implements PolicyAnalyzer {
  private constructor(
    private readonly host: Host,
    private readonly client: AnalyzerClient,
    /** The pack's name. */
    readonly name: string,
    /** The pack's version. */
    readonly version: string,
    /** Where the pack was loaded from, as the user gave it. */
    readonly path: string,
    private readonly descriptions: Map<string, string>,
  ) {}

  /**
   * Starts the pack's host, reads its policies and configures it (schema defaults, initial config,
   * then the config file). Stops the host again when configuration fails.
   */
  static async start(dir: string, configFile: string | undefined, env: PackEnvironment): Promise<PolicyPack> {
    const host = await startHost(HOST_SCRIPTS.policyPack, [UNUSED_ENGINE_ADDRESS, "."], {
      cwd: resolve(dir),
      env: {
        PULUMI_CONFIG: JSON.stringify(env.config),
        PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(env.secretKeys),
        PULUMI_NODEJS_PROJECT: env.project,
        PULUMI_NODEJS_STACK: env.stack,
        PULUMI_NODEJS_ORGANIZATION: env.organization,
        PULUMI_NODEJS_DRY_RUN: String(env.dryRun),
      },
    });
    const client = connect(AnalyzerClient, host.address);
    try {
      const info = await unary(client, "getAnalyzerInfo", new Empty());
      const policies: PolicyDescription[] = info.getPoliciesList().map((p) => ({
        name: p.getName(),
        enforcementLevel: LEVEL_NAMES[p.getEnforcementlevel()],
        configSchema: p.getConfigschema()
          ? {
              properties: fromStruct(p.getConfigschema()!.getProperties()) as Record<
                string,
                { default?: unknown }
              >,
              required: p.getConfigschema()!.getRequiredList(),
            }
          : undefined,
      }));
      const initial: Record<string, { enforcementLevel?: EnforcementLevel } & Record<string, unknown>> = {};
      info.getInitialconfigMap().forEach((config: apb.PolicyConfig, name: string) => {
        initial[name] = {
          ...fromStruct(config.getProperties()),
          ...(config.getEnforcementlevel() !== undefined && {
            enforcementLevel: LEVEL_NAMES[config.getEnforcementlevel()],
          }),
        };
      });
      const pack = { name: info.getName(), version: info.getVersion() };
      const reconciled = reconcilePolicyConfig(
        pack,
        policies,
        initial,
        configFile ? readPolicyConfigFile(configFile) : {},
      );
      const request = new apb.ConfigureAnalyzerRequest();
      for (const [name, config] of Object.entries(reconciled)) {
        request
          .getPolicyconfigMap()
          .set(
            name,
            new apb.PolicyConfig()
              .setEnforcementlevel(LEVEL_ENUMS[config.enforcementLevel])
              .setProperties(toStruct(config.properties)),
          );
      }
      await unary(client, "configure", request);
      const descriptions = new Map(info.getPoliciesList().map((p) => [p.getName(), p.getDescription()]));
      return new PolicyPack(host, client, pack.name, pack.version, dir || basename(dir), descriptions);
    } catch (e) {
      client.close();
      await host.stop();
      throw e;
    }
  }

  private violations(list: apb.AnalyzeDiagnostic[]): PolicyViolation[] {
    return list.map((d) => {
      const description = d.getDescription() || this.descriptions.get(d.getPolicyname()) || "";
      const waiver = waiverOf(d.getMessage(), description);
      return {
        policyPack: d.getPolicypackname() || this.name,
        policyPackVersion: d.getPolicypackversion() || this.version,
        policyName: d.getPolicyname(),
        description,
        message: d.getMessage(),
        enforcementLevel: LEVEL_NAMES[d.getEnforcementlevel()],
        ...(d.getSeverity() && { severity: String(d.getSeverity()) }),
        ...(d.getUrn() && { urn: d.getUrn() }),
        ...(waiver && { waiver }),
      };
    });
  }

  private request(
    r: AnalyzedResource,
    properties: PropertyMap,
    provider?: AnalyzedProvider,
  ): apb.AnalyzeRequest {
    const request = new apb.AnalyzeRequest()
      .setType(r.type)
      .setName(r.name)
      .setUrn(r.urn)
      .setProperties(toStruct(properties))
      .setOptions(options(r));
    const p = providerOf(provider);
    if (p) request.setProvider(p);
    return request;
  }

  /** Remediations at level `remediate`: the properties after the last one (internal keys kept), if any. */
  async remediate(
    r: AnalyzedResource,
    provider?: AnalyzedProvider,
  ): Promise<{ properties?: PropertyMap; applied: string[] }> {
    const response = await unary(this.client, "remediate", this.request(r, r.properties, provider));
    let properties: PropertyMap | undefined;
    const applied: string[] = [];
    for (const remediation of response.getRemediationsList()) {
      if (remediation.getProperties()) {
        properties = fromStruct(remediation.getProperties());
        applied.push(remediation.getPolicyname());
      }
    }
    return { properties, applied };
  }

  /** Resource policies over the properties (engine-internal keys removed, as the CLI sends them). */
  async analyze(r: AnalyzedResource, provider?: AnalyzedProvider): Promise<PolicyViolation[]> {
    const response = await unary(
      this.client,
      "analyze",
      this.request(r, withoutInternalKeys(r.properties), provider),
    );
    return this.violations(response.getDiagnosticsList()).map((v) => ({ ...v, urn: v.urn ?? r.urn }));
  }

  /** Stack policies over every resource's outputs. */
  async analyzeStack(resources: AnalyzedResource[], provider?: AnalyzedProvider): Promise<PolicyViolation[]> {
    const list = resources.map((r) => {
      const resource = new apb.AnalyzerResource()
        .setType(r.type)
        .setName(r.name)
        .setUrn(r.urn)
        .setProperties(toStruct(withoutInternalKeys(r.properties)))
        .setOptions(options(r))
        .setParent(r.parent ?? "")
        .setDependenciesList(r.dependencies ?? []);
      const p = providerOf(provider);
      if (p) resource.setProvider(p);
      return resource;
    });
    const response = await unary(
      this.client,
      "analyzeStack",
      new apb.AnalyzeStackRequest().setResourcesList(list),
    );
    return this.violations(response.getDiagnosticsList());
  }

  async stop(): Promise<void> {
    this.client.close();
    await this.host.stop();
  }
}
