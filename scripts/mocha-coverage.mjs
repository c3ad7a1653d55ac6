// A mocha root-hook plugin `npm test` loads. Coverage is measured in the mocha processes, where the
// unit and runtime specs exercise the code: before the first spec, a worker takes NODE_V8_COVERAGE
// out of its environment, so the processes the end-to-end specs start (the command, Pulumi's hosts,
// programs) run without V8's coverage counters, which cost them half again their CPU and add tens of
// megabytes each for c8 to merge. After every spec file the worker writes its coverage, since
// mocha's parallel mode stops a worker at the end of the run without the time a process needs to
// write it when it exits, and c8 would miss it.
import { takeCoverage } from "node:v8";

const collecting = Boolean(process.env.NODE_V8_COVERAGE);

export const mochaHooks = {
  beforeAll() {
    delete process.env.NODE_V8_COVERAGE;
  },
  afterAll() {
    if (collecting) takeCoverage();
  },
};
