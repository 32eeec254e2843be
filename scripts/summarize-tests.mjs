#!/usr/bin/env node
// Sums up one test run (scripts/test-all.sh) from its steps file and the runners' JSON reports.
//
//   node scripts/summarize-tests.mjs [steps-file]      (default: tests/.reports/steps.tsv)
//
// The steps file has one line per step, tab-separated:  name  kind  status  [report]
//   kind    check       one pass/fail test (lint, typecheck, build...): passes when status is 0
//           vitest      a vitest JSON report (numPassedTests, numFailedTests, numPendingTests + numTodoTests)
//           playwright  a Playwright JSON report (stats.expected / unexpected / flaky / skipped)
//   status  the step's exit code, or `not-run:<reason>` when it could not run (counts as a failure)
//   report  path of the JSON report (vitest, playwright), relative to the working directory
//
// Prints a line per suite and finally one line `N passed, N failed, N skipped`. Exits 1 if anything
// failed, a step did not run, or an expected report is missing or unreadable.
import { existsSync, readFileSync } from 'node:fs';

const stepsFile = process.argv[2] ?? 'tests/.reports/steps.tsv';

const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];
const lines = [];

function add(name, counts, note = '') {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  const mark = counts.failed > 0 ? 'FAIL' : 'ok  ';
  lines.push(
    `${mark} ${name.padEnd(24)} ${String(counts.passed).padStart(4)} passed ${String(counts.failed).padStart(3)} failed ${String(counts.skipped).padStart(3)} skipped${note ? `  (${note})` : ''}`,
  );
  if (counts.failed > 0) problems.push(name);
}

function readJson(file) {
  if (!file || !existsSync(file)) return { error: `report missing: ${file ?? '(none named)'}` };
  try {
    return { data: JSON.parse(readFileSync(file, 'utf8')) };
  } catch (error) {
    return { error: `report unreadable: ${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function num(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function vitestCounts(report) {
  const counts = {
    passed: num(report.numPassedTests),
    failed: num(report.numFailedTests),
    skipped: num(report.numPendingTests) + num(report.numTodoTests),
  };
  const notes = [];
  // A file that fails to load or throws in a hook has no failed test of its own: count it once.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  );
  if (brokenFiles.length > 0) {
    counts.failed += brokenFiles.length;
    notes.push(`${brokenFiles.length} file(s) failed outside any test: ${brokenFiles.map((f) => f.name).join(', ')}`);
  }
  if (report.success === false && counts.failed === 0) {
    counts.failed += 1;
    notes.push('vitest reported success=false');
  }
  return { counts, notes };
}

function playwrightCounts(report) {
  const stats = report.stats ?? {};
  const counts = {
    passed: num(stats.expected) + num(stats.flaky),
    failed: num(stats.unexpected),
    skipped: num(stats.skipped),
  };
  const notes = [];
  if (num(stats.flaky) > 0) notes.push(`${stats.flaky} flaky`);
  // Errors outside tests (web server did not start, global setup threw...).
  const errors = Array.isArray(report.errors) ? report.errors : [];
  if (errors.length > 0) {
    counts.failed += errors.length;
    const first = String(errors[0]?.message ?? '').split('\n')[0];
    notes.push(`${errors.length} error(s) outside tests${first ? `: ${first.slice(0, 120)}` : ''}`);
  }
  return { counts, notes };
}

if (!existsSync(stepsFile)) {
  console.error(`summarize-tests: steps file missing: ${stepsFile}`);
  console.log('0 passed, 1 failed, 0 skipped');
  process.exit(1);
}

const steps = readFileSync(stepsFile, 'utf8')
  .split('\n')
  .map((line) => line.replace(/\r$/, ''))
  .filter((line) => line.trim() && !line.startsWith('#'))
  .map((line) => {
    const [name = '?', kind = 'check', status = '', report] = line.split('\t');
    return { name, kind, status, report: report || undefined };
  });

if (steps.length === 0) {
  console.error(`summarize-tests: no steps recorded in ${stepsFile}`);
  console.log('0 passed, 1 failed, 0 skipped');
  process.exit(1);
}

for (const step of steps) {
  const notRun = step.status.startsWith('not-run');
  const exitCode = notRun ? undefined : Number(step.status);
  if (notRun && step.kind === 'check') {
    add(step.name, { passed: 0, failed: 1, skipped: 0 }, `did not run: ${step.status.slice('not-run:'.length) || 'no reason given'}`);
    continue;
  }
  if (step.kind === 'check') {
    const ok = exitCode === 0;
    add(step.name, { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 }, ok ? '' : `exit code ${step.status}`);
    continue;
  }
  if (step.kind !== 'vitest' && step.kind !== 'playwright') {
    add(step.name, { passed: 0, failed: 1, skipped: 0 }, `unknown step kind "${step.kind}"`);
    continue;
  }
  if (notRun) {
    add(step.name, { passed: 0, failed: 1, skipped: 0 }, `did not run: ${step.status.slice('not-run:'.length) || 'no reason given'}`);
    continue;
  }
  const { data, error } = readJson(step.report);
  if (error) {
    add(step.name, { passed: 0, failed: 1, skipped: 0 }, `${error}; exit code ${step.status}`);
    continue;
  }
  const { counts, notes } = step.kind === 'vitest' ? vitestCounts(data) : playwrightCounts(data);
  if (Number.isFinite(exitCode) && exitCode !== 0 && counts.failed === 0) {
    // The runner failed for a reason its report does not show (unhandled error, bad config...).
    counts.failed += 1;
    notes.push(`runner exited ${exitCode} with no failure in its report`);
  }
  if (counts.passed + counts.failed + counts.skipped === 0) notes.push('ran no test');
  add(step.name, counts, notes.join('; '));
}

console.log('');
console.log('== Test summary ==');
for (const line of lines) console.log(line);
if (problems.length > 0) console.log(`Failed: ${problems.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
