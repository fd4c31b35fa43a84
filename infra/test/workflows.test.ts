import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readRepoFile, repoPath } from './support/repo.js';
import { run } from './support/run.js';

type Json = Record<string, unknown>;

const workflowFiles = readdirSync(repoPath('.github/workflows')).filter((f) => /\.ya?ml$/.test(f));
const workflow = (file: string) => parse(readRepoFile(`.github/workflows/${file}`)) as Json;
const jobsOf = (wf: Json) => wf.jobs as Record<string, Json>;
const stepsOf = (wf: Json) => Object.values(jobsOf(wf)).flatMap((j) => (j.steps as Json[] | undefined) ?? []);

describe('actionlint', () => {
  it('finds no problem in .github/workflows', () => {
    const install = run(
      'sh',
      ['scripts/install-actionlint.sh'],
      'sh is needed to run scripts/install-actionlint.sh',
    );
    expect(install.status, `install-actionlint.sh failed:\n${install.stderr}`).toBe(0);
    const binary = install.stdout.trim().split('\n').at(-1) as string;
    const lint = run(binary, ['-no-color'], 'scripts/install-actionlint.sh printed a path that does not run');
    expect(lint.stdout + lint.stderr).toBe('');
    expect(lint.status).toBe(0);
  }, 300_000);
});

describe('GitHub workflows', () => {
  it('pins every third-party action to a full commit SHA', () => {
    for (const file of workflowFiles) {
      const wf = workflow(file);
      const uses = [
        ...stepsOf(wf).map((s) => s.uses),
        ...Object.values(jobsOf(wf)).map((j) => j.uses),
      ].filter((u): u is string => typeof u === 'string');
      for (const u of uses) {
        if (u.startsWith('./')) continue; // a workflow of this repository
        expect(u, `${file}: ${u}`).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      }
    }
  });

  it('runs CI on pull requests and pushes to main, filtered by path with common/ running everything', () => {
    const ci = workflow('ci.yml');
    const on = ci.on as Json;
    expect(on).toHaveProperty('pull_request');
    expect((on.push as Json).branches).toEqual(['main']);
    const text = readRepoFile('.github/workflows/ci.yml');
    expect(text).toMatch(/uses: dorny\/paths-filter@[0-9a-f]{40}/);
    expect(text).toContain("- 'common/**'");
    expect(text).toContain('index("common")) then $all');
  });

  it('tests against real PostgreSQL, Redis, Kafka and MongoDB service containers', () => {
    const services = jobsOf(workflow('ci.yml')).workspace?.services as Record<string, Json>;
    expect(Object.keys(services).sort()).toEqual(['kafka', 'mongo', 'postgres', 'redis']);
    expect(String(services.kafka?.image)).toContain('apache/kafka:3.9.1');
    expect(String(services.postgres?.image)).toContain('postgres:15');
    expect(String(services.redis?.image)).toContain('redis:7');
    expect(String(services.mongo?.image)).toContain('mongo:7');
    for (const [name, s] of Object.entries(services))
      expect(String(s.options), name).toContain('--health-cmd');
  });

  it('deploys staging after CI succeeds on main, and production by promotion', () => {
    const staging = workflow('deploy-staging.yml');
    expect(staging.on).toMatchObject({
      workflow_run: { workflows: ['CI'], types: ['completed'], branches: ['main'] },
    });
    expect(String(jobsOf(staging).deploy?.if)).toContain("conclusion == 'success'");
    const production = workflow('deploy-production.yml');
    expect(production.on).toHaveProperty('workflow_dispatch');
    for (const wf of [staging, production]) {
      expect(jobsOf(wf).deploy).toMatchObject({
        uses: './.github/workflows/deploy.yml',
        permissions: { 'id-token': 'write' },
      });
    }
  });

  it('reaches AWS only through OIDC: id-token permission, a role to assume, never static keys', () => {
    const deploy = workflow('deploy.yml');
    const awsSteps = stepsOf(deploy).filter((s) =>
      String(s.uses).startsWith('aws-actions/configure-aws-credentials@'),
    );
    expect(awsSteps.length).toBeGreaterThan(0);
    for (const s of awsSteps) {
      expect(s.with).toHaveProperty('role-to-assume');
      expect(s.with).not.toHaveProperty('aws-access-key-id');
      expect(s.with).not.toHaveProperty('aws-secret-access-key');
    }
    for (const [name, job] of Object.entries(jobsOf(deploy))) {
      expect((job.permissions as Json)['id-token'], `job ${name}`).toBe('write');
      expect(job.environment, `job ${name} is bound to the GitHub environment`).toBe(
        '${{ inputs.environment }}',
      );
    }
    for (const file of workflowFiles)
      expect(readRepoFile(`.github/workflows/${file}`)).not.toMatch(
        /AWS_SECRET_ACCESS_KEY|aws-secret-access-key/,
      );
  });

  it('builds and pushes both service images to ECR and rolls the ECS services', () => {
    const text = readRepoFile('.github/workflows/deploy.yml');
    const images = jobsOf(workflow('deploy.yml')).images as Json;
    expect((images.strategy as Json).matrix).toMatchObject({
      service: ['accounts-service', 'messages-service'],
    });
    expect(text).toContain('docker buildx build');
    expect(text).toContain('--push');
    expect(text).toContain('aws ecs register-task-definition');
    expect(text).toContain('aws ecs update-service');
    expect(text).toContain('aws ecs wait services-stable');
  });
});
