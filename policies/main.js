// The pack's entry point for Pulumi's policy host (`main` in package.json). The host would compile
// index.ts with ts-node and type-check it (seconds at every start); this loads the pack through the
// package's one source-or-compiled switch instead: compiled JavaScript when present, else the
// TypeScript sources transpiled without a type check (`npm run build` type-checks them).
"use strict";
require("../bin/load").load("policies/index");
