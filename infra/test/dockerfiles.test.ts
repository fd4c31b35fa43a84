import { describe, expect, it } from 'vitest';
import { parseDockerfile, stagesOf, type Stage } from './support/dockerfile.js';
import { readRepoFile } from './support/repo.js';

const images = [
  { dockerfile: 'accounts-service/Dockerfile', workspace: '@partyline/accounts-service', node: true },
  { dockerfile: 'messages-service/Dockerfile', workspace: '@partyline/messages-service', node: true },
  { dockerfile: 'client/Dockerfile', workspace: '@partyline/client', node: false },
];

const all = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword);

describe.each(images)('$dockerfile', ({ dockerfile, workspace, node }) => {
  const instructions = parseDockerfile(readRepoFile(dockerfile));
  const stages = stagesOf(instructions);
  const runtime = stages.at(-1) as Stage;

  it('is multi-stage: the runtime stage copies build output from an earlier stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(all(runtime, 'COPY').some((c) => /--from=\S+/.test(c.args))).toBe(true);
  });

  it('builds the workspace from a lockfile with npm ci in a builder stage', () => {
    const builderRuns = stages.slice(0, -1).flatMap((s) => all(s, 'RUN').map((r) => r.args));
    expect(builderRuns.some((r) => r.includes('npm ci') && r.includes(`-w ${workspace}`))).toBe(true);
    expect(builderRuns.some((r) => /tsc -b|npm run build/.test(r))).toBe(true);
  });

  it('starts from a small base image (alpine or slim)', () => {
    const args = Object.fromEntries(
      instructions
        .filter((i) => i.keyword === 'ARG' && i.args.includes('='))
        .map((i) => i.args.split('=') as [string, string]),
    );
    for (const stage of stages) {
      const image = stage.from.replace(/^\$\{(\w+)\}$/, (_, name: string) => args[name] ?? name);
      if (stages.some((s) => s.name === image)) continue; // FROM an earlier stage
      expect(image).toMatch(/(alpine|slim)/);
    }
  });

  it('runs as a non-root user', () => {
    const users = all(runtime, 'USER').map((u) => u.args.trim());
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
  });

  it('has a HEALTHCHECK that hits /healthz', () => {
    const checks = all(runtime, 'HEALTHCHECK');
    expect(checks).toHaveLength(1);
    expect(checks[0]?.args).toContain('/healthz');
  });

  if (node) {
    it('installs only production dependencies of the workspace in the runtime image', () => {
      const prodInstall = stages
        .flatMap((s) => all(s, 'RUN').map((r) => r.args))
        .find((r) => r.includes('--omit=dev'));
      expect(prodInstall).toBeDefined();
      expect(prodInstall).toContain(`-w ${workspace}`);
      expect(prodInstall).toContain('npm ci');
      // The runtime stage never runs a full (dev) install or a compiler itself.
      expect(all(runtime, 'RUN').every((r) => !/npm (ci|install)|tsc/.test(r.args))).toBe(true);
      expect(all(runtime, 'CMD').at(-1)?.args).toContain('dist/main.js');
    });
  }
});

describe('client/nginx.conf', () => {
  const conf = readRepoFile('client/nginx.conf');

  it('serves the SPA with a history fallback and answers /healthz', () => {
    expect(conf).toMatch(/try_files \$uri \$uri\/ \/index\.html;/);
    expect(conf).toMatch(/location = \/healthz\s*\{[^}]*return 200/);
  });

  it('proxies accounts paths before the generic /api/ and upgrades /socket.io/ WebSockets', () => {
    for (const path of ['/api/auth/', '/api/users/', '/.well-known/']) {
      expect(conf).toMatch(
        new RegExp(`location ${path.replace(/\./g, '\\.')} \\{ proxy_pass \\$accounts; \\}`),
      );
    }
    expect(conf).toMatch(/location \/api\/ \{ proxy_pass \$messages; \}/);
    expect(conf).toMatch(/location \/socket\.io\/ \{[^}]*Upgrade \$http_upgrade[^}]*\}/);
  });
});

describe('.dockerignore', () => {
  it('keeps local state, dependencies and secrets out of the build context', () => {
    const lines = readRepoFile('.dockerignore').split('\n');
    for (const entry of ['**/node_modules', '**/dist', '.git', '.stack', '.env'])
      expect(lines).toContain(entry);
  });
});
