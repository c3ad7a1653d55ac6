#!/usr/bin/env node
"use strict";
const { load } = require("./load");

load("cli/main")
  .main(process.argv.slice(2))
  .then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`error: ${error && error.stack ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
