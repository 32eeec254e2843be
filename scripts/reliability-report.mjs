#!/usr/bin/env node
// Renders docs/RELIABILITY.md from the fragments the test suites write to tests/.reports/reliability/.
//
//   node scripts/reliability-report.mjs [--out docs/RELIABILITY.md] [--dir tests/.reports/reliability]
//
// A fragment (tests/support/reliability.ts): { section, columns, engine, rows: [[...], ...] }. Rows of
// one section that are equal in every column but `cases` are merged (the integration suite runs on
// PGlite and again on Postgres) and their cases summed. Only the sections that have fragments are
// rewritten (from their `## <section>` heading to the next `## ` heading); every other part of the
// document, e.g. a section written by hand, is kept as it is.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const out = option('--out', 'docs/RELIABILITY.md');
const dir = option('--dir', 'tests/.reports/reliability');

const ORDER = ['Faults', 'Attacks and bad input', 'Load'];
const INTRO = {
  Faults:
    'Each console mutation under each fault the standalone emulator injects (`--test-mode`, `POST /__faults`), through the ' +
    'real server actions and the http backend (`tests/integration/http-faults.test.ts`). Every case asserts what the user ' +
    'is told, that the audit holds no `applied` outcome the HSM did not make (and no `failed` one), and that a retry of the ' +
    'same submission (same idempotency key) is applied exactly once. The other rows come from the http backend tests ' +
    '(`tests/integration/http-*.test.ts`).',
  'Attacks and bad input':
    'Each attack and input family the security suites try. The authorization matrix (`tests/integration/authz-matrix.test.ts`) ' +
    'is generated from the permission table and the registry of every server action and route handler ' +
    '(`tests/support/registry*.ts`): each one x every role and scope x own and foreign tenant x nobody signed in, through the ' +
    'real exported function; a refused call must change nothing and be in the security log. Property-based tests (fast-check) ' +
    'throw random and malformed input at every schema, every mutating action and the emulator REST APIs. The `http` rows run ' +
    'against the production build (`tests/e2e/attacks.spec.ts`, `security-headers.spec.ts`, `role-change.spec.ts`).',
  Load:
    'The 60-second run of `npm run load:http` (`npm test` runs a 10-second one as a check): the standalone emulator in its own process, 20 console users ' +
    'reading and changing policies through the service layer. Version conflicts and "already changed" refusals are the ' +
    'expected result of users racing on the same partitions and are counted apart from errors. Latencies depend on the machine.',
};
const SOURCE = { Load: '`npm run load:http`' };

const fragments = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .flatMap((file) => {
        try {
          const data = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
          if (typeof data.section === 'string' && Array.isArray(data.columns) && Array.isArray(data.rows)) return [{ file, ...data }];
          console.warn(`[reliability-report] skipped ${file}: not a fragment ({ section, columns, rows })`);
        } catch (error) {
          console.warn(`[reliability-report] skipped ${file}: ${error instanceof Error ? error.message : error}`);
        }
        return [];
      })
  : [];

/** section -> { columns, rows: Map<key, row>, engines: Map<engine, cases>, cases } */
const sections = new Map();
for (const fragment of fragments) {
  const section = sections.get(fragment.section) ?? { columns: fragment.columns, rows: new Map(), engines: new Map(), cases: 0 };
  sections.set(fragment.section, section);
  const casesAt = fragment.columns.indexOf('cases');
  if (fragment.engine && casesAt >= 0) {
    const engineCases = fragment.rows.reduce((sum, row) => sum + (Number(row[casesAt]) || 0), 0);
    section.engines.set(fragment.engine, (section.engines.get(fragment.engine) ?? 0) + engineCases);
  }
  for (const row of fragment.rows) {
    const cells = section.columns.map((column) => row[fragment.columns.indexOf(column)] ?? '');
    const key = JSON.stringify(cells.filter((_, i) => i !== casesAt));
    const cases = casesAt >= 0 ? Number(row[casesAt]) || 0 : 0;
    section.cases += cases;
    const seen = section.rows.get(key);
    if (seen && casesAt >= 0) seen[casesAt] = Number(seen[casesAt]) + cases;
    else if (!seen) section.rows.set(key, cells);
  }
}

const cell = (value) => String(value).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function render(name, section) {
  const label = (e) => (e === 'pglite' ? 'PGlite' : e === 'postgres' ? 'Postgres' : e);
  const engines = [...section.engines].map(([e, n]) => `${n} on ${label(e)}`).join(', ');
  const lines = [`## ${name}`, ''];
  if (INTRO[name]) lines.push(INTRO[name], '');
  const source = SOURCE[name] ?? "the test suite's own reports";
  lines.push(`${section.cases} cases${engines ? ` (${engines})` : ''}; rendered by \`npm run reliability:report\` from ${source}.`, '');
  lines.push(`| ${section.columns.join(' | ')} |`, `|${section.columns.map(() => '---').join('|')}|`);
  for (const row of section.rows.values()) lines.push(`| ${row.map(cell).join(' | ')} |`);
  return `${lines.join('\n')}\n`;
}

const HEADER = `# Reliability

What the test suite tried against the console, how many cases, and what happened. The tables are
generated (\`scripts/reliability-report.mjs\`) from reports the tests write while they run; a case is
counted only once all of its assertions held. Sections without a table here are written by hand.
`;

let doc = existsSync(out) ? readFileSync(out, 'utf8') : HEADER;
const names = [...sections.keys()].sort((a, b) => {
  const rank = (n) => (ORDER.includes(n) ? ORDER.indexOf(n) : ORDER.length);
  return rank(a) - rank(b);
});
for (const name of names) {
  const body = render(name, sections.get(name));
  const heading = new RegExp(`^## ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'm');
  const match = heading.exec(doc);
  if (!match) {
    doc = `${doc.trimEnd()}\n\n${body}`;
    continue;
  }
  const rest = doc.slice(match.index + match[0].length);
  const next = /^## /m.exec(rest);
  const end = next ? match.index + match[0].length + next.index : doc.length;
  doc = `${doc.slice(0, match.index)}${body}${next ? '\n' : ''}${doc.slice(end)}`;
}
writeFileSync(out, doc.endsWith('\n') ? doc : `${doc}\n`);
console.log(`[reliability-report] ${out}: ${names.map((n) => `${n} (${sections.get(n).cases} cases)`).join(', ') || 'no fragments, nothing changed'}`);
