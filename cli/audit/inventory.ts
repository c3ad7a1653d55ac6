/**
 * The audit's inventory: which guest each VM runs, since a host does not know it (and guests with
 * the Linux ICs v2 report nothing). YAML or JSON, a list of `{ name | id, guest }`, where `guest` is
 * exactly the `VirtualMachine` `guest` input. Pure apart from reading the file.
 */
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { virtualMachineInputShape } from "../../provider/model";
import { propertyPath, toCheckFailures } from "../../provider/model/parse";
import { UsageError } from "../errors";

/** One VM's guest identity. */
export interface InventoryEntry {
  /** The VM's name on its host (matched without regard to case, as Hyper-V does). */
  name?: string;
  /** The VM's id (GUID). */
  id?: string;
  /** The `VirtualMachine` `guest` input. */
  guest: Record<string, unknown>;
}

const entrySchema = z
  .object(
    {
      name: z.string({ error: "name must be the VM's name on its host" }).min(1).optional(),
      id: z.string({ error: "id must be the VM's id (a GUID)" }).min(1).optional(),
      guest: z.custom<unknown>((v) => v !== undefined, {
        error:
          "guest is required: the VM's guest input, e.g. { family: linux, distribution: sles, version: '11' }",
      }),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `${issue.keys.join(", ")}: not a field of an entry (name, id, guest)`
          : "an entry must be an object { name or id, guest }",
    },
  )
  .strict()
  .refine((e) => e.name !== undefined || e.id !== undefined, { error: "an entry needs a name or an id" });

/** The `guest` input, under its own key so that failures name `guest.<field>` as the provider's check does. */
const guestSchema = z.object({ guest: virtualMachineInputShape.shape.guest });

/** "field: message", unless the message already starts with the field. */
function named(field: string, message: string): string {
  return !field || message.startsWith(field) ? message : `${field}: ${message}`;
}

function describe(raw: unknown, index: number): string {
  const e = raw as { name?: unknown; id?: unknown } | null;
  const label = typeof e?.name === "string" ? e.name : typeof e?.id === "string" ? e.id : undefined;
  return `entry ${index + 1}${label !== undefined ? ` (${JSON.stringify(label)})` : ""}`;
}

/**
 * Validates inventory text (YAML, which includes JSON). Throws a UsageError naming the file, the
 * entry and the field, with what it must be.
 */
export function parseInventory(text: string, file: string): InventoryEntry[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new UsageError(`--inventory ${file}: not YAML or JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(doc)) {
    throw new UsageError(`--inventory ${file}: expected a list of entries { name or id, guest }`);
  }
  const seen = new Map<string, number>();
  return doc.map((raw, i) => {
    const where = `--inventory ${file}: ${describe(raw, i)}`;
    const entry = entrySchema.safeParse(raw);
    if (!entry.success) {
      const issue = entry.error.issues[0];
      throw new UsageError(`${where}: ${named(propertyPath(issue.path), issue.message)}`);
    }
    const input = { guest: entry.data.guest };
    const guest = guestSchema.safeParse(input);
    if (!guest.success) {
      const failure = toCheckFailures(guest.error, input)[0];
      throw new UsageError(`${where}: ${named(failure.property, failure.reason)}`);
    }
    for (const key of [
      entry.data.name && `name ${entry.data.name.toLowerCase()}`,
      entry.data.id && `id ${entry.data.id.toLowerCase()}`,
    ]) {
      if (!key) continue;
      if (seen.has(key)) {
        throw new UsageError(
          `${where}: the same ${key.split(" ")[0]} as entry ${seen.get(key)! + 1}; keep one entry per VM`,
        );
      }
      seen.set(key, i);
    }
    return {
      ...(entry.data.name !== undefined && { name: entry.data.name }),
      ...(entry.data.id !== undefined && { id: entry.data.id }),
      guest: entry.data.guest as Record<string, unknown>,
    };
  });
}

/** Reads and validates an inventory file. */
export function readInventory(file: string): InventoryEntry[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`--inventory ${file}: cannot read it: ${(e as Error).message}`);
  }
  return parseInventory(text, file);
}

/** The entry for a VM: by id first, then by name. */
export function inventoryEntryFor(
  inventory: readonly InventoryEntry[],
  vm: { vmId: string; vmName: string },
): InventoryEntry | undefined {
  const id = vm.vmId.toLowerCase();
  const name = vm.vmName.toLowerCase();
  return (
    inventory.find((e) => e.id?.toLowerCase() === id) ??
    inventory.find((e) => e.id === undefined && e.name?.toLowerCase() === name)
  );
}
