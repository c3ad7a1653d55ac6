// Which spec files `npm test` runs, and how: Pester's `*.Tests.ps1` in one process of their own;
// of mocha's `*.spec.ts`, most run side by side in mocha's parallel mode
// (each file in a worker process of its own; they share nothing but the machine), the few that
// need the machine's shared resources run one after another once the others are done.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** Spec files that must not run next to others, each with the reason. */
export const SERIAL_SPECS = {};

/**
 * The order the parallel group starts its files in: the slowest directories first, so that no long
 * file starts last and runs alone at the end; the in-process unit specs fill the gaps.
 */
const START_ORDER = [
  "test/readme/",
  "test/package/",
  "test/examples/",
  "test/cli/",
  "test/pulumi-hosts/",
  "test/integration/",
  "test/powershell/",
  "test/toolchain/",
  "test/unit/",
];

/** The pure, in-process specs (`npm run test:unit`): no pwsh, no Pulumi host, no child process. */
export const UNIT_DIRECTORY = "test/unit";

function filesUnder(root, dir, suffix) {
  const path = join(root, dir);
  if (statSync(path).isFile()) return path.endsWith(suffix) ? [dir] : [];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => filesUnder(root, join(dir, entry.name), suffix));
}

const under = (root, paths, suffix) => [
  ...new Set(paths.flatMap((p) => filesUnder(root, relative(root, join(root, p)), suffix)).map(posix)),
];

const posix = (path) => path.split(sep).join("/");

function startRank(file) {
  const rank = START_ORDER.findIndex((prefix) => file.startsWith(prefix));
  return rank === -1 ? START_ORDER.length : rank;
}

/**
 * Splits `npm test`'s extra arguments into spec paths (files or directories that exist; none means
 * all of test/) and mocha options (`--grep X` and the like).
 */
export function splitArguments(root, args) {
  const paths = [];
  const options = [];
  for (const arg of args) {
    if (!arg.startsWith("-") && options.length === 0 && existsSync(join(root, arg))) paths.push(arg);
    else options.push(arg);
  }
  return { paths, options };
}

/** The spec files under `paths` (relative to `root`) in the two groups, in the order they start. */
export function planSpecs(root, paths = ["test"]) {
  const files = under(root, paths, ".spec.ts");
  const parallel = files
    .filter((file) => !(file in SERIAL_SPECS))
    .sort((a, b) => startRank(a) - startRank(b) || a.localeCompare(b));
  const serial = files.filter((file) => file in SERIAL_SPECS);
  return { parallel, serial };
}

/** The Pester files (`*.Tests.ps1`) under `paths`. */
export function pesterFiles(root, paths = ["test"]) {
  return under(root, paths, ".Tests.ps1");
}
