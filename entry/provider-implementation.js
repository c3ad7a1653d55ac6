// The resources' implementation, which the serialized provider loads by package name (see
// provider/resources/lazy-provider.ts), compiled or from source as bin/load.js decides.
"use strict";
module.exports = require("../bin/load").load("provider/resources/implementation");
