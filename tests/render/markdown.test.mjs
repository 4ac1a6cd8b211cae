// Exports stay text, Markdown: rendered by a CommonMark renderer with raw
// HTML on (markdown-it, pinned in tests/package.json, `html: true`), every
// string in a Markdown export reads as typed and makes no element; link
// destinations keep their address. Also the Tencent Cloud export shows no
// `&amp;`.
//
// The export is the committee report (src/model/committee.rs): the
// decision table, the verdicts, the provenance lines, the questions to send
// each provider and the evidence per provider. Every block, list item and
// table cell of the rendered report is compared with what the decision's
// JSON export says it holds (report.mjs), so each corpus string is checked
// in every place the report shows it: a provider's name in the table, the
// verdicts, its provenance line, its two headings, its provider line and the
// ranking sentences; a source's title in the provenance line and the source
// line, its address as that line's link; summaries, findings (their
// document references), notes and citations in the evidence; asks in the
// questions to send and in the evidence.
//
// Run (with wikitext.test.mjs): node --test tests/render/
// Needs /usr/bin/chromium, `npm install` in tests/, and the CLI built (see
// corpus.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cli, inBrowser, inventory, names, root, rounds, scratch, texts, urls } from './corpus.mjs';
import { Seen, describe, differences, markdownReport, outline, uncovered } from './report.mjs';

const require = createRequire(join(root, 'tests/package.json'));
const MarkdownIt = require('markdown-it');
const renderer = new MarkdownIt({ html: true });

/** markdown-it's own token stream: raw HTML from the text, if any. */
function rawHtml(markdown) {
  const tokens = renderer.parse(markdown, {}).flatMap((t) => [t, ...(t.children || [])]);
  return tokens.filter((t) => t.type === 'html_inline' || t.type === 'html_block').map((t) => t.content);
}

test('every name, source, summary, finding, ask, note, citation title and URL reads as typed under markdown-it (html: true), wherever the report shows it', async () => {
  const data = scratch('csp-radar-corpus-');
  try {
    const all = rounds(data.dir);
    const shown = await inBrowser(all.map((r) => renderer.render(r.markdown)), [outline]);
    const seen = new Seen();
    const problems = all.flatMap((r, i) => differences(shown[i][0], markdownReport(r.expected, seen)).map((p) => ({ round: r.round, via: r.via, ...p })));
    problems.push(...uncovered(seen, {
      summary: texts, ask: texts, note: texts, 'finding reference': texts, 'citation title': texts, 'citation url': urls,
    }));
    assert.equal(problems.length, 0, describe(problems));
  } finally {
    data.remove();
  }
});

test('the rendered report has only the elements the report makes', async () => {
  const data = scratch('csp-radar-corpus-');
  try {
    const hostile = rounds(data.dir);
    const plain = rounds(data.dir, { benign: true });
    const hi = await inBrowser(hostile.map((r) => renderer.render(r.markdown)), [inventory]);
    const pi = await inBrowser(plain.map((r) => renderer.render(r.markdown)), [inventory]);
    const problems = [];
    hostile.forEach((r, i) => {
      const at = { round: r.round, via: r.via };
      if (JSON.stringify(hi[i][0].counts) !== JSON.stringify(pi[i][0].counts)) problems.push({ ...at, where: 'elements', want: pi[i][0].counts, got: hi[i][0].counts });
      if (hi[i][0].bad.length) problems.push({ ...at, where: 'script, style, image, form or event attribute', want: [], got: hi[i][0].bad });
      const html = rawHtml(r.markdown);
      if (html.length) problems.push({ ...at, where: 'raw HTML tokens', want: [], got: html });
    });
    assert.equal(problems.length, 0, describe(problems));
  } finally {
    data.remove();
  }
});

test('every string as a provider name and source title reads as typed in the table, verdicts, provenance, headings and provider lines', async () => {
  const data = scratch('csp-radar-corpus-');
  try {
    const all = names(data.dir);
    // One document of every export, one after the other: a construct left
    // open by one would also swallow the ones after it.
    const markdown = all.map((x) => x.markdown).join('\n');
    const [[shown]] = await inBrowser([renderer.render(markdown)], [outline]);
    const seen = new Seen();
    const problems = differences(shown, all.flatMap((x) => markdownReport(x.expected, seen)));
    const html = rawHtml(markdown);
    if (html.length) problems.push({ where: 'raw HTML tokens', want: [], got: html });
    problems.push(...uncovered(seen, { name: texts.map((t) => t.slice(0, 100)), 'source title': texts, 'source url': urls }));
    assert.equal(problems.length, 0, describe(problems));
  } finally {
    data.remove();
  }
});

test("Tencent Cloud's Markdown reads cleanly: no &amp; where the text has &, and renders as its text", async () => {
  const run = cli();
  const profile = join(root, 'www/profiles/tencent-cloud.json');
  const md = run(['export', profile, '--format', 'md', '--as-of', '2026-06-01']);
  const expected = JSON.parse(run(['export', profile, '--format', 'json', '--as-of', '2026-06-01']));
  assert.equal((md.match(/&amp;/g) || []).length, 0, '&amp; in the Markdown');
  assert.ok(md.includes('| Fit & integration |'), 'domain labels as typed');
  const [[shown]] = await inBrowser([renderer.render(md)], [outline]);
  const problems = differences(shown, markdownReport(expected, new Seen()));
  assert.equal(problems.length, 0, describe(problems));
});
