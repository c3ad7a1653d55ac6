/** Pulumi resource names (URNs), built the way the engine builds them. Pure. */

/** Type of the root resource every program registers first. */
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";
/** Type prefix of provider resources. */
export const PROVIDER_TYPE_PREFIX = "pulumi:providers:";

/**
 * `urn:pulumi:<stack>::<project>::<qualified type>::<name>`; the qualified type chains the parent's
 * qualified type with `$`, except below the root stack.
 */
export function makeUrn(
  stack: string,
  project: string,
  parentUrn: string | undefined,
  type: string,
  name: string,
): string {
  let qualified = type;
  if (parentUrn) {
    const parentType = qualifiedTypeOf(parentUrn);
    if (parentType !== ROOT_STACK_TYPE) qualified = `${parentType}$${type}`;
  }
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** The `parent$child` type part of a URN. */
export function qualifiedTypeOf(urn: string): string {
  return urn.split("::")[2] ?? "";
}

/** The resource's own type (last part of the qualified type). */
export function typeOf(urn: string): string {
  const qualified = qualifiedTypeOf(urn);
  return qualified.slice(qualified.lastIndexOf("$") + 1);
}

/** The resource's name (everything after the type). */
export function nameOf(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

/** The package of a type token (`pulumi-nodejs:dynamic/hyperv:VirtualMachine` -> `pulumi-nodejs`). */
export function packageOf(type: string): string {
  return type.split(":")[0];
}

/** A provider reference as state stores it: `<provider urn>::<provider id>`. */
export function providerReference(urn: string, id: string): string {
  return `${urn}::${id}`;
}
