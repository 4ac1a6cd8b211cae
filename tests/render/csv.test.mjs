// SPEC 22, CSV: the hostile corpus stays in its cells (RFC 4180), and no
// cell starts a formula: text beginning with = + - @ (or a tab or carriage
// return) is defused with a leading apostrophe, the rest is as typed.
//
// Run (with the other render tests): node --test tests/render/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rounds, scratch } from './corpus.mjs';

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

test('every cell holds its text, and none starts a formula', () => {
  const data = scratch('csp-radar-corpus-');
  try {
    for (const r of rounds(data.dir)) {
      const [head, ...rows] = parse(r.csv);
      assert.equal(rows.length, 18, `round ${r.round}: 18 rows`);
      const col = Object.fromEntries(head.map((h, i) => [h, i]));
      for (const row of rows) {
        assert.equal(row.length, head.length, `round ${r.round}: every row has every column`);
        for (const cell of row) assert.ok(!formula.test(cell), `round ${r.round}: ${JSON.stringify(cell)} starts a formula`);
        const q = r.expected.questions[Number(row[col.question]) - 1];
        assert.equal(row[col.summary], defused(q.summary), `round ${r.round}, Q${q.question}: summary`);
        assert.equal(row[col.ask], defused(q.ask), `round ${r.round}, Q${q.question}: ask`);
        assert.equal(row[col.note], defused(q.note), `round ${r.round}, Q${q.question}: note`);
        const citations = q.citations.map((c) => `${c.title} <${c.url}>`).join('; ');
        assert.equal(row[col.citations], defused(citations), `round ${r.round}, Q${q.question}: citations`);
      }
    }
  } finally {
    data.remove();
  }
});
