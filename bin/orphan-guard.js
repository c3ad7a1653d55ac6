// Preloaded (`node --require`) into every process the command starts: ends the process when the
// command that started it is gone. A command killed with SIGKILL cannot stop its children, and a
// host or program must never outlive it.
"use strict";
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(1);
}, 500).unref();
