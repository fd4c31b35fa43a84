import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readRepoFile } from './support/repo.js';
import { INFRA, blocks, loadTerraform, type Body, type TfFile } from './support/terraform.js';
import { parseTerraformDocs, type DocsRow, type TerraformDocs } from './support/terraform-docs.js';

describe('docs/deploying.md', () => {
  const doc = readRepoFile('docs/deploying.md');

  it('walks an operator from an empty AWS account to a running app', () => {
    for (const heading of [
      '### 1. State bucket',
      '### 2. GitHub OIDC provider',
      '### 3. DNS zone',
      '### 5. Apply',
      '### 6. Secrets',
      '### 7. GitHub environments',
      '### 8. First deploy',
      '### DNS and TLS',
    ]) {
      expect(doc).toContain(heading);
    }
    expect(doc).toContain('terraform init -backend-config=backend.hcl');
    expect(doc).toContain('aws iam create-open-id-connect-provider');
  });

  it('names every secret Terraform leaves for the operator', () => {
    for (const secret of ['jwt-private-key', 'google-client-secret', 'github-client-secret']) {
      expect(doc).toContain(`partyline/staging/${secret}`);
      expect(readRepoFile('infra/modules/partyline/secrets.tf')).toContain(secret);
    }
  });

  it('lists the GitHub environment variables the deploy workflow reads', () => {
    const workflow = readRepoFile('.github/workflows/deploy.yml');
    const used = new Set([...workflow.matchAll(/vars\.([A-Z_]+)/g)].map((m) => m[1]));
    const outputs = readRepoFile('infra/modules/partyline/outputs.tf');
    for (const name of used) {
      expect(outputs, `${name} is produced by github_environment_variables`).toMatch(
        new RegExp(`\\b${name}\\s+=`),
      );
      expect(doc).toContain(name);
    }
  });
});

// Each module's README.md carries the tables terraform-docs generates from its HCL (infra/README.md says
// how to regenerate them). These checks fail when a variable, output, module call or resource is added,
// removed or re-described without regenerating, so the README cannot drift from the code.
let terraform: TfFile[] = [];
beforeAll(async () => {
  terraform = await loadTerraform();
});

describe.each(readdirSync(join(INFRA, 'modules')))('infra/modules/%s/README.md', (module) => {
  const dir = `modules/${module}`;
  let files: TfFile[] = [];
  let docs: TerraformDocs;
  const ofModule = (kind: string) => blocks(files, kind).filter((b) => b.file.dir === dir);
  const sortedNames = (rows: DocsRow[]) => rows.map((r) => r.name).sort();
  // terraform-docs writes a description's line breaks as <br>.
  const described = (body: Body) =>
    String(body.description ?? '')
      .trim()
      .replace(/\n/g, '<br>');

  beforeAll(() => {
    files = terraform.filter((f) => f.dir === dir);
    const parsed = parseTerraformDocs(readRepoFile(`infra/${dir}/README.md`));
    expect(parsed, 'the BEGIN_TF_DOCS/END_TF_DOCS block').toBeDefined();
    docs = parsed!;
  });

  it('says what the module is for, then has the terraform-docs sections', () => {
    const readme = readRepoFile(`infra/${dir}/README.md`);
    const intro = readme.slice(0, readme.indexOf('<!-- BEGIN_TF_DOCS -->'));
    expect(intro.startsWith(`# ${module}\n\n`)).toBe(true);
    expect(
      intro
        .replace(/<!--[\s\S]*?-->/g, '')
        .replace(`# ${module}`, '')
        .trim().length,
    ).toBeGreaterThan(60);
    expect(docs.headings).toEqual(['Requirements', 'Providers', 'Modules', 'Resources', 'Inputs', 'Outputs']);
  });

  it('lists every variable in Inputs, with its description and whether it is required', () => {
    const variables = ofModule('variable');
    expect(sortedNames(docs.inputs)).toEqual(variables.map((v) => v.name).sort());
    for (const { name, body } of variables) {
      const [description, , , required] = docs.inputs.find((r) => r.name === name)!.cells;
      expect(description, `${name} description`).toBe(described(body));
      expect(required, `${name} required`).toBe('default' in body ? 'no' : 'yes');
    }
  });

  it('lists every output in Outputs, with its description', () => {
    const outputs = ofModule('output');
    expect(sortedNames(docs.outputs)).toEqual(outputs.map((o) => o.name).sort());
    for (const { name, body } of outputs) {
      expect(docs.outputs.find((r) => r.name === name)!.cells[0], `${name} description`).toBe(
        described(body),
      );
    }
  });

  it('lists every module call and every resource and data source', () => {
    expect(sortedNames(docs.modules)).toEqual(
      ofModule('module')
        .map((m) => m.name)
        .sort(),
    );
    const declared = (kind: 'resource' | 'data', label: string) =>
      files.flatMap((f) =>
        Object.entries((f.json[kind] as Record<string, Record<string, unknown>> | undefined) ?? {}).flatMap(
          ([type, byName]) => Object.keys(byName).map((name) => `${type}.${name} ${label}`),
        ),
      );
    expect(docs.resources.map((r) => `${r.address} ${r.kind}`).sort()).toEqual(
      [...new Set([...declared('resource', 'resource'), ...declared('data', 'data source')])].sort(),
    );
  });
});
