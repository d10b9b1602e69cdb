/**
 * axe-core (the engine behind most accessibility checkers) run inside a real page: WCAG 2.0/2.1 A and AA rules,
 * the bar of BITV 2.0. `seriousViolations(page)` answers the serious and critical findings, each with the rule,
 * its help text and the first targets, so a failing test says what to fix; `[]` means the screen passes.
 * Call it on any screen: `expect(await seriousViolations(page, 'pre-join de phone')).to.deep.equal([])`.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let source: Promise<string> | undefined;

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
}

/** The serious and critical axe findings on `page` as readable lines (`[]`: none). */
export async function seriousViolations(page: Page, where: string): Promise<string[]> {
  source ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  // Injected as a script element's text, not a URL: pages with a strict CSP still accept it from the test.
  if (!loaded) await page.evaluate(await source);
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<unknown> } }).axe.run(
      document,
      {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      },
    ),
  )) as AxeResult;
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => JSON.stringify(n.target))
          .join(', ')}`,
    );
}
