/**
 * The provider object Pulumi serializes into every resource's state. It captures nothing but strings
 * and loads the implementation inside each method, so the serialized text stays about 1 KB, loads in
 * a plain `node` process, and always runs the implementation installed where the program runs:
 *
 * 1. by package name from the program directory (`pulumi-hyperv/provider-implementation`: the
 *    installed package, or this package's self-reference for programs inside it), so a newer
 *    installed version reads and deletes resources an older one created;
 * 2. else from the absolute path it was created with.
 *
 * A TypeScript implementation (programs inside this repository) registers `tsx` first.
 */
import type * as pulumi from "@pulumi/pulumi";

/** The package specifier of the implementation module (see `"exports"` in package.json). */
export const IMPLEMENTATION_SPECIFIER = "pulumi-hyperv/provider-implementation";

/** The implementation module's exports that the shim relies on (see `./implementation`). */
export interface ImplementationModule {
  resourceProviders: Record<string, pulumi.dynamic.ResourceProvider>;
  configure(read: (key: string) => string | undefined, keys?: readonly string[]): void;
}

/** The resource types the shim can stand for. */
export type ResourceTypeName = "VirtualMachine" | "VirtualHardDisk" | "VirtualSwitch";

/**
 * The serializable provider of one resource type. `fallbackPath` is where the implementation is when
 * the program directory cannot resolve the package (default: next to this file).
 */
export function lazyProvider(
  typeName: ResourceTypeName,
  fallbackPath: string = require.resolve("./implementation"),
): pulumi.dynamic.ResourceProvider {
  const specifier = IMPLEMENTATION_SPECIFIER;
  // Serialized with the returned object: it captures only `typeName`, `specifier` and `fallbackPath`.
  /* eslint-disable @typescript-eslint/no-require-imports -- the implementation is required inside each call, never captured */
  const call = (method: string, args: unknown[]): Promise<never> => {
    const nodeModule = require("module");
    const fromProgram = nodeModule.createRequire(require("path").join(process.cwd(), "program.js"));
    let file: string;
    try {
      file = fromProgram.resolve(specifier);
    } catch {
      file = fallbackPath;
    }
    const flags = globalThis as { __pulumiHypervTsx?: boolean };
    if (/\.[cm]?ts$/.test(file) && !flags.__pulumiHypervTsx) {
      nodeModule.createRequire(file)("tsx/cjs");
      flags.__pulumiHypervTsx = true;
    }
    const implementation: ImplementationModule = require(file);
    if (method === "configure") {
      const request = args[0] as pulumi.dynamic.ConfigureRequest;
      // The SDK's Config holds the whole stack config in `rawConfig` (not in its public type).
      const raw = (request.config as unknown as { rawConfig?: Record<string, unknown> }).rawConfig;
      const keys = raw && typeof raw === "object" ? Object.keys(raw) : undefined;
      return Promise.resolve(
        implementation.configure((key) => request.config.get(key), keys),
      ) as Promise<never>;
    }
    const provider = implementation.resourceProviders[typeName] as unknown as Record<
      string,
      (...a: unknown[]) => Promise<never>
    >;
    if (!provider)
      return Promise.reject(new Error(`The installed pulumi-hyperv has no ${typeName} provider.`));
    return provider[method](...args);
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return {
    configure: (...a) => call("configure", a),
    check: (...a) => call("check", a),
    diff: (...a) => call("diff", a),
    create: (...a) => call("create", a),
    read: (...a) => call("read", a),
    update: (...a) => call("update", a),
    delete: (...a) => call("delete", a),
  };
}
