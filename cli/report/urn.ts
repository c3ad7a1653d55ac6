/** The parts of a Pulumi URN (`urn:pulumi:<stack>::<project>::<qualified type>::<name>`) a report shows. */
export interface UrnParts {
  /** The resource's own type (the last `$`-separated part of the qualified type). */
  type: string;
  name: string;
}

/** Type and name of a URN; a string that is not a URN is returned as the name. */
export function parseUrn(urn: string): UrnParts {
  const parts = urn.split("::");
  if (!urn.startsWith("urn:pulumi:") || parts.length < 4) return { type: "", name: urn };
  const qualified = parts[2];
  return { type: qualified.slice(qualified.lastIndexOf("$") + 1), name: parts.slice(3).join("::") };
}
