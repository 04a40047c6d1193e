// The axe-core accessibility check on the page as it is now: serious and critical violations, each printed so a person can find it.
import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** WCAG 2.0 and 2.1, levels A and AA: what the App promises (docs/design.md, "Accessibility"). */
const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);

export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  nodes: Array<{ target: string; summary: string }>;
}

/**
 * Runs axe over the whole document (injected once per document: the page's context needs `bypassCSP`) and returns
 * the serious and critical findings.
 */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe.source });
  const findings = await page.evaluate(async (tags) => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    const result = await run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      nodes: violation.nodes.map((node) => ({
        target: node.target.join(' '),
        summary: (node.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
      })),
    }));
  }, WCAG_AA_TAGS);
  return findings.filter((finding) => FAILING_IMPACTS.has(finding.impact));
}

/** One finding per paragraph: rule, impact, what it asks, and up to five of the elements it failed on. */
export function describeFindings(where: string, findings: readonly AxeFinding[]): string {
  return findings
    .map((f) =>
      [
        `${where}: ${f.rule} (${f.impact}) — ${f.help}`,
        ...f.nodes.slice(0, 5).map((n) => `    ${n.target}\n      ${n.summary}`),
        ...(f.nodes.length > 5 ? [`    … and ${f.nodes.length - 5} more`] : []),
      ].join('\n'),
    )
    .join('\n\n');
}

/** Fails with every serious or critical finding on the page, readably. */
export async function expectNoSeriousAxeFindings(page: Page, where: string): Promise<void> {
  const findings = await axeFindings(page);
  if (findings.length > 0)
    throw new Error(
      `axe found ${findings.length} serious or critical problem(s)\n\n${describeFindings(where, findings)}`,
    );
}
