// Exports stay text, CSV: the hostile corpus stays in its cells (RFC
// 4180), and no cell starts a formula: text beginning with = + - @ (or a
// tab or carriage return) is defused with a leading apostrophe, the rest is
// as typed.
//
// The CSV has one row per provider and question, least risky provider
// first: each row's provider name, question, statuses, summary, ask,
// citations and note are compared with the decision's JSON export, and the
// basis and words of the lab's finding (with its document reference) with
// the provider's record in it.
//
// Run (with the other render tests): node --test tests/render/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { names, rounds, scratch, texts, urls } from './corpus.mjs';
import { Seen, describe, findingWords, uncovered } from './report.mjs';

/** RFC 4180 records (CRLF between records, quotes doubled). */
function parse(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += c;
  }
  assert.equal(quoted, false, 'an unclosed quote');
  assert.equal(cell + row.join(''), '', 'text after the last CRLF');
  return rows;
}

const formula = /^[=+\-@\t\r]/;
const defused = (s) => (formula.test(s) ? `'${s}` : s);

const COLUMNS = ['provider', 'question', 'domain', 'text', 'weight', 'status', 'profile_status', 'basis', 'finding', 'risk', 'points',
  'gap_rank', 'confirm_in_writing', 'summary', 'ask', 'citations', 'note', 'points_best', 'points_worst', 'evidence_date', 'stale'];

/** Every difference between a CSV export and its decision's JSON. */
function differences(csv, e, seen) {
  const out = [];
  const same = (where, got, want) => {
    if (got !== want) out.push({ where, want, got });
  };
  const [head, ...rows] = parse(csv);
  same('columns', head.join(','), COLUMNS.join(','));
  const col = Object.fromEntries(head.map((h, i) => [h, i]));
  const ranked = e.ranking.map((id) => e.providers.find((p) => p.profile.provider.id === id));
  if (rows.length !== ranked.length * 18) {
    out.push({ where: 'rows', want: ranked.length * 18, got: rows.length });
    return out;
  }
  rows.forEach((row, i) => {
    const p = ranked[Math.floor(i / 18)];
    const q = p.figures.questions[i % 18];
    const at = `row ${i + 1} (${p.profile.provider.id}, Q${q.question})`;
    if (row.length !== head.length) {
      out.push({ where: `${at}: cells`, want: head.length, got: row.length });
      return;
    }
    for (const cell of row) if (formula.test(cell)) out.push({ where: `${at}: starts a formula`, want: `'${cell}`, got: cell });
    const finding = p.findings?.[String(q.question)];
    same(`${at}: provider`, row[col.provider], defused(p.profile.provider.name));
    same(`${at}: question`, row[col.question], String(q.question));
    same(`${at}: text`, row[col.text], q.text);
    same(`${at}: status`, row[col.status], q.status);
    same(`${at}: profile status`, row[col.profile_status], q.profile_status);
    same(`${at}: basis`, row[col.basis], finding ? finding.basis ?? 'not stated' : 'profile');
    same(`${at}: finding`, row[col.finding], defused(findingWords(p, q.question) ?? ''));
    same(`${at}: summary`, row[col.summary], defused(q.summary));
    same(`${at}: ask`, row[col.ask], defused(q.ask));
    same(`${at}: note`, row[col.note], defused(q.note));
    same(`${at}: citations`, row[col.citations], defused(q.citations.map((c) => `${c.title} <${c.url}>`).join('; ')));
    seen.add('name', p.profile.provider.name);
    seen.add('summary', q.summary);
    seen.add('ask', q.ask);
    seen.add('note', q.note);
    if (finding?.reference !== undefined) seen.add('finding reference', finding.reference);
    for (const c of q.citations) {
      seen.add('citation title', c.title);
      seen.add('citation url', c.url);
    }
  });
  return out;
}

test('every cell holds its text, and none starts a formula', () => {
  const data = scratch('csp-radar-corpus-');
  try {
    const seen = new Seen();
    const problems = rounds(data.dir).flatMap((r) => differences(r.csv, r.expected, seen).map((p) => ({ round: r.round, via: r.via, ...p })));
    problems.push(...uncovered(seen, {
      summary: texts, ask: texts, note: texts, 'finding reference': texts, 'citation title': texts, 'citation url': urls,
    }));
    assert.equal(problems.length, 0, describe(problems));
  } finally {
    data.remove();
  }
});

test('every string as a provider name holds its cell', () => {
  const data = scratch('csp-radar-corpus-');
  try {
    const seen = new Seen();
    const problems = names(data.dir).flatMap((x, i) => differences(x.csv, x.expected, seen).map((p) => ({ ...p, where: `name ${i}, ${p.where}` })));
    problems.push(...uncovered(seen, { name: texts.map((t) => t.slice(0, 100)) }));
    assert.equal(problems.length, 0, describe(problems));
  } finally {
    data.remove();
  }
});
