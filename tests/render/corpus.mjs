// The hostile corpus for the export render tests (wikitext.test.mjs,
// markdown.test.mjs) and what they share: evaluations built from it through
// the CLI, and Chromium (JavaScript off) to read what a renderer's HTML
// shows. Run them with: node --test tests/render/
//
// The CLI is $CSP_RADAR, else $CARGO_TARGET_DIR/debug/csp-radar, else
// target/debug/csp-radar (`cargo test` or `cargo build --bin csp-radar`
// builds it).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../../www/tools/chromium.mjs';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Strings that are markup somewhere: wikitext, Markdown, HTML, CSV, bidi. */
export const texts = [
  // Wikitext: comments, references, tags, templates, parser functions.
  'https://ok.example/e<!--', '<!-- an open comment', 'c<ref>x</ref>', '<ref name="n"/>', '<references/>',
  '{{PAGENAME}}', '{{#if:x|y}}', '{{{1}}}', '{{subst:PAGENAME}}', '{{!}}', '{{Delete}} and {{', '}} closing',
  // Magic words, signatures, links, categories.
  'a__NOTOC__', '__TOC__', '__NOEDITSECTION__ __NEWSECTIONLINK__', 'b~~~~', '~~~', '~~~~~',
  '[[Category:X]]', '[[:Category:Y]]', '[[Main Page|home]]', '[[File:X.png]]', '[[w:Interwiki]]', '[[fr:Page]]',
  '[http://x y]', '[https://ok.example]', 'http://free.example/link.png', 'mailto:a@b.example', '//proto.relative/x',
  'ISBN 1234567890', 'RFC 123', 'PMID 456',
  // Tables and line-start markup (first in the text, and after a line break).
  '{|', '|-', '||', '!!', '|}', 'a | b', '|+ caption',
  '* leading star', '# leading hash', ': leading colon', '; term : definition', '=x=', '== H ==', '----', ' leading space',
  'x\n* list after a line break', 'x\n{| class="wikitable"\n| cell\n|}', 'x\n== heading ==\n----',
  "'''bold'''", "''italic''", "'single' quotes", "it's the lab's", "a'''", "''''",
  // Character references, tags and the nowiki tag itself.
  '&amp;', '&lt;b&gt;', '&#58;', '&#x3C;script', '&nbsp;', 'AT&T & co', '&',
  '</nowiki>', '<nowiki>', '</NOWIKI >', '<nowiki/>', 'x</nowiki><b>y</b>', '<pre>x</pre>', '<poem>x</poem>',
  '<script>alert(1)</script>', '<span onclick=x>y</span>', '<style>body{display:none}</style>', '{}body{display:none}',
  '<b>not bold</b>', '<br>', '<img src=x onerror=alert(1)>', '<inputbox>type=search</inputbox>',
  '-{ }-', '-{zh-hans:x;zh-hant:y}-',
  // Markdown.
  '*em* _em_ **strong** __strong__', '`code` ``co`de``', '[l](http://x) ![i](x) [r][1]', '<http://auto.example>',
  '\\ backslash \\', '# h', 'C# and F#', '> quote', '1. list', '- dash', '+ plus', '***', '___', '~~strike~~',
  '| md | table |', 'snake_case_name', '[1]: http://ref.example', 'a  \ntwo spaces before a break', 'x\\',
  // Line breaks, tabs, scripts and directions.
  'note\nwith\nnewlines', 'line\r\nbreak', 'tab\there', 'RTL: שלום עולם', 'mark\u200Fmark', 'override \u202Eevil',
  'مرحبا [[x]]', 'emoji 😀 CJK 東京', '=1+1', '+cmd', '-2', '@SUM(A1)',
];

/** URLs the profile reader accepts, each markup somewhere. */
export const urls = [
  'https://ok.example/e<!--', 'https://ok.example/c<ref>x</ref>', 'https://ok.example/a__NOTOC__',
  'https://ok.example/b~~~~', 'https://ok.example/<style', 'https://ok.example/d]x', 'https://ok.example/f[x]',
  'https://ok.example/g|h', 'https://ok.example/i{{PAGENAME}}', "https://ok.example/j''k''", 'https://ok.example/?a=1&b=2',
  'https://ok.example/?q=&amp;&lt;', 'https://ok.example/%41%zz%', 'https://ok.example/ünï/東京',
  'https://ok.example/"quote"', "https://ok.example/it's", 'https://ok.example/x>y', 'https://ok.example/`tick`^',
  'https://ok.example/(paren)', 'https://ok.example/-{x}-', 'https://user@ok.example:8080/p;q?r=s#frag',
  'HTTPS://OK.EXAMPLE/UPPER', 'https://ok.example/__TOC__', 'https://ok.example/[[Category:X]]',
  'https://ok.example/a!!b', 'https://ok.example/~user/', 'https://ok.example/*#:;', 'https://ok.example/<http://x>',
  'https://ok.example/x)y', 'https://ok.example/</nowiki>', 'http://ok.example/plain',
];

/** The CLI binary. */
export function cli() {
  const bin = process.env.CSP_RADAR || join(process.env.CARGO_TARGET_DIR || join(root, 'target'), 'debug/csp-radar');
  if (!existsSync(bin)) throw new Error(`no CLI at ${bin}: run cargo build --bin csp-radar (or set CSP_RADAR)`);
  return (args) => execFileSync(bin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A scratch directory, removed by the returned function. */
export function scratch(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const AS_OF = '2026-06-01';

/**
 * Evaluations that carry every corpus string in every field the exports
 * show (provider and compared names, source title and URL, summaries,
 * asks, notes, citation titles and URLs), spread over rounds of 18
 * questions. `benign` gives the same shape with plain words, the baseline
 * for which elements the report itself makes. Every answer is undisclosed,
 * so every question is a gap and shows its text.
 */
export function rounds(dir, { benign = false } = {}) {
  const run = cli();
  const text = (i) => (benign ? `plain words ${i}` : texts[i % texts.length]);
  const url = (i) => (benign ? `https://ok.example/plain${i}` : urls[i % urls.length]);
  const count = Math.ceil(texts.length / 18);
  const out = [];
  for (let r = 0; r < count; r++) {
    // Field f of question q in round r: every text reaches every field.
    const pick = (q, f) => text(r * 18 + q + f * 29);
    const name = (k) => text(r * 7 + k).slice(0, 100);
    const profile = (id, k) => ({
      format: 'csp-risk-profile',
      version: 1,
      provider: { id, name: name(k), website: url(r + k) },
      source: { title: text(r * 5 + k + 3), url: url(r * 3 + k), retrieved: '2026-01-01' },
      answers: Array.from({ length: 18 }, (_, q) => ({
        question: q + 1,
        status: 'undisclosed',
        status_basis: pick(q, 3),
        summary: pick(q, 0),
        ask: pick(q, 1),
        citations: [0, 1].map((c) => ({ title: text(r * 18 + q + 36 * c + 11), url: url(r * 36 + q * 2 + c), date: '2026-01-01' })),
      })),
      notes: text(r + 1),
    });
    const main = join(dir, `r${r}${benign ? '-benign' : ''}.json`);
    const other = join(dir, `r${r}${benign ? '-benign' : ''}-other.json`);
    writeFileSync(main, JSON.stringify(profile('hostile-main', 0), null, 1));
    writeFileSync(other, JSON.stringify(profile('hostile-other', 1), null, 1));
    // The notes ride in the evaluation file (SPEC 17): export, add, reopen.
    const evaluation = JSON.parse(run(['export', main, '--format', 'json', '--as-of', AS_OF]));
    evaluation.notes = Object.fromEntries(Array.from({ length: 18 }, (_, q) => [String(q + 1), pick(q, 2)]));
    const file = join(dir, `r${r}${benign ? '-benign' : ''}.evaluation.json`);
    writeFileSync(file, JSON.stringify(evaluation, null, 1));
    const args = (format) => ['export', file, '--format', format, '--compare', other, '--as-of', AS_OF];
    out.push({
      round: r,
      // What the exports must show, as the model holds it.
      expected: JSON.parse(run(args('json'))),
      wikitext: run(args('wikitext')),
      markdown: run(args('md')),
      csv: run(args('csv')),
    });
  }
  return out;
}

/**
 * Every corpus string as a provider's name (the headings' text), one small
 * export each: [{ name, wikitext, markdown }].
 */
export function names(dir) {
  const run = cli();
  return texts.map((text, i) => {
    const name = text.slice(0, 100);
    const file = join(dir, `name${i}.json`);
    writeFileSync(file, JSON.stringify({ format: 'csp-risk-profile', version: 1, provider: { id: `p${i}`, name }, answers: [] }));
    const args = (format) => ['export', file, '--format', format, '--as-of', AS_OF];
    return { name, wikitext: run(args('wikitext')), markdown: run(args('md')) };
  });
}

/** Text as a reader sees it: whitespace runs are one space; the isolates
 * the exports put around right-to-left text are invisible. */
export function norm(s) {
  return String(s).replace(/[\u2068\u2069]/g, '').replace(/\s+/g, ' ').trim();
}

/** Percent-escapes decoded (where they decode), after URL parsing: two
 * URLs are the same address when these agree. */
export function address(u) {
  let href;
  try { href = new URL(u).href; } catch { return `(not an absolute URL) ${u}`; }
  return href.replace(/(%[0-9A-Fa-f]{2})+/g, (m) => {
    try { return decodeURIComponent(m); } catch { return m; }
  });
}

/**
 * Opens each HTML fragment in Chromium with JavaScript off and runs each
 * of `extracts` (functions evaluated in the page) on it.
 */
export async function inBrowser(fragments, extracts) {
  const browser = await launch();
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    const results = [];
    for (const html of fragments) {
      await page.setContent(`<!doctype html><html lang="en"><meta charset="utf-8"><body>${html}</body></html>`);
      const found = [];
      for (const extract of extracts) found.push(await page.evaluate(extract));
      results.push(found);
    }
    return results;
  } finally {
    await browser.close();
  }
}

/** In the page: every element below <body> as "tag" plus its attribute
 * names, the elements counted; and the attributes no report should have. */
export function inventory() {
  const counts = {};
  const bad = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('h1, h2, h3, h4, h5, h6') && el.closest('h1, h2, h3, h4, h5, h6') !== el) continue;
    const tag = el.tagName.toLowerCase();
    counts[tag] = (counts[tag] || 0) + 1;
    for (const a of el.getAttributeNames()) {
      // markdown-it aligns table columns with style="text-align:right".
      const aligned = a === 'style' && /^text-align:(left|right|center)$/.test(el.getAttribute(a));
      if (/^on/i.test(a) || (a === 'style' && !aligned) || a === 'srcdoc') bad.push(`${tag}[${a}]`);
    }
    if (['script', 'style', 'iframe', 'object', 'embed', 'img', 'link', 'meta', 'form', 'input', 'sup'].includes(tag)) bad.push(tag);
  }
  return { counts, bad };
}
