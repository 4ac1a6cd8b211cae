// Exports stay text, wikitext: every string in a wikitext export renders
// in the real MediaWiki exactly as written, and the page has nothing the
// report did not make (no comment, reference, tag, template, parser
// function, magic word, signature, link, category, table or list).
//
// The export is the committee report (src/model/committee.rs): the
// decision table, the verdicts, the provenance lines, the questions to send
// each provider and the evidence per provider. Every block, list item and
// table cell of the rendered page is compared with what the decision's JSON
// export says it holds (report.mjs), so each corpus string is checked in
// every place the report shows it: a provider's name in the table, the
// verdicts, its provenance line, its two headings and the ranking
// sentences; a source's title in the provenance line (the wikitext report
// shows no source address); summaries, findings (their document
// references), notes and citations (title and link) in the evidence; asks
// in the questions to send and in the evidence.
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
import { cli, inBrowser, inventory, names, root, rounds, scratch, texts, urls } from './corpus.mjs';
import { Seen, describe, differences, outline, uncovered, wikitextReport } from './report.mjs';

const MW = '/usr/share/mediawiki';
// The largest page the names test puts together: MediaWiki expands a page
// up to 2,048 KB ($wgMaxArticleSize, also the post-expand include size
// limit); past that it stops expanding, and <nowiki> no longer holds.
const PAGE_BYTES = 1_500_000;

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

test('every name, source, summary, finding, ask, note, citation title and URL renders in MediaWiki as written, wherever the report shows it', async () => {
  const data = scratch('csp-radar-corpus-');
  try {
    const all = rounds(data.dir);
    const rendered = all.map((r) => mediawiki(r.wikitext));
    const shown = await inBrowser(rendered.map((x) => x.html), [outline]);
    const seen = new Seen();
    const problems = all.flatMap((r, i) => differences(shown[i][0], wikitextReport(r.expected, seen), { external: true }).map((p) => ({ round: r.round, via: r.via, ...p })));
    problems.push(...uncovered(seen, {
      summary: texts, ask: texts, note: texts, 'finding reference': texts, 'citation title': texts, 'citation url': urls,
    }));
    assert.equal(problems.length, 0, describe(problems));
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
    hostile.forEach((r, i) => {
      const at = { round: r.round, via: r.via };
      const same = (where, got, want) => {
        if (JSON.stringify(got) !== JSON.stringify(want)) problems.push({ ...at, where, want, got });
      };
      // The same elements as the same report with plain words (headings'
      // insides aside: MediaWiki adds an anchor for a heading with symbols).
      same('elements', hi[i][0].counts, pi[i][0].counts);
      same('script, style, image, form, <sup> or event attribute', hi[i][0].bad, []);
      same('references', h[i].html.match(/class="(reference|references|mw-references)[^"]*"/g), null);
      const report = h[i].report;
      const base = p[i].report;
      for (const key of ['categories', 'links', 'templates', 'images', 'languageLinks', 'properties', 'warnings']) {
        same(key, report[key], base[key]);
      }
      same('headings', report.sections.length, base.sections.length);
      // Saving the page changes nothing: no signature, subst: or pipe trick.
      if (report.pst !== r.wikitext.trimEnd()) {
        const line = report.pst.split('\n').find((l, k) => l !== r.wikitext.split('\n')[k]);
        problems.push({ ...at, where: 'the pre-save transform changed a line', want: '(no change)', got: line });
      }
    });
    assert.equal(problems.length, 0, describe(problems));
  } finally {
    data.remove();
  }
});

test('every string as a provider name and source title renders as written in the table, verdicts, provenance and headings, and makes nothing else', async () => {
  const data = scratch('csp-radar-corpus-');
  try {
    const all = names(data.dir);
    // The exports one after the other on a page: a construct left open by
    // one would also swallow the ones after it. As few pages as a wiki
    // stores (2,048 KB each, $wgMaxArticleSize), each starting with the
    // last export of the page before, so that every export is followed by
    // the next on some page.
    const groups = [];
    for (let start = 0; start < all.length;) {
      let end = start + 1;
      let bytes = Buffer.byteLength(all[start].wikitext);
      while (end < all.length && bytes + Buffer.byteLength(all[end].wikitext) + 1 < PAGE_BYTES) bytes += Buffer.byteLength(all[end++].wikitext) + 1;
      groups.push(all.slice(start, end));
      start = end >= all.length ? end : Math.max(end - 1, start + 1);
    }
    const seen = new Seen();
    const problems = [];
    const rendered = groups.map((group) => mediawiki(group.map((x) => x.wikitext).join('\n')));
    const shown = await inBrowser(rendered.map((x) => x.html), [outline]);
    groups.forEach((group, g) => {
      const page = group.map((x) => x.wikitext).join('\n');
      const { report } = rendered[g];
      const at = `page ${g + 1} of ${groups.length}`;
      problems.push(...differences(shown[g][0], group.flatMap((x) => wikitextReport(x.expected, seen)), { external: true, at }));
      for (const key of ['categories', 'links', 'templates', 'images', 'languageLinks', 'properties']) {
        if (JSON.stringify(report[key]) !== '[]') problems.push({ where: `${at}: ${key}`, want: [], got: report[key] });
      }
      if (report.pst !== page.trimEnd()) problems.push({ where: `${at}: pre-save transform`, want: '(no change)', got: report.pst.split('\n').find((l, k) => l !== page.split('\n')[k]) });
    });
    problems.push(...uncovered(seen, { name: texts.map((t) => t.slice(0, 100)), 'source title': texts }));
    assert.equal(problems.length, 0, describe(problems));
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
  const [[shown]] = await inBrowser([html], [outline]);
  // The ask lines end with the evidence age ("(undated)", "... stale"):
  // report.mjs expects it exactly where the answer's evidence is stale or
  // undated.
  const problems = differences(shown, wikitextReport(expected, new Seen()), { external: true });
  assert.equal(problems.length, 0, describe(problems));
});
