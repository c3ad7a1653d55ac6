/**
 * The plugins a deployment drives, as interfaces: the resource provider (Pulumi's dynamic provider
 * host in production, a fake in the lifecycle tests, as `deploytest.Provider` is in Pulumi) and the
 * policy analyzers.
 */
import type { AnalyzedProvider, AnalyzedResource, PolicyViolation } from "../policy-pack";
import type { DiffResult } from "../provider";
import type { PropertyMap } from "../properties";

/** A resource provider's CRUD (`plugin.Provider`), plaintext properties in and out. */
export interface ResourceProvider {
  check(
    urn: string,
    olds: PropertyMap,
    news: PropertyMap,
  ): Promise<{ inputs: PropertyMap; failures: { property: string; reason: string }[] }>;
  diff(
    id: string,
    urn: string,
    olds: PropertyMap,
    news: PropertyMap,
    oldInputs: PropertyMap,
    ignoreChanges: string[],
  ): Promise<DiffResult>;
  create(urn: string, properties: PropertyMap): Promise<{ id: string; outputs: PropertyMap }>;
  update(
    id: string,
    urn: string,
    olds: PropertyMap,
    news: PropertyMap,
    oldInputs: PropertyMap,
    ignoreChanges: string[],
  ): Promise<PropertyMap>;
  delete(id: string, urn: string, outputs: PropertyMap, oldInputs: PropertyMap): Promise<void>;
  read(
    id: string,
    urn: string,
    outputs: PropertyMap,
    inputs: PropertyMap,
  ): Promise<{ id: string; outputs: PropertyMap; inputs?: PropertyMap }>;
}

/** A policy pack (`plugin.Analyzer`). */
export interface PolicyAnalyzer {
  readonly name: string;
  remediate(
    r: AnalyzedResource,
    provider?: AnalyzedProvider,
  ): Promise<{ properties?: PropertyMap; applied: string[] }>;
  analyze(r: AnalyzedResource, provider?: AnalyzedProvider): Promise<PolicyViolation[]>;
  analyzeStack(resources: AnalyzedResource[], provider?: AnalyzedProvider): Promise<PolicyViolation[]>;
}

/** The plugins of one command. */
export interface PluginSet {
  providerHost(): Promise<ResourceProvider>;
  policyPacks(): Promise<PolicyAnalyzer[]>;
}
