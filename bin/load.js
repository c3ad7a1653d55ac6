// The one place that chooses between the TypeScript sources and compiled JavaScript: a module is
// loaded from <path>.ts through tsx's require hook (transpile only, no type check, fast to start)
// when the sources are there (this repository), otherwise from dist/<path>.js (the installed
// package, which ships compiled code only). Preferring the sources means a dist/ left over from
// `npm pack` never shadows what is being edited.
"use strict";
const { existsSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "..");

/** Loads `<path>` (relative to the package root, without extension). */
function load(path) {
  const source = join(root, `${path}.ts`);
  if (!existsSync(source)) return require(join(root, "dist", `${path}.js`));
  require("tsx/cjs");
  return require(source);
}

module.exports = { load };
