import { createRequire } from 'node:module';

import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource: string = (require('axe-core') as { source: string }).source;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

interface RawNode {
  target: string[];
  html: string;
  failureSummary?: string;
}

// Dialogs, popovers and menus fade in: axe measures the colours an element has at that instant, and half
// way through an opening the text is blended with what is under it. The check waits until every such layer
// is at rest (fully shown or fully hidden, and unchanged over two polls), as a user's eye does. A string,
// so that nothing the TypeScript loader adds to functions reaches the page.
const LAYERS_SETTLED = `(() => {
  const layers = [...document.querySelectorAll(
    '.chakra-modal__content, .chakra-modal__overlay, .chakra-popover__content, .chakra-menu__menu-list, [role="dialog"]')];
  const opacities = layers.map((el) => getComputedStyle(el).opacity);
  const signature = layers.map((el, i) => opacities[i] + (el.getAttribute('style') ?? '')).join('|');
  const steady = window.__axeLayers === signature;
  window.__axeLayers = signature;
  return steady && opacities.every((o) => o === '0' || o === '1');
})()`;

// Polled from here with page.evaluate (the DevTools protocol): waitForFunction evaluates its string with
// eval, which the app's CSP refuses, rightly.
async function settled(page: Page): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await page.evaluate<boolean>(LAYERS_SETTLED))) {
    if (Date.now() > deadline) throw new Error('dialogs, popovers or menus still moving after 10 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Runs axe-core in the page (WCAG 2.x A/AA and best practices) and returns the serious and critical
 * violations, each with the selectors of the elements at fault. The source goes in through the DevTools
 * protocol, which the page's CSP does not govern (an inline <script> would be refused, rightly).
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await settled(page);
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    })) as {
      violations: { id: string; impact: string | null; help: string; nodes: RawNode[] }[];
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map(
        (n) =>
          `${n.target.join(' ')} ${n.html.slice(0, 160)} :: ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200)}`,
      ),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A readable list for a failed expectation. */
export const describeViolations = (violations: AxeViolation[]) =>
  violations
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 5).join('\n    ')}`)
    .join('\n');
