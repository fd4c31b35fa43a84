// The deployment configurations must be accepted by the services' own config parsers: the compose
// file's environment as it is, and the ECS task definitions' environment + secrets with sample values
// where Terraform computes them.
import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig as loadAccountsConfig } from '../../accounts-service/src/app/config.js';
import { loadConfig as loadMessagesConfig } from '../../messages-service/src/app/config.js';
import { readRepoFile } from './support/repo.js';
import { run } from './support/run.js';
import { blocks, loadTerraform, localsOf, resources, type Body, type TfFile } from './support/terraform.js';

const devKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

describe('docker-compose.yml environment', () => {
  let services: Record<string, { environment?: Record<string, string> }> = {};
  beforeAll(() => {
    const res = run(
      'docker-compose',
      ['-f', 'docker-compose.yml', 'config'],
      "install Debian's docker-compose",
      {
        PARTYLINE_PORT: undefined,
        POSTGRES_PASSWORD: undefined,
      },
    );
    expect(res.status, res.stderr).toBe(0);
    services = (parse(res.stdout) as { services: typeof services }).services;
  });

  it('is accepted by accounts-service (with the key the jwt-key step generates)', () => {
    const config = loadAccountsConfig({
      ...services['accounts-service']?.environment,
      JWT_PRIVATE_KEY: devKey,
    });
    expect(config).toMatchObject({
      devSignIn: true,
      cookieSecure: false,
      publicUrl: 'http://localhost:8080',
    });
  });

  it('is accepted by both messages-service replicas', () => {
    for (const name of ['messages-1', 'messages-2']) {
      const config = loadMessagesConfig({ ...services[name]?.environment });
      expect(config.allowedOrigins).toEqual(['http://localhost:8080']);
      expect(config.instanceId).toBe(name);
    }
  });
});

// --- ECS: evaluate just enough HCL to build each task's environment -------------------------------

// What Terraform only knows at apply time, with realistic shapes.
const SAMPLES: Record<string, string> = {
  'var.log_level': 'info',
  'var.jwt_key_id': 'production-2026-01',
  'var.google_client_id': 'google-client-id.apps.googleusercontent.com',
  'var.github_client_id': 'Iv1.0123456789abcdef',
  'local.public_url': 'https://chat.example.com',
  'local.kafka_brokers':
    'b-1.partyline.kafka.eu-west-1.amazonaws.com:9092,b-2.partyline.kafka.eu-west-1.amazonaws.com:9092',
  'random_password.postgres.result': 'pgPassw0rdGeneratedByTerraform',
  'random_password.redis.result': 'redisAuthTokenGeneratedByTerraform0123456789',
  'random_password.docdb.result': 'docdbPassw0rdGeneratedByTerraform',
  'module.postgres.db_instance_address': 'partyline-production-postgres.abc.eu-west-1.rds.amazonaws.com',
  'module.postgres.db_instance_port': '5432',
  'local.redis_endpoint': 'master.partyline-redis.abc.euw1.cache.amazonaws.com',
  'module.data_stores.kafka_replication_factor': '3',
  'module.data_stores.kafka_min_insync_replicas': '2',
  'aws_docdb_cluster.this.endpoint': 'partyline-production-docdb.cluster-abc.eu-west-1.docdb.amazonaws.com',
  'module.attachments.bucket_name': 'partyline-production-attachments-123456789012',
  'data.aws_region.current.name': 'eu-west-1',
};

const substitute = (template: string): string =>
  template.replace(/\$\{([^}]+)\}/g, (_, ref: string) => {
    const value = SAMPLES[ref.trim()];
    if (value === undefined) throw new Error(`no sample value for \${${ref}} — add one to SAMPLES`);
    return value;
  });

/** NAME = "literal" | var.x | local.y pairs of an HCL object or merge(...) expression. */
const assignments = (expr: unknown, locals: Body, resolve = true): Record<string, string> => {
  if (expr && typeof expr === 'object') {
    return Object.fromEntries(
      Object.entries(expr).map(([k, v]) => [k, resolve ? substitute(String(v)) : String(v)]),
    );
  }
  const text = String(expr);
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/\blocal\.(\w+)\b(?!\.)/g)) {
    if (locals[m[1] as string] && typeof locals[m[1] as string] === 'object') {
      Object.assign(out, assignments(locals[m[1] as string], locals));
    }
  }
  for (const m of text.matchAll(
    /\b([A-Z][A-Z0-9_]*)\s*=\s*("(?:[^"\\]|\\.)*"|[\w.]+(?:\[[^\]]+\])?(?:\.\w+)*)/g,
  )) {
    const [, name, raw] = m as unknown as [string, string, string];
    if (!resolve) out[name] = raw;
    else
      out[name] = raw.startsWith('"')
        ? substitute(JSON.parse(raw) as string)
        : (SAMPLES[raw] ?? `<ref ${raw}>`);
  }
  return out;
};

describe('ECS task configuration', () => {
  let files: TfFile[] = [];
  beforeAll(async () => {
    files = await loadTerraform();
  });

  /** secret name in Secrets Manager (postgres-url …) → the value Terraform writes, with samples. */
  const secretValues = (): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const v of resources(files, 'aws_secretsmanager_secret_version')) {
      const key = /url\["([\w-]+)"\]/.exec(String(v.body.secret_id))?.[1];
      const raw = String(v.body.secret_string);
      const pieces = raw.startsWith('${join(')
        ? [...raw.matchAll(/"((?:[^"\\]|\\.)*)"/g)].slice(1).map((p) => p[1])
        : [raw];
      if (key) out[key] = substitute(pieces.join(''));
    }
    return out;
  };

  const taskEnvironment = (service: string): Record<string, string | undefined> => {
    const call = blocks(files, 'module').find(
      (m) => m.name === service && String(m.body.source).endsWith('/ecs-service'),
    );
    expect(call, service).toBeDefined();
    const locals = localsOf(files, call?.file.dir ?? '');
    const env = assignments(call?.body.environment, locals);
    const urls = secretValues();
    const secretRefs = assignments(call?.body.secrets, locals, false);
    for (const [name, ref] of Object.entries(secretRefs)) {
      // module.data_stores.redis_url_secret_arn → the redis-url secret, whatever the variable is called.
      const urlKey = /(\w+)_url_secret_arn/.exec(ref)?.[1];
      const urlSecret = urlKey === undefined ? undefined : urls[`${urlKey}-url`];
      env[name] = urlSecret ?? (name === 'JWT_PRIVATE_KEY' ? devKey : 'operator-provided-secret');
    }
    return env;
  };

  it('gives accounts-service everything its config needs, with dev sign-in off and secure cookies', () => {
    const env = taskEnvironment('accounts_service');
    expect(Object.values(env).join(' ')).not.toContain('<ref');
    const config = loadAccountsConfig(env);
    expect(config).toMatchObject({
      devSignIn: false,
      cookieSecure: true,
      publicUrl: 'https://chat.example.com',
    });
    expect(config.mongoUrl).toMatch(/^mongodb:\/\/.*tls=true.*retryWrites=false/);
    // DocumentDB's CA is the RDS bundle the image ships (accounts-service/Dockerfile).
    const caPath = /tlsCAFile=([^&]+)/.exec(config.mongoUrl)?.[1] as string;
    expect(readRepoFile('accounts-service/Dockerfile')).toContain(`NODE_EXTRA_CA_CERTS=${caPath}`);
    expect(config.redisUrl).toMatch(/^rediss:\/\//);
  });

  // Both ports listen beyond loopback inside the task (the ALB and the scraper reach the task's own
  // address), the ops port is the module's ops_port, and exactly CloudFront + the ALB are trusted hops.
  it.each([
    ['accounts_service', loadAccountsConfig, 4001, 9401],
    ['messages_service', loadMessagesConfig, 4002, 9402],
  ] as const)('sets HOST, OPS_PORT, OPS_HOST and TRUST_PROXY for %s', (service, load, port, opsPort) => {
    const env = taskEnvironment(service);
    const config = load(env);
    expect(config).toMatchObject({
      port,
      host: '0.0.0.0',
      ops: { port: opsPort, host: '0.0.0.0' },
      trustProxy: 2,
    });
    const call = blocks(files, 'module').find((m) => m.name === service);
    expect(Number(call?.body.container_port)).toBe(port);
    const ops = String(call?.body.ops_port);
    const opsPorts = localsOf(files, call?.file.dir ?? '').ops_ports as Record<string, number>;
    const key = /local\.ops_ports\["([\w-]+)"\]/.exec(ops)?.[1] as string;
    expect(opsPorts[key]).toBe(opsPort);
  });

  it('gives messages-service everything its config needs', () => {
    const env = taskEnvironment('messages_service');
    expect(Object.values(env).join(' ')).not.toContain('<ref');
    const config = loadMessagesConfig(env);
    expect(config.allowedOrigins).toEqual(['https://chat.example.com']);
    expect(config.jwksUrl).toBe('https://chat.example.com/.well-known/jwks.json');
    expect(config.postgresUrl).toMatch(/^postgres:\/\/.*sslmode=verify-full$/);
    // Attachments on the environment's bucket, signed with the task role (no keys, no endpoint, no bucket
    // creation: Terraform owns the bucket).
    expect(config.attachments).toMatchObject({
      bucket: 'partyline-production-attachments-123456789012',
      region: 'eu-west-1',
      createBucket: false,
    });
    expect(config.attachments?.endpoint).toBeUndefined();
    expect(config.attachments?.accessKeyId).toBeUndefined();
  });
  it('gives both services the Kafka cluster settings for the topics they create (3 copies, 2 to acknowledge)', () => {
    expect(loadAccountsConfig(taskEnvironment('accounts_service')).kafkaReplication).toEqual({
      replicationFactor: 3,
      minInsyncReplicas: 2,
    });
    expect(loadMessagesConfig(taskEnvironment('messages_service')).kafkaReplication).toEqual({
      replicationFactor: 3,
      minInsyncReplicas: 2,
    });
  });

  it('in Redis cluster mode, tells both services the cluster through REDIS_CLUSTER_NODES, from the redis-url secret', () => {
    const locals = localsOf(files, 'modules/partyline');
    // `cond ? { REDIS_CLUSTER_NODES = <secret> } : {}`: only in cluster mode, and the same secret as REDIS_URL.
    expect(String(locals.redis_cluster_secrets)).toMatch(
      /^\$\{module\.data_stores\.redis_cluster_mode \? \{\s*REDIS_CLUSTER_NODES = module\.data_stores\.redis_url_secret_arn\s*\} : \{\}\}$/,
    );
    for (const service of ['accounts_service', 'messages_service']) {
      const call = blocks(files, 'module').find((m) => m.name === service);
      expect(String(call?.body.secrets), service).toContain('local.redis_cluster_secrets');
    }
    // What the services make of it: a cluster client on the configuration endpoint, TLS and the AUTH token.
    const url = secretValues()['redis-url']!;
    expect(url).toMatch(/^rediss:\/\/:[A-Za-z0-9]{40,}@[\w.-]+:6379$/);
    expect(
      loadMessagesConfig({ ...taskEnvironment('messages_service'), REDIS_CLUSTER_NODES: url })
        .redisClusterNodes,
    ).toEqual([url]);
    expect(
      loadAccountsConfig({ ...taskEnvironment('accounts_service'), REDIS_CLUSTER_NODES: url })
        .redisClusterNodes,
    ).toEqual([url]);
    // The URL names the configuration endpoint in cluster mode, the primary endpoint otherwise.
    expect(String(localsOf(files, 'modules/data-stores').redis_endpoint)).toMatch(
      /redis_cluster_mode\s*\?\s*aws_elasticache_replication_group\.redis\.configuration_endpoint_address\s*:\s*aws_elasticache_replication_group\.redis\.primary_endpoint_address/,
    );
  });
});
