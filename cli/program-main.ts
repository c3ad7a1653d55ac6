/**
 * The file a Node.js program starts from, as the language host finds it: `main` of Pulumi.yaml when
 * it names a file; else, in that directory (the project's by default), the `main` of its
 * package.json, else `index.ts` or `index.js`.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, posix } from "node:path";
import type { Project } from "./project";

/** The program's entry file, relative to the project directory, with forward slashes. */
export function programMainFile(project: Project): string {
  const main = posix.normalize(project.main.replace(/\\/g, "/"));
  const target = join(project.dir, main);
  if (existsSync(target) && statSync(target).isFile()) return main;
  const manifest = join(target, "package.json");
  if (existsSync(manifest)) {
    const entry = (JSON.parse(readFileSync(manifest, "utf8")) as { main?: unknown }).main;
    if (typeof entry === "string" && entry) return posix.join(main, entry.replace(/\\/g, "/"));
  }
  const index = project.typescript && existsSync(join(target, "index.ts")) ? "index.ts" : "index.js";
  return posix.join(main, index);
}
