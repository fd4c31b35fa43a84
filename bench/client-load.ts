// Time to an interactive chat on reload (issue 13.10): a signed-in reader reloads a topic page
// BENCH_RELOADS times (10) in headless Chromium at 1440×900. Per reload it records when the newest message
// is drawn (in the DOM, the list shown) and the composer takes text, measured from the navigation's start;
// the JavaScript fetched before then (compressed and decoded bytes); and when the first requests for the
// session, the lists and the messages started (whether they wait on one another). Prints figures, asserts
// nothing.
//
//   PARTYLINE_APP_URL=http://localhost:5173 npx tsx bench/client-load.ts
import { APP_URL } from '../client/e2e/harness.js';
import { desktopContext, launchChromium } from './lib/browser.js';
import { machineNote, summarize } from './lib/stats.js';
import { createParty, join, markRead, postMany, signInApi, unreadOf } from '../client/e2e/rest.js';

const RELOADS = Number(process.env.BENCH_RELOADS ?? 10);
const MESSAGES = 60;

interface Sample {
  readyMs: number;
  /** The entry script and the modules index.html preloads: what every first load fetches. */
  initialEncodedKb: number;
  jsEncodedKb: number;
  jsDecodedKb: number;
  starts: Record<string, number | null>;
}

async function main() {
  console.log(`client load benchmark: ${RELOADS} reloads of a topic of ${MESSAGES} messages, app ${APP_URL}`);
  const tag = Date.now().toString(36);
  const authors = [await signInApi(`load${tag}a`), await signInApi(`load${tag}b`)];
  const reader = await signInApi(`load${tag}r`);
  const { partyId, topicId } = await createParty(authors[0]!, `Load bench ${tag}`);
  await join(authors[0]!, partyId, [authors[1]!, reader]);
  await postMany(authors, topicId, MESSAGES, 'a message of a few words to read');
  const lastSeq = (await unreadOf(reader, topicId))!.lastSeq;
  await markRead(reader, topicId, lastSeq);

  const browser = await launchChromium();
  try {
    const context = await desktopContext(browser);
    const page = await context.newPage();
    // Watches every frame from the start of each load for the moment the chat is usable.
    // (A string: tsx names arrow functions with a helper that does not exist in the page.)
    await page.addInitScript(`(() => {
      const check = () => {
        const row = document.querySelector('[data-testid="message"][data-seq="${lastSeq}"]');
        const items = document.querySelector('[data-testid="virtuoso-item-list"]');
        const box = document.querySelector('textarea[aria-label="Message"]');
        if (row && items && items.style.visibility !== 'hidden' && box && !box.disabled) {
          window.__ready = performance.now();
          return;
        }
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    })()`);
    await page.goto('/');
    await page.getByLabel('Username').fill(reader.username);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
    const topicPath = `/parties/${partyId}/topics/${topicId}`;
    await page.goto(topicPath);
    await page.waitForFunction(() => (window as unknown as { __ready?: number }).__ready !== undefined);

    const html = await (await fetch(`${APP_URL}/`)).text();
    const initialPaths = new Set(
      [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map(
        (m) => m[1]!,
      ),
    );
    const samples: Sample[] = [];
    for (let i = 0; i < RELOADS; i += 1) {
      await page.reload();
      await page.waitForFunction(
        () => (window as unknown as { __ready?: number }).__ready !== undefined,
        null,
        {
          timeout: 30_000,
        },
      );
      // Raw entries out of the page, worked on here: tsx names inner functions with a helper the page lacks.
      const { ready, resources } = await page.evaluate(() => ({
        ready: (window as unknown as { __ready: number }).__ready,
        resources: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({
          name: r.name,
          startTime: r.startTime,
          responseEnd: r.responseEnd,
          encoded: r.encodedBodySize,
          decoded: r.decodedBodySize,
        })),
      }));
      const js = resources.filter((r) => /\.js(\?|$)/.test(r.name) && r.responseEnd <= ready);
      const first = (pattern: RegExp) => {
        const hit = resources.find((r) => pattern.test(new URL(r.name).pathname));
        return hit ? Math.round(hit.startTime) : null;
      };
      const initial = resources.filter((r) => initialPaths.has(new URL(r.name).pathname));
      samples.push({
        readyMs: Math.round(ready),
        initialEncodedKb: Math.round(initial.reduce((n, r) => n + r.encoded, 0) / 1024),
        jsEncodedKb: Math.round(js.reduce((n, r) => n + r.encoded, 0) / 1024),
        jsDecodedKb: Math.round(js.reduce((n, r) => n + r.decoded, 0) / 1024),
        starts: {
          refresh: first(/^\/api\/auth\/refresh$/),
          parties: first(/^\/api\/parties$/),
          unread: first(/^\/api\/unread$/),
          messages: first(/^\/api\/topics\/[^/]+\/messages$/),
        },
      });
    }
    const ready = summarize(samples.map((s) => s.readyMs));
    const startsOf = (key: string) =>
      samples.map((s) => s.starts[key]).filter((v): v is number => v !== null && v !== undefined);
    console.log(
      JSON.stringify(
        {
          app: APP_URL,
          reloads: RELOADS,
          interactiveMs: { p50: ready.p50, p90: ready.p90, max: ready.max },
          initialJsKb: { compressed: samples[0]!.initialEncodedKb, files: initialPaths.size },
          jsBeforeInteractiveKb: { compressed: samples[0]!.jsEncodedKb, decoded: samples[0]!.jsDecodedKb },
          requestStartMsP50: Object.fromEntries(
            ['refresh', 'parties', 'unread', 'messages'].map((k) => [k, summarize(startsOf(k)).p50]),
          ),
          machine: machineNote(),
        },
        null,
        2,
      ),
    );
  } finally {
    await browser.close();
  }
}

await main();
