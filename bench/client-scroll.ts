// Scrolling a topic's whole history in the browser: seeds a topic with BENCH_MESSAGES messages (5,000)
// through the REST API, opens it in headless Chromium, scrolls to the top until the topic's first message
// is there, and reports the main thread's long tasks (PerformanceObserver 'longtask'), max and p95 task
// time, the time to reach the top, and the DOM size. Prints figures, asserts nothing.
//
//   PARTYLINE_APP_URL=http://localhost:5174 npx tsx bench/client-scroll.ts
//
// The seed is kept in BENCH_SEED_FILE (default /tmp/partyline-client-scroll-seed.json) and reused by the
// next run against the same stack, so a before/after pair measures the same topic: seeding 5,000 messages
// at the per-user send limit (20 per 10 s) takes a few minutes.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

import { APP_URL } from '../client/e2e/harness.js';
import { desktopContext, launchChromium } from './lib/browser.js';
import { createParty, join, markRead, postMany, signInApi, unreadOf } from '../client/e2e/rest.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 5_000);
const AUTHORS = Number(process.env.BENCH_AUTHORS ?? 10);
const SEED_FILE = process.env.BENCH_SEED_FILE ?? '/tmp/partyline-client-scroll-seed.json';
const LABEL = process.env.BENCH_LABEL ?? APP_URL;

interface Seed {
  messages: number;
  reader: string;
  partyId: string;
  topicId: string;
}

async function seed(): Promise<Seed> {
  if (existsSync(SEED_FILE)) {
    const s = JSON.parse(readFileSync(SEED_FILE, 'utf8')) as Seed;
    if (s.messages === MESSAGES) return s;
  }
  const tag = Date.now().toString(36);
  const authors = [];
  for (let i = 0; i < AUTHORS; i += 1) authors.push(await signInApi(`bench${tag}a${i}`));
  const reader = `bench${tag}r`;
  const readerApi = await signInApi(reader);
  const { partyId, topicId } = await createParty(authors[0]!, `Scroll bench ${tag}`);
  await join(authors[0]!, partyId, [...authors.slice(1), readerApi]);
  const started = Date.now();
  const timer = setInterval(async () => {
    const u = await unreadOf(readerApi, topicId).catch(() => undefined);
    console.log(
      `  seeding: ${u?.lastSeq ?? '?'} / ${MESSAGES} (${Math.round((Date.now() - started) / 1000)} s)`,
    );
  }, 15_000);
  // Varied lengths, so rows have different heights as in a real topic.
  const words = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor'.split(' ');
  try {
    await postMany(authors, topicId, MESSAGES, words.slice(0, 3 + (MESSAGES % 9)).join(' '));
  } finally {
    clearInterval(timer);
  }
  const s: Seed = { messages: MESSAGES, reader, partyId, topicId };
  writeFileSync(SEED_FILE, JSON.stringify(s));
  return s;
}

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

async function main() {
  console.log(`client scroll benchmark: ${MESSAGES} messages, app ${APP_URL} (${LABEL})`);
  const s = await seed();
  const readerApi = await signInApi(s.reader);
  const lastSeq = (await unreadOf(readerApi, s.topicId))!.lastSeq;
  await markRead(readerApi, s.topicId, lastSeq); // opens at the end, as a caught-up reader would

  const browser = await launchChromium();
  try {
    const context = await desktopContext(browser);
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __longTasks: number[]; __longFrames: LongFrame[] };
      w.__longTasks = [];
      w.__longFrames = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
      // What a long task was made of: Chromium's long animation frames name the scripts that ran in them
      // and split the frame into script, style and layout, and the rest of rendering.
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as LoafEntry[]) {
          if (e.duration < 50) continue;
          w.__longFrames.push({
            duration: e.duration,
            renderMs: e.startTime + e.duration - e.renderStart,
            styleAndLayoutMs: e.startTime + e.duration - e.styleAndLayoutStart,
            scripts: e.scripts.map((x) => ({
              what: `${x.invoker} ${x.sourceFunctionName || ''} ${x.sourceURL.split('/').pop() ?? ''}`.trim(),
              ms: x.duration,
              layoutMs: x.forcedStyleAndLayoutDuration,
            })),
          });
        }
      }).observe({ type: 'long-animation-frame', buffered: true });
    });
    await page.goto('/');
    await page.getByLabel('Username').fill(s.reader);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
    await page.goto(`/parties/${s.partyId}/topics/${s.topicId}`);
    const list = page.getByTestId('message-list');
    await list.locator(`[data-seq="${lastSeq}"]`).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1_000);
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[]; __longFrames: LongFrame[] };
      w.__longTasks = [];
      w.__longFrames = [];
    });

    // BENCH_PROFILE=1: a CPU profile of the scrolling, its top functions by self time printed at the end.
    const cdp = process.env.BENCH_PROFILE ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }

    // Scroll to the top over and over, as a reader paging back through history would.
    const started = Date.now();
    let scrolls = 0;
    const welcome = page.getByRole('heading', { name: /^Welcome to #/ });
    while ((await welcome.count()) === 0 && Date.now() - started < 600_000) {
      await list.evaluate((el) => el.scrollTo({ top: 0 }));
      scrolls += 1;
      await page.waitForTimeout(250);
    }
    const seconds = (Date.now() - started) / 1000;
    await page.waitForTimeout(1_000);
    const { tasks, frames } = await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[]; __longFrames: LongFrame[] };
      return { tasks: w.__longTasks, frames: w.__longFrames };
    });
    const dom = await page.evaluate(() => ({
      nodes: document.getElementsByTagName('*').length,
      rows: document.querySelectorAll('[data-testid="message"]').length,
    }));
    const reachedTop = (await welcome.count()) > 0;
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      printProfile(profile);
      // BENCH_PROFILE_FILE=scroll.cpuprofile: the whole profile too, for DevTools' Performance panel.
      if (process.env.BENCH_PROFILE_FILE)
        writeFileSync(process.env.BENCH_PROFILE_FILE, JSON.stringify(profile));
    }
    printLongFrames(frames);
    console.log(
      JSON.stringify(
        {
          app: LABEL,
          messages: MESSAGES,
          reachedTop,
          secondsToTop: Number(seconds.toFixed(1)),
          scrolls,
          longTasks: tasks.length,
          longTaskMaxMs: Math.round(Math.max(0, ...tasks)),
          longTaskP95Ms: Math.round(pct(tasks, 95)),
          longTaskTotalMs: Math.round(tasks.reduce((a, b) => a + b, 0)),
          domNodes: dom.nodes,
          messageRowsInDom: dom.rows,
        },
        null,
        2,
      ),
    );
  } finally {
    await browser.close();
  }
}

interface LongFrame {
  duration: number;
  renderMs: number;
  styleAndLayoutMs: number;
  scripts: { what: string; ms: number; layoutMs: number }[];
}
/** The part of PerformanceLongAnimationFrameTiming read here (not yet in TypeScript's DOM types). */
interface LoafEntry {
  startTime: number;
  duration: number;
  renderStart: number;
  styleAndLayoutStart: number;
  scripts: {
    invoker: string;
    sourceFunctionName: string;
    sourceURL: string;
    duration: number;
    forcedStyleAndLayoutDuration: number;
  }[];
}

function printLongFrames(frames: LongFrame[]) {
  console.log(`animation frames over 50 ms: ${frames.length}`);
  for (const f of frames) {
    const scripts = f.scripts
      .filter((x) => x.ms >= 5)
      .map((x) => `${x.what} ${Math.round(x.ms)} ms (layout ${Math.round(x.layoutMs)})`);
    console.log(
      `  ${Math.round(f.duration)} ms: rendering ${Math.round(f.renderMs)} (style and layout ${Math.round(f.styleAndLayoutMs)}); ${scripts.join('; ') || 'no script over 5 ms'}`,
    );
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
/** The top functions by self time, and by total time (itself and what it called; a build without
 * minification names the components: `vite build --minify false`). */
function printProfile(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const ms = (profile.timeDeltas?.[i] ?? 0) / 1000;
    self.set(keyOf(id), (self.get(keyOf(id)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) seen.add(keyOf(at));
    for (const key of seen) total.set(key, (total.get(key) ?? 0) + ms);
  });
  const print = (title: string, times: Map<string, number>, count: number) => {
    console.log(title);
    const top = [...times.entries()].sort((a, b) => b[1] - a[1]).slice(0, count);
    for (const [k, ms] of top) console.log(`  ${ms.toFixed(0).padStart(7)}  ${k}`);
  };
  print('top self time (ms):', self, 20);
  print(
    'top total time (ms), named functions:',
    new Map([...total].filter(([k]) => /^[A-Z]\w{3,}/.test(k))),
    25,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
