// axe-core run inside the page on one part of it: the rule violations found, as short lines a failing test can print.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** "rule-id: help (n nodes)" for each WCAG A/AA violation inside `selector`. */
export async function axeViolations(page: Page, selector: string): Promise<string[]> {
  // Evaluated, not added as a <script>: the app's Content-Security-Policy (script-src 'self') refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(AXE_PATH, 'utf8'));
  return page.evaluate(async (include) => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<AxeResult> } }).axe;
    interface AxeResult {
      violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }>;
    }
    const result = await axe.run(
      { include: [include] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } },
    );
    return result.violations.map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes.length} nodes: ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))})`,
    );
  }, selector);
}
