// 4. History page: one topic with 1,000,000 messages (bulk-inserted with generate_series into the service's
// own schema), then the p99 of a 50-message page by keyset (before / after / around / newest) through the
// service's history function, and through REST (GET /api/topics/:id/messages) on the real Express app.
// Prints EXPLAIN (ANALYZE, BUFFERS) of the exact SQL the repository sent, to show the (topic_id, seq) index.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

import { createAccessTokenVerifier, createStaticKeyResolver } from '@partyline/auth';
import { pino } from 'pino';

import { createApp } from '../../messages-service/src/app/app.js';
import { createServices } from '../../messages-service/src/app/services.js';
import { noopNotifier } from '../../messages-service/src/shared/notifier.js';
import { AUDIENCE, ISSUER } from '../lib/auth.js';
import { intEnv, ORIGIN } from '../lib/env.js';
import { seedParty } from '../lib/seed.js';
import { machineNote, ms, summarize, table, verdict, type Summary } from '../lib/stats.js';
import { createBenchWorld } from '../lib/world.js';

type Mode = 'before' | 'after' | 'around' | 'newest';
const MODES: Mode[] = ['before', 'after', 'around', 'newest'];

export interface HistoryResult {
  messages: number;
  loadSeconds: number;
  service: Record<Mode, Summary>;
  rest: Record<Mode, Summary>;
  plans: Record<string, { usesTopicSeqIndex: boolean; usesOffset: boolean; executionMs: number }>;
  target: string;
  met: boolean;
  load: string;
}

export async function main(): Promise<HistoryResult> {
  const total = intEnv('BENCH_HISTORY_MESSAGES', 1_000_000);
  const samples = intEnv('BENCH_HISTORY_QUERIES', 1000);
  const restSamples = intEnv('BENCH_HISTORY_REST_QUERIES', 300);
  console.log(
    `history: ${total.toLocaleString('en-US')} messages in one topic; ${samples} service pages and ${restSamples} REST pages per mode`,
  );

  const world = await createBenchWorld();
  const { pool } = world.db;
  try {
    const party = await seedParty(world.db, 2);
    const loading = performance.now();
    // The full-text and per-party indexes are rebuilt after the load (faster than maintaining them per row);
    // the (topic_id, seq) and (author_id, nonce) unique indexes stay throughout, as in production.
    await pool.query('DROP INDEX messages_search; DROP INDEX messages_by_party');
    // 100,000-row chunks, two at a time (two cores): generating the stored tsvector is most of the cost.
    const chunk = 100_000;
    const chunks: [number, number][] = [];
    for (let from = 1; from <= total; from += chunk) chunks.push([from, Math.min(total, from + chunk - 1)]);
    const insertChunks = async () => {
      for (let next = chunks.shift(); next; next = chunks.shift()) {
        await pool.query(
          `INSERT INTO messages (topic_id, party_id, seq, author_id, nonce, body, created_at)
           SELECT $1, $2, i, $3, 'bench-' || lpad(i::text, 8, '0'), 'message ' || i || ' of the bench, a short line of chat text',
                  now() - make_interval(secs => $5 - i)
             FROM generate_series($4::bigint, $5::bigint) AS i`,
          [party.topicId, party.partyId, party.owner.id, next[0], next[1]],
        );
      }
    };
    await Promise.all([insertChunks(), insertChunks()]);
    await pool.query('UPDATE topics SET last_seq = $2 WHERE id = $1', [party.topicId, total]);
    await pool.query('CREATE INDEX messages_search ON messages USING gin (search)');
    await pool.query('CREATE INDEX messages_by_party ON messages (party_id, created_at)');
    await pool.query('VACUUM ANALYZE messages');
    const loadSeconds = (performance.now() - loading) / 1000;
    console.log(`  loaded in ${loadSeconds.toFixed(1)} s`);

    const services = createServices({ pool, notifier: noopNotifier });
    const actor = { id: party.owner.id, username: party.owner.username };
    const cursor = (mode: Mode): Record<string, number> => {
      const seq = 1 + Math.floor(Math.random() * total);
      return mode === 'newest' ? {} : { [mode]: seq };
    };

    // The exact statements the repository sends, for EXPLAIN.
    const captured: { text: string; values: unknown[] }[] = [];
    const query = pool.query.bind(pool);
    // (a named prepared statement comes as one config object)
    (pool as { query: unknown }).query = (
      text: string | { text: string; values?: unknown[] },
      values?: unknown[],
    ) => {
      if (typeof text === 'string') captured.push({ text, values: values ?? [] });
      else captured.push({ text: text.text, values: text.values ?? [] });
      return (query as (t: unknown, v?: unknown[]) => unknown)(text, values);
    };
    for (const mode of MODES)
      await services.messages.history(actor, party.topicId, { limit: 50, ...cursor(mode) });
    (pool as { query: unknown }).query = query;

    const timeService = async (mode: Mode, n: number) => {
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const started = performance.now();
        const page = await services.messages.history(actor, party.topicId, { limit: 50, ...cursor(mode) });
        times.push(performance.now() - started);
        if (page.messages.length === 0) throw new Error(`empty ${mode} page`);
      }
      return times;
    };
    for (const mode of MODES) await timeService(mode, 100); // warm the cache and the JIT
    // One page at a time, as one reader scrolling: the figure is the latency of a page, not of a queue.
    const service = {} as Record<Mode, Summary>;
    for (const mode of MODES) service[mode] = summarize(await timeService(mode, samples));

    // Through REST: the real Express app (auth, validation, presenters, JSON) on a loopback port.
    const verifier = createAccessTokenVerifier({
      keys: createStaticKeyResolver(world.auth.jwks),
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    const app = createApp({
      services,
      verifier,
      logger: pino({ level: 'silent' }),
      allowedOrigins: [ORIGIN],
    });
    const httpServer = createServer(app);
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/api/topics/${party.topicId}/messages`;
    const token = world.auth.token(party.owner);
    const timeRest = async (mode: Mode, n: number) => {
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const params = new URLSearchParams(Object.entries(cursor(mode)).map(([k, v]) => [k, String(v)]));
        const started = performance.now();
        const response = await fetch(`${base}?${params}`, { headers: { authorization: `Bearer ${token}` } });
        const body = (await response.json()) as { messages?: unknown[] };
        times.push(performance.now() - started);
        if (!response.ok || !body.messages?.length) throw new Error(`REST ${mode}: ${response.status}`);
      }
      return times;
    };
    const rest = {} as Record<Mode, Summary>;
    try {
      for (const mode of MODES) await timeRest(mode, 50);
      for (const mode of MODES) rest[mode] = summarize(await timeRest(mode, restSamples));
    } finally {
      httpServer.closeAllConnections();
      await new Promise((resolve) => httpServer.close(resolve));
    }

    const plans: HistoryResult['plans'] = {};
    const seen = new Set<string>();
    for (const { text, values } of captured) {
      // one plan per statement and kind of page (the history page's two LIMITs tell the kinds apart)
      const kind = `${text}|${JSON.stringify([values[3], values[5]])}`;
      if (!/FROM messages/.test(text) || seen.has(kind)) continue;
      seen.add(kind);
      const { rows } = await pool.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${text}`,
        values,
      );
      const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
      const name = /seq < \$3/.test(text)
        ? `historyPage ${JSON.stringify(values.slice(2))}`
        : /seq > \$2/.test(text)
          ? 'listAfter'
          : `query ${seen.size}`;
      console.log(
        `\n  ${name}: ${text.replace(/\s+/g, ' ')}\n  params ${JSON.stringify(values)}\n${plan.replace(/^/gm, '    ')}`,
      );
      plans[name] = {
        usesTopicSeqIndex: /Index (Only )?Scan( Backward)? using messages_topic_id_seq_key/.test(plan),
        usesOffset: /\bOFFSET\b/i.test(text),
        executionMs: Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1] ?? NaN),
      };
    }

    console.log();
    table([
      ['page (50)', 'service p50', 'service p99', 'service max', 'REST p50', 'REST p99'],
      ...MODES.map((mode) => [
        mode,
        ms(service[mode].p50),
        ms(service[mode].p99),
        ms(service[mode].max),
        ms(rest[mode].p50),
        ms(rest[mode].p99),
      ]),
    ]);
    const worst = Math.max(...MODES.map((mode) => service[mode].p99));
    const indexOk = Object.values(plans).every((plan) => plan.usesTopicSeqIndex && !plan.usesOffset);
    const met = worst <= 5 && indexOk && Object.keys(plans).length > 0;
    console.log(
      `  worst service p99 = ${ms(worst)} (target ≤ 5 ms); (topic_id, seq) index in every plan, no OFFSET: ${indexOk ? 'yes' : 'NO'}: ${verdict(met)}; ${machineNote()}`,
    );
    return {
      messages: total,
      loadSeconds,
      service,
      rest,
      plans,
      target: 'p99 ≤ 5 ms, keyset on (topic_id, seq)',
      met,
      load: machineNote(),
    };
  } finally {
    await world.cleanup();
  }
}
