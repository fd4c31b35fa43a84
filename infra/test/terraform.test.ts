import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  INFRA,
  blocks,
  isRegistrySource,
  loadTerraform,
  localsOf,
  resources,
  variableNames,
  type Body,
  type TfFile,
} from './support/terraform.js';

let files: TfFile[] = [];
beforeAll(async () => {
  files = await loadTerraform();
});

const moduleDirs = readdirSync(join(INFRA, 'modules')).map((m) => `modules/${m}`);
const envDirs = readdirSync(join(INFRA, 'envs')).map((e) => `envs/${e}`);

const moduleCall = (dir: string, name: string): Body => {
  const call = blocks(files, 'module').find((m) => m.file.dir === dir && m.name === name);
  expect(call, `module "${name}" in ${dir}`).toBeDefined();
  return call?.body as Body;
};

describe('Terraform layout', () => {
  it('parses every .tf file with hcl2json', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(moduleDirs)('%s has main.tf, variables.tf, outputs.tf and versions.tf', (dir) => {
    for (const f of ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf']) {
      expect(existsSync(join(INFRA, dir, f)), `${dir}/${f}`).toBe(true);
    }
  });

  it('has a staging and a production root, each with an encrypted, locked S3 backend', () => {
    expect(envDirs.sort()).toEqual(['envs/production', 'envs/staging']);
    for (const dir of envDirs) {
      const tf = files
        .filter((f) => f.dir === dir)
        .flatMap((f) => (f.json.terraform as Body[] | undefined) ?? []);
      const s3 = tf.flatMap((t) => ((t.backend as Body | undefined)?.s3 as Body[] | undefined) ?? []);
      expect(s3, `${dir} backend "s3"`).toHaveLength(1);
      expect(s3[0]).toMatchObject({
        encrypt: true,
        use_lockfile: true,
        key: `partyline/${dir.split('/')[1]}/terraform.tfstate`,
      });
    }
  });
});

describe('Terraform modules and variables', () => {
  it('pins every registry module to an exact version', () => {
    const registry = blocks(files, 'module').filter((m) => isRegistrySource(String(m.body.source)));
    expect(registry.length).toBeGreaterThan(0);
    for (const m of registry) {
      expect(m.body.version, `${m.file.path} module "${m.name}" (${String(m.body.source)})`).toMatch(
        /^\d+\.\d+\.\d+$/,
      );
    }
  });

  it('builds on the terraform-aws-modules VPC, ECS, ALB and RDS modules', () => {
    const sources = blocks(files, 'module').map((m) => String(m.body.source));
    for (const s of [
      'vpc/aws',
      'ecs/aws//modules/service',
      'ecs/aws//modules/cluster',
      'alb/aws',
      'rds/aws',
    ]) {
      expect(sources).toContain(`terraform-aws-modules/${s}`);
    }
  });

  it('gives every variable a type and a description', () => {
    const variables = blocks(files, 'variable');
    expect(variables.length).toBeGreaterThan(30);
    for (const v of variables) {
      const where = `${v.file.path} variable "${v.name}"`;
      expect(v.body.type, `${where} has no type`).toBeTruthy();
      expect(String(v.body.description ?? '').trim().length, `${where} has no description`).toBeGreaterThan(
        10,
      );
    }
  });

  it('describes every output', () => {
    const outputs = blocks(files, 'output');
    expect(outputs.length).toBeGreaterThan(10);
    for (const o of outputs) {
      expect(
        String(o.body.description ?? '').trim().length,
        `${o.file.path} output "${o.name}"`,
      ).toBeGreaterThan(10);
    }
  });
});

// Names that carry credentials. Key ids and token lifetimes are not secrets.
const SECRET_LOOKING =
  /(SECRET|PASSWORD|PRIVATE|TOKEN|KEY|CREDENTIAL|^MONGO_URL$|^POSTGRES_URL$|^REDIS_URL$|^REDIS_CLUSTER_NODES$)/;
const NOT_SECRET = new Set(['JWT_KEY_ID', 'ACCESS_TOKEN_TTL_SECONDS', 'REFRESH_TOKEN_TTL_DAYS']);

/** Walks any parsed body and yields every value under an `environment` key. */
const environmentValues = (node: unknown, out: unknown[] = []): unknown[] => {
  if (Array.isArray(node)) node.forEach((n) => environmentValues(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'environment') out.push(v);
      environmentValues(v, out);
    }
  }
  return out;
};

describe('container secrets', () => {
  const ecsServiceCalls = () =>
    blocks(files, 'module').filter((m) => String(m.body.source).endsWith('/ecs-service'));

  it('never puts a secret-looking name in a plain environment entry', () => {
    let checked = 0;
    for (const file of files) {
      const locals = localsOf(files, file.dir);
      for (const env of environmentValues(file.json)) {
        for (const name of variableNames(env, locals)) {
          checked++;
          if (NOT_SECRET.has(name)) continue;
          expect(name, `${file.path}: ${name} is in plain environment`).not.toMatch(SECRET_LOOKING);
        }
      }
    }
    expect(checked).toBeGreaterThan(10); // the walk really found the services' environments
  });

  it('passes credentials as secrets with valueFrom, each service the ones it needs', () => {
    const calls = Object.fromEntries(ecsServiceCalls().map((c) => [c.name, c]));
    const secretsOf = (name: string) =>
      variableNames(calls[name]?.body.secrets, localsOf(files, calls[name]?.file.dir ?? ''));
    expect(secretsOf('accounts_service')).toEqual(
      expect.arrayContaining(['MONGO_URL', 'REDIS_URL', 'JWT_PRIVATE_KEY']),
    );
    expect(secretsOf('messages_service')).toEqual(expect.arrayContaining(['POSTGRES_URL', 'REDIS_URL']));

    // The wrapper turns the map into ECS `secrets` entries with valueFrom, and only that.
    const service = moduleCall('modules/ecs-service', 'service');
    const containers = Object.values(service.container_definitions as Record<string, Body>);
    expect(containers).toHaveLength(1);
    expect(containers[0]?.secrets).toMatch(/\[for k, v in var\.secrets : \{ name = k, valueFrom = v \}\]/);
    expect(containers[0]?.environment).toMatch(
      /\[for k, v in var\.environment : \{ name = k, value = v \}\]/,
    );
  });

  it('also refuses secret-looking environment names at plan time (variable validation)', () => {
    const env = blocks(files, 'variable').find(
      (v) => v.file.dir === 'modules/ecs-service' && v.name === 'environment',
    );
    const validation = (env?.body.validation as Body[] | undefined)?.[0];
    expect(String(validation?.condition)).toContain('SECRET|PASSWORD|PRIVATE|TOKEN|KEY');
  });

  it('lets the task execution role read only the secrets the task gets', () => {
    expect(String(moduleCall('modules/ecs-service', 'service').task_exec_secret_arns)).toContain(
      'values(var.secrets)',
    );
  });

  it('keeps operator-provided secrets out of Terraform (no secret values for them)', () => {
    const versions = resources(files, 'aws_secretsmanager_secret_version').map((r) =>
      String(r.body.secret_id),
    );
    expect(versions.some((id) => id.includes('operator'))).toBe(false);
  });
});

describe('load balancer', () => {
  const alb = () => moduleCall('modules/edge', 'alb');
  const edgeVariable = (name: string) =>
    blocks(files, 'variable').find((v) => v.file.dir === 'modules/edge' && v.name === name)?.body as Body;

  it('keeps idle connections for at least 300 s (WebSockets)', () => {
    expect(alb().idle_timeout).toBe('${var.alb_idle_timeout}');
    const variable = edgeVariable('alb_idle_timeout');
    expect(Number(variable.default)).toBeGreaterThanOrEqual(300);
    expect(String((variable.validation as Body[])[0]?.condition)).toContain('var.alb_idle_timeout >= 300');
    // No caller overrides it below the floor.
    for (const call of blocks(files, 'module').filter((m) => String(m.body.source).endsWith('/edge'))) {
      if (call.body.alb_idle_timeout !== undefined)
        expect(Number(call.body.alb_idle_timeout)).toBeGreaterThanOrEqual(300);
    }
  });

  it('health-checks every target group on /healthz', () => {
    const groups = alb().target_groups as Record<string, Body>;
    expect(Object.keys(groups).sort()).toEqual(['accounts', 'messages']);
    for (const [name, tg] of Object.entries(groups)) {
      expect(tg.health_check, `target group ${name}`).toMatchObject({
        enabled: true,
        path: '/healthz',
        matcher: '200',
      });
    }
  });

  it('makes the messages target group sticky (socket.io long-polling)', () => {
    const groups = alb().target_groups as Record<string, Body>;
    expect(groups.messages?.stickiness).toMatchObject({ enabled: true, type: 'lb_cookie' });
    expect(groups.accounts?.stickiness).toBeUndefined();
  });

  // What the ALB does with a request path: the lowest-priority-number rule whose pattern matches.
  const route = (path: string): string | undefined => {
    const listeners = alb().listeners as Record<string, Body>;
    const rules = Object.values((listeners.https?.rules ?? {}) as Record<string, Body>).sort(
      (a, b) => Number(a.priority) - Number(b.priority),
    );
    const glob = (p: string) =>
      new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    const hit = rules.find((r) =>
      (r.conditions as Body[]).some((c) =>
        ((c.path_pattern as Body | undefined)?.values as string[] | undefined)?.some((p) =>
          glob(p).test(path),
        ),
      ),
    );
    const action = (hit?.actions as Body[] | undefined)?.[0];
    return action?.type === 'forward' ? String(action.target_group_key) : undefined;
  };

  it.each([
    ['/api/auth/dev', 'accounts'],
    ['/api/auth/github/callback', 'accounts'],
    ['/api/users/me', 'accounts'],
    ['/.well-known/jwks.json', 'accounts'],
    ['/api/parties', 'messages'],
    ['/api/topics/t1/messages', 'messages'],
    ['/api/invites/abc/accept', 'messages'],
    ['/api/unread', 'messages'],
    ['/socket.io/', 'messages'],
  ])('routes %s to %s', (path, target) => {
    expect(route(path)).toBe(target);
  });

  // The app's public surface, and nothing more: the operations endpoints live on the ops port.
  const PUBLIC_PATTERNS = ['/api/*', '/api/auth/*', '/api/users/*', '/socket.io/*', '/.well-known/jwks.json'];

  it('forwards only the public paths /api/*, /socket.io/* and /.well-known/jwks.json', () => {
    const listeners = alb().listeners as Record<string, Body>;
    const patterns = Object.values(listeners).flatMap((l) =>
      Object.values((l.rules ?? {}) as Record<string, Body>).flatMap((r) =>
        (r.conditions as Body[]).flatMap(
          (c) => ((c.path_pattern as Body | undefined)?.values as string[] | undefined) ?? [],
        ),
      ),
    );
    expect(patterns.length).toBeGreaterThan(0);
    for (const p of patterns) expect(PUBLIC_PATTERNS, `listener rule pattern ${p}`).toContain(p);
    // CloudFront sends the ALB nothing else either.
    const apiPaths = localsOf(files, 'modules/edge').api_paths as string[];
    expect([...apiPaths].sort()).toEqual(['/.well-known/jwks.json', '/api/*', '/socket.io/*']);
  });

  it.each(['/metrics', '/readyz', '/openapi.json', '/healthz', '/.well-known/openid-configuration', '/'])(
    'routes %s to no service',
    (path) => {
      expect(route(path)).toBeUndefined();
    },
  );

  it('keeps the ops ports out of every listener, target group and ALB rule', () => {
    const opsPorts = Object.values(localsOf(files, 'modules/partyline').ops_ports as Record<string, number>);
    expect(opsPorts.sort()).toEqual([9401, 9402]);
    const listeners = alb().listeners as Record<string, Body>;
    const groups = alb().target_groups as Record<string, Body>;
    const ports = [
      ...Object.values(listeners).map((l) => Number(l.port)),
      ...Object.values(groups).map((g) => String(g.port)),
    ];
    for (const p of opsPorts) expect(ports.map(String)).not.toContain(String(p));
    for (const tg of Object.values(groups)) expect((tg.health_check as Body).port).toBe('traffic-port');
    // The ALB's only egress is to the services' public ports, below the ops ports.
    const egress = (alb().security_group_egress_rules as Record<string, Body>).to_tasks as Body;
    expect(egress.to_port).toBe('${max(var.accounts_port, var.messages_port)}');
    const edgeVars = blocks(files, 'variable').filter((v) => v.file.dir === 'modules/edge');
    for (const name of ['accounts_port', 'messages_port']) {
      const port = Number(edgeVars.find((v) => v.name === name)?.body.default);
      expect(port).toBeLessThan(Math.min(...opsPorts));
    }
  });

  it('opens the ops port to the scraper security group only, the public port to the ALB only', () => {
    const rules = moduleCall('modules/ecs-service', 'service').security_group_rules as Record<string, Body>;
    const ingress = Object.entries(rules).filter(([, r]) => r.type === 'ingress');
    expect(Object.fromEntries(ingress)).toEqual({
      from_alb: expect.objectContaining({
        from_port: '${var.container_port}',
        to_port: '${var.container_port}',
        source_security_group_id: '${var.alb_security_group_id}',
      }),
      from_scraper: expect.objectContaining({
        from_port: '${var.ops_port}',
        to_port: '${var.ops_port}',
        source_security_group_id: '${var.scraper_security_group_id}',
      }),
    });
    for (const [, r] of ingress) expect(r.cidr_blocks).toBeUndefined();
  });

  it('serves only HTTPS to CloudFront and answers unknown paths with a 404', () => {
    const https = (alb().listeners as Record<string, Body>).https as Body;
    expect(https).toMatchObject({ port: 443, protocol: 'HTTPS', fixed_response: { status_code: '404' } });
    expect(route('/index.html')).toBeUndefined();
  });
});

describe('edge and data stores', () => {
  it('serves the SPA from S3 through CloudFront with origin access control, and the API from the ALB', () => {
    const [oac] = resources(files, 'aws_cloudfront_origin_access_control');
    expect(oac?.body).toMatchObject({ origin_access_control_origin_type: 's3', signing_behavior: 'always' });
    const [cdn] = resources(files, 'aws_cloudfront_distribution');
    const origins = cdn?.body.origin as Body[];
    expect(
      origins.some((o) =>
        String(o.origin_access_control_id).includes('aws_cloudfront_origin_access_control'),
      ),
    ).toBe(true);
    expect(origins.some((o) => Array.isArray(o.custom_origin_config))).toBe(true);
    const apiPaths = localsOf(files, 'modules/edge').api_paths;
    expect(apiPaths).toEqual(expect.arrayContaining(['/api/*', '/socket.io/*']));
    const bucket = moduleCall('modules/edge', 'client_bucket');
    expect(bucket).toMatchObject({ block_public_policy: true, restrict_public_buckets: true });
  });

  it('runs PostgreSQL 15, Redis 7, Kafka 3.9 (MSK) and DocumentDB with encryption', () => {
    expect(moduleCall('modules/data-stores', 'postgres')).toMatchObject({
      engine: 'postgres',
      engine_version: '15',
      storage_encrypted: true,
    });
    const [redis] = resources(files, 'aws_elasticache_replication_group');
    expect(redis?.body).toMatchObject({ transit_encryption_enabled: true, at_rest_encryption_enabled: true });
    expect(String(redis?.body.engine_version)).toMatch(/^7\./);
    const [msk] = resources(files, 'aws_msk_cluster');
    expect(msk?.body.kafka_version).toBe('3.9.x');
    const [docdbCluster] = resources(files, 'aws_docdb_cluster');
    expect(docdbCluster).toBeDefined();
  });

  it('offers ElastiCache cluster mode: shards of a primary and replicas, a cluster-enabled parameter group', () => {
    const [redis] = resources(files, 'aws_elasticache_replication_group');
    expect(redis?.body).toMatchObject({
      cluster_mode: '${var.redis_cluster_mode ? "enabled" : "disabled"}',
      num_node_groups: '${var.redis_cluster_mode ? var.redis_shards : null}',
      replicas_per_node_group: '${var.redis_cluster_mode ? var.redis_replicas : null}',
      num_cache_clusters: '${var.redis_cluster_mode ? null : 1 + var.redis_replicas}',
      automatic_failover_enabled: true,
      multi_az_enabled: true,
      transit_encryption_enabled: true,
      auth_token: '${random_password.redis.result}',
    });
    const [group] = resources(files, 'aws_elasticache_parameter_group');
    expect(JSON.stringify(group?.body.parameter)).toContain(
      '{"name":"cluster-enabled","value":"${var.redis_cluster_mode ? \\"yes\\" : \\"no\\"}"}',
    );
    // The production root can switch it on without touching the modules.
    const variables = blocks(files, 'variable').filter((v) => v.file.dir === 'modules/partyline');
    expect(String(variables.find((v) => v.name === 'data_stores')?.body.type)).toMatch(
      /redis_cluster_mode\s+= optional\(bool, false\)/,
    );
  });

  it('runs MSK with a broker per AZ, replication factor 3 and min.insync.replicas 2 on three AZs', () => {
    const locals = localsOf(files, 'modules/data-stores');
    expect(locals).toMatchObject({
      kafka_broker_count: '${length(var.private_subnet_ids) * var.kafka_brokers_per_az}',
      kafka_replication_factor: '${min(3, local.kafka_broker_count)}',
      kafka_min_insync_replicas: '${max(1, local.kafka_replication_factor - 1)}',
    });
    const [msk] = resources(files, 'aws_msk_cluster');
    expect(msk?.body.number_of_broker_nodes).toBe('${local.kafka_broker_count}');
    const [configuration] = resources(files, 'aws_msk_configuration');
    const properties = String(configuration?.body.server_properties);
    for (const line of [
      'default.replication.factor=${local.kafka_replication_factor}',
      'min.insync.replicas=${local.kafka_min_insync_replicas}',
      'offsets.topic.replication.factor=${local.kafka_replication_factor}',
      'transaction.state.log.min.isr=${local.kafka_min_insync_replicas}',
      'auto.create.topics.enable=false',
      'unclean.leader.election.enable=false',
    ])
      expect(properties).toContain(line);
    const production = blocks(files, 'module').find(
      (m) => m.file.dir === 'envs/production' && String(m.body.source).endsWith('modules/partyline'),
    );
    expect(Number(production?.body.az_count)).toBe(3);
    const [docdb] = resources(files, 'aws_docdb_cluster');
    expect(docdb?.body).toMatchObject({ engine: 'docdb', storage_encrypted: true });
  });

  it('autoscales every ECS service and logs to CloudWatch', () => {
    const service = moduleCall('modules/ecs-service', 'service');
    expect(service).toMatchObject({ enable_autoscaling: true });
    expect(Object.keys(service.autoscaling_policies as Body)).toEqual(
      expect.arrayContaining(['cpu', 'memory']),
    );
    expect(
      resources(files, 'aws_cloudwatch_log_group').some((r) => r.file.dir === 'modules/ecs-service'),
    ).toBe(true);
  });

  it('lets CI deploy through GitHub OIDC only, scoped to one repository environment', () => {
    const text = JSON.stringify(files.find((f) => f.path === 'modules/partyline/ci.tf')?.json);
    expect(text).toContain('sts:AssumeRoleWithWebIdentity');
    expect(text).toContain('token.actions.githubusercontent.com:sub');
    expect(text).toContain('repo:${var.github_repository}:environment:${var.environment_name}');
    expect(resources(files, 'aws_iam_access_key')).toHaveLength(0);
    expect(resources(files, 'aws_iam_user')).toHaveLength(0);
  });
});
