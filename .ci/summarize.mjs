// Reads Vitest's JSON report and prints the closing line CI reads: "N passed, N failed, N skipped".
import { existsSync, readFileSync } from 'node:fs';

const path = process.argv[2] ?? '.ci/vitest-report.json';
if (!existsSync(path)) {
  console.log('ci: no Vitest report was written (the build or the runner failed before tests ran)');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const report = JSON.parse(readFileSync(path, 'utf8'));
const passed = report.numPassedTests ?? 0;
// A suite that fails to load counts as a failure even though none of its tests ran.
const failedSuites = (report.testResults ?? []).filter(
  (r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0,
).length;
const failed = (report.numFailedTests ?? 0) + failedSuites;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
for (const file of report.testResults ?? []) {
  if (file.status === 'failed')
    console.log(`ci: failed: ${file.name}${file.message ? ` — ${String(file.message).split('\n')[0]}` : ''}`);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
