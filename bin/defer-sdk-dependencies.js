// Preloaded (`node --require`) into the program and Pulumi's hosts the command starts. Requiring
// `@pulumi/pulumi` loads `typescript` (to serialize functions) and `@npmcli/arborist` (to find a
// closure's packages) at once: about a second of CPU in every process, though the provider and
// policy hosts never use them and a program uses TypeScript only once it serializes a function.
// Each is loaded on first use instead; what it exports, and the SDK's behaviour, stay the same.
"use strict";
const Module = require("node:module");
const { sep } = require("node:path");

/** The SDK's modules that wait for first use; `esModule` is what `__esModule` reads before that. */
const DEFERRED = new Map([
  // `__importStar` copies every key of a module not marked as an ES module, which would load it
  // at once; the SDK only ever reads `arborist.Arborist`, which the proxy passes through.
  ["@npmcli/arborist", { esModule: true }],
  ["typescript", { esModule: undefined }],
]);

/** The SDK's own files, the only requirers whose requests wait. */
const SDK = `${sep}node_modules${sep}@pulumi${sep}pulumi${sep}`;

/** Keys that loaders probe on every module's exports (tsx's interop check); neither module has them. */
const PROBES = new Set(["__esModule", "module.exports"]);

const load = Module._load;

/** A stand-in for the module, loading it at the first operation that needs what it exports. */
function deferred(request, parent, isMain, esModule) {
  let loaded;
  const real = () => (loaded ??= load.call(Module, request, parent, isMain));
  return new Proxy(
    {},
    {
      get: (_, key) => (loaded === undefined && key === "__esModule" ? esModule : Reflect.get(real(), key)),
      set: (_, key, value) => Reflect.set(real(), key, value),
      has: (_, key) => Reflect.has(real(), key),
      ownKeys: () => Reflect.ownKeys(real()),
      getOwnPropertyDescriptor: (_, key) => {
        if (loaded === undefined && PROBES.has(key)) return undefined;
        const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
        // A proxy may only report a property its (empty) target lacks as configurable.
        return descriptor && { ...descriptor, configurable: true };
      },
      defineProperty: (_, key, descriptor) => Reflect.defineProperty(real(), key, descriptor),
      deleteProperty: (_, key) => Reflect.deleteProperty(real(), key),
      getPrototypeOf: () => Reflect.getPrototypeOf(real()),
    },
  );
}

Module._load = function (request, parent, isMain) {
  const options = DEFERRED.get(request);
  if (options && parent?.filename?.includes(SDK)) {
    // A module that is not installed fails now, where the SDK expects it to (it falls back to the
    // TypeScript it vendors).
    const filename = Module._resolveFilename(request, parent, isMain);
    const cached = Module._cache[filename];
    return cached ? cached.exports : deferred(request, parent, isMain, options.esModule);
  }
  return load.apply(this, arguments);
};
