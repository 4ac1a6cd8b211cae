// SPEC 22, Markdown: rendered by a CommonMark renderer with raw HTML on
// (markdown-it, pinned in tests/package.json, `html: true`), every string in
// a Markdown export reads as typed and makes no element; link destinations
// keep their address. Also the Tencent Cloud export shows no `&amp;`.
//
// Run (with wikitext.test.mjs): node --test tests/render/
// Needs /usr/bin/chromium, `npm install` in tests/, and the CLI built (see
// corpus.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { address, cli, inBrowser, inventory, names, norm, root, rounds, scratch } from './corpus.mjs';

const require = createRequire(join(root, 'tests/package.json'));
const MarkdownIt = require('markdown-it');
const renderer = new MarkdownIt({ html: true });

/** In the page: what each part of the report shows. */
function extract() {
  const text = (el) => (el ? el.innerText : null);
  const item = (li) => ({
    text: li.innerText,
    links: [...li.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href'), text: a.innerText })),
  });
  const tables = [...document.querySelectorAll('table')];
  return {
    h1: [...document.querySelectorAll('h1')].map(text),
    bullets: [...document.querySelectorAll('body > ul')].slice(0, 1).flatMap((ul) => [...ul.children].map(item)),
    lists: document.querySelectorAll('body > ol').length,
    gaps: [...document.querySelectorAll('body > ol > li')].map((li) => ({
      q: text(li.querySelector(':scope > strong')),
      items: [...li.querySelectorAll(':scope > ul > li')].map(item),
    })),
    rows: tables.map((t) => t.querySelectorAll('tr').length),
    notes: tables[1] ? [...tables[1].querySelectorAll('tbody tr')].map((tr) => tr.lastElementChild.innerText) : [],
    footer: item(document.querySelector('body > p:last-child') || document.body),
  };
}

function report(problems) {
  const line = (p) => `${p.round === undefined ? '' : `round ${p.round}, `}${p.where}: wanted ${JSON.stringify(p.want)}, shown ${JSON.stringify(p.got)}`;
  return `${problems.length} difference(s):\n${problems.slice(0, 25).map(line).join('\n')}`;
}

/** Every difference between what the page shows and the evaluation's text. */
function differences(shown, e) {
  const out = [];
  const same = (where, got, want) => {
    if (norm(got) !== norm(want)) out.push({ where, want, got });
  };
  const link = (where, got, want) => {
    const [a, ...more] = got.links;
    if (!a || more.length) return out.push({ where: `${where} link`, want: want.url, got: got.links });
    same(`${where} link text`, a.text, want.title);
    if (address(a.href) !== address(want.url)) out.push({ where: `${where} href`, want: want.url, got: a.href });
  };
  const name = e.provider_name;
  same('title', shown.h1.join(' ¶ '), `Cloud provider risk: ${name}`);
  const b = shown.bullets;
  const source = e.profile.source;
  const ranking = (e.ranking || []).map((r) => `Ranking: ${r.sentence}`);
  if (b.length !== 5 + ranking.length) out.push({ where: 'summary bullets', want: 5 + ranking.length, got: b.map((x) => x.text) });
  else {
    same('provider', b[0].text, `Provider: ${name} (${e.provider})`);
    same('source', b[1].text, `Source: ${source.title}`);
    link('source', b[1], source);
    ranking.forEach((r, k) => same(`ranking ${k}`, b[4 + k].text, r));
  }
  if (shown.lists !== 1 || shown.gaps.length !== e.gaps.length) out.push({ where: 'gap list', want: e.gaps.length, got: shown.gaps.map((g) => g.q) });
  if (JSON.stringify(shown.rows) !== JSON.stringify([9, 19])) out.push({ where: 'tables', want: [9, 19], got: shown.rows });
  same('notes column', shown.notes.join(' ¶ '), e.questions.map((q) => q.note).join(' ¶ '));
  if (!/LIMSWiki/.test(shown.footer.text) || !shown.footer.links.some((a) => a.href.startsWith('https://www.limswiki.org/'))) {
    out.push({ where: 'footer (the end of the report)', want: 'attribution and guide link', got: shown.footer });
  }
  e.gaps.forEach((gap, i) => {
    const q = e.questions[gap.question - 1];
    const g = shown.gaps[i] || { items: [] };
    const at = `Q${gap.question}`;
    if (!norm(g.q).startsWith(`${at} `)) out.push({ where: `${at} number`, want: at, got: g.q });
    const want = [];
    if (q.summary) want.push({ text: `Public information: ${q.summary}` });
    want.push({ text: `Ask: ${q.ask}` });
    if (q.note) want.push({ text: `Lab note: ${q.note}` });
    for (const c of q.citations) want.push({ text: `Source: ${c.title}${c.date ? ` (${c.date})` : ''}`, link: c });
    if (g.items.length !== want.length) {
      out.push({ where: `${at} items`, want: want.map((w) => w.text), got: g.items.map((x) => x.text) });
      return;
    }
    want.forEach((w, k) => {
      same(`${at} item ${k}`, g.items[k].text, w.text);
      if (w.link) link(`${at} item ${k}`, g.items[k], w.link);
    });
  });
  return out;
}

test('every name, title, summary, ask, note, citation title and URL reads as typed under markdown-it (html: true)', async () => {
  const data = scratch('csp-radar-corpus-');
  try {
    const all = rounds(data.dir);
    const shown = await inBrowser(all.map((r) => renderer.render(r.markdown)), [extract]);
    const problems = all.flatMap((r, i) => differences(shown[i][0], r.expected).map((p) => ({ round: r.round, ...p })));
    assert.equal(problems.length, 0, report(problems));
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
      const at = `round ${r.round}`;
      if (JSON.stringify(hi[i][0].counts) !== JSON.stringify(pi[i][0].counts)) problems.push({ where: `${at}: elements`, want: pi[i][0].counts, got: hi[i][0].counts });
      if (hi[i][0].bad.length) problems.push({ where: `${at}: script, style, image, form or event attribute`, want: [], got: hi[i][0].bad });
      // markdown-it's own token stream: no raw HTML from the text at all.
      const tokens = renderer.parse(r.markdown, {}).flatMap((t) => [t, ...(t.children || [])]);
      const html = tokens.filter((t) => t.type === 'html_inline' || t.type === 'html_block').map((t) => t.content);
      if (html.length) problems.push({ where: `${at}: raw HTML tokens`, want: [], got: html });
    });
    assert.equal(problems.length, 0, report(problems));
  } finally {
    data.remove();
  }
});

test('every string as a provider name makes its heading and reads as typed', async () => {
  const data = scratch('csp-radar-corpus-');
  try {
    const all = names(data.dir);
    const pages = all.map((x) => renderer.render(x.markdown));
    const [[found]] = await inBrowser([pages.join('\n')], [() => ({
      h1: [...document.querySelectorAll('h1')].map((h) => h.innerText),
      provider: [...document.querySelectorAll('ul')].map((ul) => ul.firstElementChild?.innerText).filter((t) => t?.startsWith('Provider: ')),
    })]);
    const problems = [];
    all.forEach((x, i) => {
      if (norm(found.h1[i]) !== norm(`Cloud provider risk: ${x.name}`)) problems.push({ where: `title ${i}`, want: x.name, got: found.h1[i] });
      if (norm(found.provider[i]) !== norm(`Provider: ${x.name} (p${i})`)) problems.push({ where: `provider ${i}`, want: x.name, got: found.provider[i] });
      const tokens = renderer.parse(x.markdown, {}).flatMap((t) => [t, ...(t.children || [])]);
      const html = tokens.filter((t) => t.type.startsWith('html_')).map((t) => t.content);
      if (html.length) problems.push({ where: `name ${i}: raw HTML tokens`, want: [], got: html });
    });
    if (found.h1.length !== all.length) problems.push({ where: 'titles', want: all.length, got: found.h1.length });
    assert.equal(problems.length, 0, report(problems));
  } finally {
    data.remove();
  }
});

test("Tencent Cloud's Markdown reads cleanly: no &amp; where the text has &", async () => {
  const run = cli();
  const profile = join(root, 'www/profiles/tencent-cloud.json');
  const md = run(['export', profile, '--format', 'md', '--as-of', '2026-06-01']);
  assert.equal((md.match(/&amp;/g) || []).length, 0, '&amp; in the Markdown');
  assert.ok(md.includes('| Fit & integration |'), 'domain labels as typed');
  const [[{ h1 }]] = await inBrowser([renderer.render(md)], [extract]);
  assert.deepEqual(h1, ['Cloud provider risk: Tencent Cloud']);
});
