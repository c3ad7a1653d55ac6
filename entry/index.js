// The package's main entry: the resources and their types (provider/index), compiled or from
// source as bin/load.js decides.
"use strict";
module.exports = require("../bin/load").load("provider/index");
