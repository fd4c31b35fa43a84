// Reads the tables terraform-docs writes (`markdown table`, injected between the BEGIN_TF_DOCS and
// END_TF_DOCS markers of a module's README.md), so tests can hold them against the module's HCL.

export interface DocsRow {
  /** The name in the row's anchor, e.g. `vpc_id` from `<a name="input_vpc_id">`. */
  name: string;
  /** The cells after the name, unescaped (`\_` -> `_`, `\|` -> `|`). */
  cells: string[];
}

export interface TerraformDocs {
  /** `## Requirements`, `## Providers`, … in the order they appear. */
  headings: string[];
  inputs: DocsRow[];
  outputs: DocsRow[];
  modules: DocsRow[];
  /** `type.name` of each resource and data source, with its kind (`resource` or `data source`). */
  resources: { address: string; kind: string }[];
}

const unescape = (cell: string): string => cell.trim().replace(/\\(.)/g, '$1');

/** The table rows of one `## <heading>` section, split into cells on unescaped pipes. */
const rowsOf = (section: string): string[][] =>
  section
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[-:|]+\|$/.test(line))
    .slice(1) // the header row
    .map((line) => line.slice(1, -1).split(/(?<!\\)\|/));

const anchored = (rows: string[][], prefix: string): DocsRow[] =>
  rows.map(([first = '', ...rest]) => ({
    name: new RegExp(`<a name="${prefix}_([^"]+)"></a>`).exec(first)?.[1] ?? `(no ${prefix} anchor)`,
    cells: rest.map(unescape),
  }));

export function parseTerraformDocs(readme: string): TerraformDocs | undefined {
  const block = /<!-- BEGIN_TF_DOCS -->\n([\s\S]*?)<!-- END_TF_DOCS -->/.exec(readme)?.[1];
  if (block === undefined) return undefined;
  const sections = new Map<string, string>();
  for (const part of block.split(/^## /m).slice(1)) {
    const newline = part.indexOf('\n');
    sections.set(part.slice(0, newline).trim(), part.slice(newline + 1));
  }
  const rows = (heading: string) => rowsOf(sections.get(heading) ?? '');
  return {
    headings: [...sections.keys()],
    inputs: anchored(rows('Inputs'), 'input'),
    outputs: anchored(rows('Outputs'), 'output'),
    modules: anchored(rows('Modules'), 'module'),
    resources: rows('Resources').map(([name = '', kind = '']) => ({
      address: /^\s*\[([^\]]+)\]/.exec(name)?.[1]?.replace(/\\(.)/g, '$1') ?? name.trim(),
      kind: kind.trim(),
    })),
  };
}
