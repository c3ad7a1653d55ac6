/**
 * The plugin processes one command uses: the dynamic provider host (started at once, in parallel
 * with everything else, configured once) and one host per policy pack. All are stopped by
 * `stop()`, which the command calls in a finally block and on signals.
 */
import type { StackConfig } from "../project";
import { DynamicProvider } from "./provider";
import { PolicyPack, type PackEnvironment } from "./policy-pack";

/** A policy pack the user asked for: `--policy-pack DIR` with its `--policy-pack-config FILE`. */
export interface PolicyPackRequest {
  dir: string;
  configFile?: string;
}

export class Plugins {
  private provider?: Promise<DynamicProvider>;
  private packs?: Promise<PolicyPack[]>;
  private readonly started: Promise<unknown>[] = [];
  /** Milliseconds from start() until the policy packs were configured (for the benchmark). */
  policyPackStartMs = 0;

  constructor(
    private readonly programDir: string,
    private readonly config: StackConfig,
    private readonly onStderr: (text: string) => void,
  ) {}

  /** Starts the provider host and the policy pack hosts in the background. */
  start(requests: PolicyPackRequest[], env: PackEnvironment): void {
    this.providerHost();
    const t0 = Date.now();
    this.packs = Promise.all(requests.map((r) => PolicyPack.start(r.dir, r.configFile, env))).then(
      (packs) => {
        this.policyPackStartMs = Date.now() - t0;
        return packs;
      },
    );
    this.started.push(this.packs.catch(() => undefined));
  }

  /** The configured dynamic provider host. */
  providerHost(): Promise<DynamicProvider> {
    if (!this.provider) {
      this.provider = DynamicProvider.start(this.programDir, this.onStderr).then(async (p) => {
        try {
          await p.configure(this.config.values);
        } catch (e) {
          await p.stop();
          throw e;
        }
        return p;
      });
      this.started.push(this.provider.catch(() => undefined));
    }
    return this.provider;
  }

  /** The policy packs (empty when none were requested). */
  policyPacks(): Promise<PolicyPack[]> {
    return this.packs ?? Promise.resolve([]);
  }

  /** Stops every host this object started (also those still starting). */
  async stop(): Promise<void> {
    const all = await Promise.all(this.started);
    await Promise.all(
      all
        .flat()
        .map((p) =>
          p && typeof (p as { stop?: unknown }).stop === "function"
            ? (p as { stop(): Promise<void> }).stop()
            : undefined,
        ),
    );
  }
}
