import { describe, expect, it } from 'vitest';
import { readRepoFile } from './support/repo.js';

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
