// A mocha root-hook plugin `npm test` loads: each worker writes its V8 coverage (NODE_V8_COVERAGE)
// after every spec file, since mocha's parallel mode stops a worker at the end of the run without
// the time a process needs to write its coverage when it exits, and c8 would miss it.
import { takeCoverage } from "node:v8";

export const mochaHooks = {
  afterAll() {
    if (process.env.NODE_V8_COVERAGE) takeCoverage();
  },
};
