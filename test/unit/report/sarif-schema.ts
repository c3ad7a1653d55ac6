/**
 * The vendored OASIS SARIF 2.1.0 schema as an ajv validator. The schema is draft-04, whose only
 * draft-04 keyword in it is the top-level `id`: it becomes `$id` for ajv's default draft.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const SCHEMA_PATH = join(__dirname, "..", "..", "fixtures", "sarif-schema", "sarif-schema-2.1.0.json");

function compile() {
  const {
    id,
    $schema: _draft,
    ...schema
  } = JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile({ $id: id as string, ...schema });
}

const validate = compile();

/** The schema's errors for `log`, as "path message" lines; empty when it is valid SARIF 2.1.0. */
export function sarifErrors(log: unknown): string[] {
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
