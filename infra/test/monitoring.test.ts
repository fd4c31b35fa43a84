// The alert rules and the dashboard may only name metrics that exist: exported by a service (a prom-client
// constructor in its source, or prom-client's defaults), recorded by a rule, or listed in
// deploy/monitoring/README.md under "Metrics to add". (promtool tests the rules' behaviour: scripts/promtool-test.sh.)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readRepoFile, repoPath } from './support/repo.js';

interface Rule {
  record?: string;
  alert?: string;
  expr: string;
}
const rules = (
  parse(readRepoFile('deploy/monitoring/alerts.yml')) as { groups: { rules: Rule[] }[] }
).groups.flatMap((g) => g.rules);

interface Panel {
  title: string;
  targets?: { expr?: string }[];
}
const dashboard = JSON.parse(readRepoFile('deploy/monitoring/dashboard.json')) as { panels: Panel[] };

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    if (statSync(full).isDirectory())
      return entry === 'node_modules' || entry === 'test' ? [] : sources(full);
    return full.endsWith('.ts') ? [readFileSync(full, 'utf8')] : [];
  });

/** Names given to prom-client constructors in the services' and libraries' sources. */
const exported = (): Set<string> => {
  const names = new Set<string>(['up']);
  for (const dir of [
    'accounts-service/src',
    'messages-service/src',
    'common/events/src',
    'common/http/src',
  ]) {
    for (const text of sources(repoPath(dir))) {
      for (const m of text.matchAll(
        /new (Counter|Gauge|Histogram|Summary)\(\{\s*name: '([a-z_:][a-z0-9_:]*)'/g,
      )) {
        const [, kind, name] = m as unknown as [string, string, string];
        names.add(name);
        if (kind === 'Histogram' || kind === 'Summary')
          for (const s of ['_bucket', '_count', '_sum']) names.add(name + s);
      }
    }
  }
  const defaults = readdirSync(repoPath('node_modules/prom-client/lib/metrics')).filter((f) =>
    f.endsWith('.js'),
  );
  for (const f of defaults) {
    const text = readFileSync(repoPath(`node_modules/prom-client/lib/metrics/${f}`), 'utf8');
    for (const m of text.matchAll(/'((?:process|nodejs)_[a-z0-9_]+)'/g)) names.add(m[1] as string);
  }
  return names;
};

const toAdd = new Set(
  [
    ...readRepoFile('deploy/monitoring/README.md')
      .split('## Metrics to add')[1]!
      .matchAll(/^\| `([a-z_:]+)`/gm),
  ].map((m) => m[1] as string),
);
const recorded = new Set(rules.flatMap((r) => (r.record ? [r.record] : [])));

const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'inf',
  'nan',
]);

/** Metric names an expression selects: identifiers that are not functions, keywords, labels or durations. */
const metricNames = (expr: string): string[] =>
  [
    ...expr
      .replace(/"(?:[^"\\]|\\.)*"/g, '') // label values
      .replace(/\{[^}]*\}/g, ' ') // label matchers
      .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ') // grouping labels
      .replace(/\[[^\]]*\]/g, ' ') // ranges
      .matchAll(/(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()/g),
  ]
    .map((m) => m[1] as string)
    .filter((n) => !KEYWORDS.has(n.toLowerCase()));

describe('deploy/monitoring', () => {
  const known = exported();

  it('finds the metrics the services export', () => {
    for (const name of [
      'http_request_duration_seconds_bucket',
      'realtime_event_duration_seconds_bucket',
      'realtime_connected_sockets',
      'nodejs_eventloop_lag_p99_seconds',
    ])
      expect(known).toContain(name);
  });

  it('has the five alerts issue 16.5 asks for, and a runbook line for each', () => {
    const alerts = rules.filter((r) => r.alert).map((r) => r.alert);
    expect(alerts).toEqual(
      expect.arrayContaining([
        'HttpErrorRateHigh',
        'MessageSendLatencyHigh',
        'KafkaConsumerLagHigh',
        'DeadLetterGrowth',
        'OutboxBacklog',
      ]),
    );
  });

  it.each(rules.map((r) => [r.alert ?? r.record, r.expr] as const))(
    'rule %s names only known metrics',
    (_, expr) => {
      const names = metricNames(expr);
      expect(names.length).toBeGreaterThan(0);
      for (const n of names)
        expect(known.has(n) || recorded.has(n) || toAdd.has(n), `${n} in ${expr}`).toBe(true);
    },
  );

  it.each(dashboard.panels.map((p) => [p.title, p] as const))(
    'panel "%s" names only metrics of the services or the rules',
    (_, panel) => {
      const exprs = (panel.targets ?? []).map((t) => t.expr ?? '');
      expect(exprs.length).toBeGreaterThan(0);
      for (const expr of exprs) {
        const names = metricNames(expr);
        expect(names.length, expr).toBeGreaterThan(0);
        for (const n of names)
          expect(known.has(n) || recorded.has(n) || toAdd.has(n), `${n} in ${expr}`).toBe(true);
      }
    },
  );

  it('lists under "Metrics to add" only what no service exports yet', () => {
    for (const n of toAdd)
      expect(known.has(n), `${n} is exported now: move it to the table above`).toBe(false);
  });

  it('is what the monitoring module loads into Managed Prometheus', () => {
    expect(readRepoFile('infra/modules/monitoring/main.tf')).toContain('deploy/monitoring/alerts.yml');
  });
});
