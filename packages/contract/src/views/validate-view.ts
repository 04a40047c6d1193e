// Validates a whole view against the limits, returning it typed on success or every problem found, each with its path.
import { resolveViewLimits, type ViewLimits } from './limits.js';
import { indexPath, keyPath, type ViewProblem } from './problem.js';
import type { View } from './stages.js';
import { walkStage } from './validate-stage.js';
import { newExpressionWalk } from './validate-expression.js';

export type ViewValidation = { ok: true; view: View } | { ok: false; problems: ViewProblem[] };

/**
 * Structural validation, no schema: a later pass in core checks that fields exist and types fit. Accepts
 * `{stages: [...]}` only; a bare array is refused so the wire shape stays single.
 */
export function validateView(view: unknown, limits?: Partial<ViewLimits>): ViewValidation {
  const walk = newExpressionWalk(resolveViewLimits(limits));
  const fail = (path: string, message: string): ViewValidation => ({ ok: false, problems: [{ path, message }] });
  if (Array.isArray(view)) return fail('', 'expected a view object {"stages": [...]}, not a bare list');
  if (typeof view !== 'object' || view === null) return fail('', 'expected a view object {"stages": [...]}');
  const record = view as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== 'stages') walk.problems.push({ path: key, message: `unknown key ${JSON.stringify(key)} in view` });
  }
  const stages = record['stages'];
  if (!Array.isArray(stages)) return fail('stages', 'expected a list of stages');
  if (stages.length > walk.limits.maxStages) {
    return fail('stages', `view has ${stages.length} stages; the limit is ${walk.limits.maxStages}`);
  }
  stages.forEach((stage: unknown, i) => walkStage(stage, indexPath(keyPath('', 'stages'), i), walk));
  return walk.problems.length === 0 ? { ok: true, view: view as View } : { ok: false, problems: walk.problems };
}
