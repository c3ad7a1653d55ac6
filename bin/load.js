// The one place that chooses between compiled JavaScript and the TypeScript sources: a module is
// loaded from dist/<path>.js when the package ships compiled code, otherwise from <path>.ts through
// tsx's require hook (transpile only, no type check, fast to start).
"use strict";
const { existsSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "..");

/** Loads `<path>` (relative to the package root, without extension). */
function load(path) {
  const compiled = join(root, "dist", `${path}.js`);
  if (existsSync(compiled)) return require(compiled);
  require("tsx/cjs");
  return require(join(root, `${path}.ts`));
}

module.exports = { load };
