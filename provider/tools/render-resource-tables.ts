/**
 * Renders the input and output tables of docs/resources.md of the resources from their TSDoc, so the docs never
 * drift from the code: `npx tsx provider/tools/render-resource-tables.ts` prints the section between
 * the `resources:start` and `resources:end` markers.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

/** One documented property: an input or an output. */
export interface Row {
  name: string;
  type: string;
  required: boolean;
  doc: string;
}

interface Documented {
  /** The file, relative to `provider/resources/`. */
  file: string;
  className: string;
  /** The interfaces of its inputs, in README order. */
  args: string[];
}

const RESOURCES: Documented[] = [
  {
    file: "virtual-machine.ts",
    className: "VirtualMachine",
    args: [
      "VirtualMachineArgs",
      "GuestArgs",
      "NetworkAdapterArgs",
      "HardDiskArgs",
      "DvdDriveArgs",
      "IntegrationServicesArgs",
      "TimeSyncArgs",
      "FirmwareArgs",
    ],
  },
  { file: "virtual-hard-disk.ts", className: "VirtualHardDisk", args: ["VirtualHardDiskArgs"] },
  { file: "virtual-switch.ts", className: "VirtualSwitch", args: ["VirtualSwitchArgs"] },
  // The component's arguments are described with its example; its outputs are tabled here.
  { file: "../components/linux-ics-guest.ts", className: "LinuxIcsGuest", args: [] },
];

function docOf(node: ts.Node): string {
  return ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? "")
    .join(" ")
    .replace(/\{@link ([^}]+)\}/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/** `pulumi.Input<pulumi.Input<string>[]>` -> `string[]`; `pulumi.Output<T>` -> `T`. */
function plainType(text: string): string {
  let result = text.replace(/\s+/g, " ");
  for (let previous = ""; previous !== result;) {
    previous = result;
    result = result.replace(/pulumi\.(?:Input|Output)<((?:[^<>]|<[^<>]*>)*)>/g, "$1");
  }
  return result;
}

function rowsOf(
  members: ts.NodeArray<ts.TypeElement> | ts.NodeArray<ts.ClassElement>,
  source: ts.SourceFile,
): Row[] {
  const rows: Row[] = [];
  for (const member of members) {
    if (!(ts.isPropertySignature(member) || ts.isPropertyDeclaration(member)) || !member.type) continue;
    if (
      ts.isPropertyDeclaration(member) &&
      member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)
    )
      continue;
    rows.push({
      name: member.name.getText(source),
      type: plainType(member.type.getText(source)),
      required: !member.questionToken,
      doc: docOf(member),
    });
  }
  return rows;
}

const cell = (text: string) => text.replace(/\|/g, "\\|");

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, 3, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

interface Parsed {
  interfaces: Map<string, ts.InterfaceDeclaration>;
  outputs: Row[];
  source: ts.SourceFile;
}

function parse(resource: Documented, directory: string): Parsed {
  const source = ts.createSourceFile(
    resource.file,
    readFileSync(join(directory, resource.file), "utf8"),
    ts.ScriptTarget.Latest,
    true,
  );
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  let outputs: Row[] = [];
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
    if (ts.isClassDeclaration(node) && node.name?.text === resource.className)
      outputs = rowsOf(node.members, source);
  });
  return { interfaces, outputs, source };
}

const RESOURCES_DIRECTORY = join(__dirname, "..", "resources");

/**
 * The outputs each resource (and the component) declares, by class name: its properties with their
 * TSDoc, in declaration order. A type that admits `undefined` marks an output that may be absent.
 */
export function declaredOutputs(directory = RESOURCES_DIRECTORY): Record<string, Row[]> {
  return Object.fromEntries(RESOURCES.map((r) => [r.className, parse(r, directory).outputs]));
}

/** The section of docs/resources.md: per resource, a table of its inputs (and nested input types) and one of its outputs. */
export function renderResourceTables(directory = RESOURCES_DIRECTORY): string {
  const parts: string[] = [];
  for (const resource of RESOURCES) {
    const { interfaces, outputs, source } = parse(resource, directory);
    parts.push(`### \`${resource.className}\``);
    for (const name of resource.args) {
      const declaration = interfaces.get(name);
      if (!declaration) throw new Error(`${resource.file} declares no interface ${name}`);
      const rows = rowsOf(declaration.members, source);
      parts.push(`${docOf(declaration)} (\`${name}\`)`);
      parts.push(
        table(
          ["input", "type", "required", "description"],
          rows.map((r) => [`\`${r.name}\``, cell(`\`${r.type}\``), r.required ? "yes" : "no", cell(r.doc)]),
        ),
      );
    }
    parts.push(`Outputs of \`${resource.className}\`:`);
    parts.push(
      table(
        ["output", "type", "description"],
        outputs.map((r) => [`\`${r.name}\``, cell(`\`${r.type}\``), cell(r.doc)]),
      ),
    );
  }
  return parts.join("\n\n");
}

if (require.main === module) console.log(renderResourceTables());
