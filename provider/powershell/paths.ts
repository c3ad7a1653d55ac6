import { join } from "node:path";

/** The directory of the built-in operation scripts and the prelude. */
export const BUILTIN_SCRIPTS_DIR = join(__dirname, "scripts");

/** The prelude module every session loads once. */
export const PRELUDE_PATH = join(BUILTIN_SCRIPTS_DIR, "prelude.psm1");
