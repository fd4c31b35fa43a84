import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { repoPath } from './repo.js';

/** hcl2json's shape: blocks are arrays of bodies; expressions are "${…}" strings. */
export type Body = Record<string, unknown>;

export interface TfFile {
  /** Path relative to infra/, e.g. modules/edge/main.tf */
  path: string;
  /** Folder relative to infra/, e.g. modules/edge */
  dir: string;
  json: Body;
}

export const INFRA = repoPath('infra');

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((entry) => {
    if (entry === '.terraform' || entry === 'node_modules' || entry === 'test') return [];
    const full = join(dir, entry);
    return statSync(full).isDirectory() ? walk(full) : entry.endsWith('.tf') ? [full] : [];
  });

export const loadTerraform = async (): Promise<TfFile[]> =>
  Promise.all(
    walk(INFRA).map(async (full) => {
      const path = relative(INFRA, full);
      const json = (await parse(path, readFileSync(full, 'utf8'))) as Body;
      return { path, dir: path.slice(0, path.lastIndexOf('/')), json };
    }),
  );

/** Every `<kind> "name" { … }` block of the files, e.g. blocks(files, 'variable'). */
export const blocks = (files: TfFile[], kind: string): { file: TfFile; name: string; body: Body }[] =>
  files.flatMap((file) =>
    Object.entries((file.json[kind] as Record<string, Body[]> | undefined) ?? {}).flatMap(([name, bodies]) =>
      bodies.map((body) => ({ file, name, body })),
    ),
  );

/** Every `resource "<type>" "name"` block of the given type. */
export const resources = (files: TfFile[], type: string): { file: TfFile; name: string; body: Body }[] =>
  files.flatMap((file) => {
    const byType = (file.json.resource as Record<string, Record<string, Body[]>> | undefined) ?? {};
    return Object.entries(byType[type] ?? {}).flatMap(([name, bodies]) =>
      bodies.map((body) => ({ file, name, body })),
    );
  });

/** All locals of one module folder, merged. */
export const localsOf = (files: TfFile[], dir: string): Body =>
  Object.assign(
    {},
    ...files.filter((f) => f.dir === dir).flatMap((f) => (f.json.locals as Body[] | undefined) ?? []),
  );

/** A registry address: <namespace>/<name>/<provider>[//subdir] (not a local path, git or URL source). */
export const isRegistrySource = (source: string): boolean =>
  /^[a-z0-9][a-z0-9_-]*\/[a-z0-9][a-z0-9_-]*\/[a-z0-9]+(\/\/.*)?$/i.test(source);

/**
 * The environment-variable names an argument sets: keys of a literal object, names of a
 * [{ name, value }] list, or — for an expression such as merge(local.x, { A = … }) — every
 * `NAME =` inside it plus the keys of the locals it references.
 */
export const variableNames = (value: unknown, locals: Body = {}): string[] => {
  if (Array.isArray(value)) {
    return value.flatMap((v) =>
      v && typeof v === 'object' && 'name' in v ? [String((v as Body).name)] : [],
    );
  }
  if (value && typeof value === 'object') return Object.keys(value);
  if (typeof value !== 'string') return [];
  const direct = [...value.matchAll(/\b([A-Z][A-Z0-9_]*)\s*=(?!=)/g)].map((m) => m[1] as string);
  const viaLocals = [...value.matchAll(/\blocal\.(\w+)/g)].flatMap((m) =>
    variableNames(locals[m[1] as string]),
  );
  return [...direct, ...viaLocals];
};
