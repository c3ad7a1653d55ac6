#!/usr/bin/env node
"use strict";
const { load } = require("./load");

/**
 * Exits once stdout and stderr have handed everything to the OS: writes to a pipe are asynchronous,
 * and `process.exit` would cut off what a slow reader (`... --json | ...`) has not taken yet.
 */
function exitAfterOutput(code) {
  process.exitCode = code;
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write("", done);
  process.stderr.write("", done);
}

load("cli/main")
  .main(process.argv.slice(2))
  .then(
    (code) => exitAfterOutput(code),
    (error) => {
      process.stderr.write(`error: ${error && error.stack ? error.stack : String(error)}\n`);
      exitAfterOutput(1);
    },
  );
