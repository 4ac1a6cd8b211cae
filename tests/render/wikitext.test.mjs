// SPEC 22, wikitext: every string in a wikitext export renders in the real
// MediaWiki exactly as written, and the page has nothing the report did not
// make (no comment, reference, tag, template, parser function, magic word,
// signature, link, category, table or list).
//
// Run (with markdown.test.mjs): node --test tests/render/
// Needs MediaWiki in /usr/share/mediawiki with php-cli and php-sqlite3
// (.ci/setup test installs them), /usr/bin/chromium, and the CLI built
// (see corpus.mjs). A throwaway wiki (SQLite) is installed in a temporary
// directory and removed at the end; no server is started: the pages go
// through maintenance/parse.php, and tests/render/mw-inspect.php (through
// maintenance/runScript.php) reports what parse.php does not print: the
// pre-save transform (signatures, subst:) and the categories, links,
// templates and page properties the parse recorded.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { address, cli, inBrowser, inventory, names, norm, root, rounds, scratch } from './corpus.mjs';

const MW = '/usr/share/mediawiki';

// Everything that widens what wikitext can do: references, parser
// functions, <poem>, <inputbox>, magic links, external images.
const settings = `
wfLoadExtension( 'Cite' );
wfLoadExtension( 'ParserFunctions' );
wfLoadExtension( 'Poem' );
wfLoadExtension( 'InputBox' );
$wgEnableMagicLinks = [ 'ISBN' => true, 'PMID' => true, 'RFC' => true ];
$wgAllowExternalImages = true;
$wgRawHtml = false;
$wgMainCacheType = CACHE_NONE;
$wgParserCacheType = CACHE_NONE;
$wgMessageCacheType = CACHE_NONE;
`;

function php(args, dir) {
  return execFileSync('php', args, { cwd: MW, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MW_INSTALL_PATH: MW }, maxBuffer: 64 << 20 })
    .replace(/^\s*parse\.php: warning.*\n/, '');
}

let work;
let conf;

before(() => {
  if (!existsSync(join(MW, 'maintenance/install.php'))) {
    throw new Error(`no MediaWiki in ${MW}: apt-get install -y mediawiki php-cli php-sqlite3 (or .ci/setup test)`);
  }
  work = scratch('csp-radar-wikitext-');
  mkdirSync(join(work.dir, 'data'));
  php([join(MW, 'maintenance/install.php'), '--dbtype', 'sqlite', '--dbpath', join(work.dir, 'data'), '--dbname', 'wiki',
    '--server', 'http://127.0.0.1:9', '--scriptpath', '', '--confpath', work.dir,
    '--pass', 'csp-radar-render-test-not-secret', 'TestWiki', 'admin']);
  conf = join(work.dir, 'LocalSettings.php');
  appendFileSync(conf, settings);
});

after(() => work?.remove());

let pages = 0;
/** parse.php's HTML and mw-inspect.php's report for one page. */
function mediawiki(wikitext) {
  const file = join(work.dir, `page${pages++}.wiki`);
  writeFileSync(file, wikitext);
  const html = php([join(MW, 'maintenance/parse.php'), '--conf', conf, file]);
  const report = JSON.parse(php([join(MW, 'maintenance/runScript.php'), join(root, 'tests/render/mw-inspect.php'), '--conf', conf, file]));
  return { html, report };
}

/** In the page: what each part of the report shows. */
function extract() {
  const text = (el) => (el ? el.innerText : null);
  const items = (list) => [...list.children].map((li) => ({
    q: text(li.querySelector(':scope > b')),
    items: [...li.querySelectorAll(':scope > ul > li')].map((x) => ({
      text: x.innerText,
      links: [...x.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href'), text: a.innerText, cls: a.className })),
    })),
  }));
  return {
    headings: [...document.querySelectorAll('h2, h3')].map((h) => text(h.querySelector('.mw-headline'))),
    bullets: [...document.querySelectorAll('body > ul > li')].map(text),
    lists: document.querySelectorAll('body > ol').length,
    gaps: [...document.querySelectorAll('body > ol')].flatMap(items),
    rows: [...document.querySelectorAll('table')].map((t) => t.querySelectorAll('tr').length),
    footer: text(document.querySelector('body > p:last-child small')),
  };
}

/** The first differences, one a line. */
function report_(problems) {
  const line = (p) => `${p.round === undefined ? '' : `round ${p.round}, `}${p.where}: wanted ${JSON.stringify(p.want)}, shown ${JSON.stringify(p.got)}`;
  return `${problems.length} difference(s):\n${problems.slice(0, 25).map(line).join('\n')}`;
}

/** Every difference between what the page shows and the evaluation's text. */
function differences(shown, e, { exactAsk = true } = {}) {
  const out = [];
  const same = (where, got, want) => {
    if (norm(got) !== norm(want)) out.push({ where, want, got });
  };
  const name = e.provider_name;
  same('title heading', shown.headings[0], `Cloud provider risk: ${name}`);
  same('gaps heading', shown.headings[1], `Gaps: what to ask ${name}`);
  const ranking = (e.ranking || []).map((r) => `Ranking: ${r.sentence}`);
  same('bullets', shown.bullets.join(' ¶ '), [...ranking, `Evidence as of ${e.evidence_as_of}: ${e.evidence_age}`].join(' ¶ '));
  if (shown.lists !== 1 || shown.gaps.length !== e.gaps.length) out.push({ where: 'gap list', want: e.gaps.length, got: shown.gaps.map((g) => g.q) });
  if (JSON.stringify(shown.rows) !== JSON.stringify([9, 19])) out.push({ where: 'tables', want: [9, 19], got: shown.rows });
  if (!/The guide/.test(shown.footer || '')) out.push({ where: 'footer (the end of the page)', want: 'The guide', got: shown.footer });
  e.gaps.forEach((gap, i) => {
    const q = e.questions[gap.question - 1];
    const g = shown.gaps[i] || { items: [] };
    const at = `Q${gap.question}`;
    same(`${at} number`, g.q, at);
    const want = [];
    if (q.summary) want.push({ text: `Public information: ${q.summary}` });
    want.push({ text: `Ask: ${q.ask}`, prefix: !exactAsk });
    if (q.note) want.push({ text: `Lab note: ${q.note}` });
    for (const c of q.citations) want.push({ text: `Source: ${c.title}`, link: c });
    if (g.items.length !== want.length) {
      out.push({ where: `${at} items`, want: want.map((w) => w.text), got: g.items.map((x) => x.text) });
      return;
    }
    want.forEach((w, k) => {
      const got = g.items[k];
      if (w.prefix) {
        if (!norm(got.text).startsWith(norm(w.text))) out.push({ where: `${at} item ${k}`, want: w.text, got: got.text });
      } else {
        same(`${at} item ${k}`, got.text, w.text);
      }
      if (w.link) {
        const [a, ...more] = got.links;
        if (!a || more.length || !/\bexternal\b/.test(a.cls)) out.push({ where: `${at} item ${k} link`, want: w.link.url, got: got.links });
        else {
          same(`${at} item ${k} link text`, a.text, w.link.title);
          if (address(a.href) !== address(w.link.url)) out.push({ where: `${at} item ${k} href`, want: w.link.url, got: a.href });
        }
      }
    });
  });
  return out;
}

test('every name, summary, ask, note, citation title and URL renders in MediaWiki as written', async () => {
  const data = scratch('csp-radar-corpus-');
  try {
    const all = rounds(data.dir);
    const rendered = all.map((r) => mediawiki(r.wikitext));
    const shown = await inBrowser(rendered.map((x) => x.html), [extract]);
    const problems = all.flatMap((r, i) => differences(shown[i][0], r.expected).map((p) => ({ round: r.round, ...p })));
    assert.equal(problems.length, 0, report_(problems));
  } finally {
    data.remove();
  }
});

test('the page has only what the report makes: no reference, category, link, template, magic word, signature, extra table or list', async () => {
  const data = scratch('csp-radar-corpus-');
  try {
    const hostile = rounds(data.dir);
    const plain = rounds(data.dir, { benign: true });
    const h = hostile.map((r) => mediawiki(r.wikitext));
    const p = plain.map((r) => mediawiki(r.wikitext));
    const hi = await inBrowser(h.map((x) => x.html), [inventory]);
    const pi = await inBrowser(p.map((x) => x.html), [inventory]);
    const problems = [];
    const same = (where, got, want) => {
      if (JSON.stringify(got) !== JSON.stringify(want)) problems.push({ where, want, got });
    };
    hostile.forEach((r, i) => {
      const at = `round ${r.round}`;
      // The same elements as the same report with plain words (headings'
      // insides aside: MediaWiki adds an anchor for a heading with symbols).
      same(`${at}: elements`, hi[i][0].counts, pi[i][0].counts);
      same(`${at}: script, style, image, form, <sup> or event attribute`, hi[i][0].bad, []);
      same(`${at}: references`, h[i].html.match(/class="(reference|references|mw-references)[^"]*"/g), null);
      const report = h[i].report;
      const base = p[i].report;
      for (const key of ['categories', 'links', 'templates', 'images', 'languageLinks', 'properties', 'warnings']) {
        same(`${at}: ${key}`, report[key], base[key]);
      }
      same(`${at}: headings`, report.sections.length, 2);
      // Saving the page changes nothing: no signature, subst: or pipe trick.
      if (report.pst !== r.wikitext.trimEnd()) {
        const line = report.pst.split('\n').find((l, k) => l !== r.wikitext.split('\n')[k]);
        problems.push({ where: `${at}: the pre-save transform changed a line`, want: '(no change)', got: line });
      }
    });
    assert.equal(problems.length, 0, report_(problems));
  } finally {
    data.remove();
  }
});

test('every string as a provider name makes its two headings, and nothing else', async () => {
  const data = scratch('csp-radar-corpus-');
  try {
    const all = names(data.dir);
    // One page of every export, one after the other: a construct left open
    // by one would also swallow the ones after it. (With this many headings
    // MediaWiki adds its table of contents, whose title is no .mw-headline.)
    const page = all.map((x) => x.wikitext).join('\n');
    const { html, report } = mediawiki(page);
    const [[headings]] = await inBrowser([html], [() => [...document.querySelectorAll('.mw-headline')].map((h) => h.innerText)]);
    const want = all.flatMap((x) => [`Cloud provider risk: ${x.name}`, `Gaps: what to ask ${x.name}`]);
    const problems = want.map((w, i) => ({ where: `heading ${i}`, want: w, got: headings[i] })).filter((p) => norm(p.got) !== norm(p.want));
    if (headings.length !== want.length) problems.push({ where: 'headings', want: want.length, got: headings.length });
    for (const key of ['categories', 'links', 'templates', 'images', 'languageLinks', 'properties']) {
      if (JSON.stringify(report[key]) !== '[]') problems.push({ where: key, want: [], got: report[key] });
    }
    if (report.pst !== page.trimEnd()) problems.push({ where: 'pre-save transform', want: '(no change)', got: report.pst.split('\n').find((l, k) => l !== page.split('\n')[k]) });
    assert.equal(problems.length, 0, report_(problems));
  } finally {
    data.remove();
  }
});

test("Tencent Cloud's export reads cleanly: no character references, and renders as its text", async () => {
  const run = cli();
  const profile = join(root, 'www/profiles/tencent-cloud.json');
  const wikitext = run(['export', profile, '--format', 'wikitext', '--as-of', '2026-06-01']);
  const expected = JSON.parse(run(['export', profile, '--format', 'json', '--as-of', '2026-06-01']));
  assert.equal((wikitext.match(/&#?\w+;/g) || []).length, 0, 'character references');
  assert.equal((wikitext.match(/<nowiki>/g) || []).length, 0, 'nowiki runs (its text has no markup)');
  const { html } = mediawiki(wikitext);
  const [[shown]] = await inBrowser([html], [extract]);
  // The ask lines end with the evidence age ("(undated)", "... stale").
  const problems = differences(shown, expected, { exactAsk: false });
  assert.equal(problems.length, 0, report_(problems));
});
