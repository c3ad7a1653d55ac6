// The host checks (provider/host-check), compiled or from source as bin/load.js decides.
"use strict";
module.exports = require("../bin/load").load("provider/host-check");
