// The hostile corpus for the export render tests (wikitext.test.mjs,
// markdown.test.mjs, csv.test.mjs) and what they share: decisions built
// from it and exported through the CLI, and Chromium (JavaScript off) to
// read what a renderer's HTML shows (report.mjs says what it must show).
// Run them with: node --test tests/render/
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
  '    four spaces: a code block', '2) paren list', '-',
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
const WEIGHTS = '333333333333333333';
const STATUSES = ['undisclosed', 'partial', 'adverse'];
const BASES = ['public', 'provider', 'lab'];

/** The providers of one round of the corpus. */
const PROVIDERS = 3;

/** Field numbers of the corpus: which text goes where (see `rounds`). */
const FIELD = { summary: 0, ask: 1, note: 2, basis: 3, reference: 4, title0: 5, title1: 6 };

/**
 * Decisions that carry every corpus string in every field the exports
 * show: provider names, source titles and URLs, summaries, asks,
 * citation titles and URLs, and the lab's record (a note and a finding
 * with a document reference and URL on every question but one), spread
 * over rounds of 18 questions and three providers. Each provider's profile
 * documents one question (the others are undisclosed, and the findings
 * keep them gaps, so they show their text) and the decision asks to
 * confirm those in writing, so the exports also list confirmations. (A
 * finding's URL is in the JSON export only: no text export shows it, and
 * the element checks hold it to making nothing.) `benign` gives the same
 * shape with plain words, the baseline for which elements the report
 * itself makes.
 *
 * Each round is exported twice: from a decision file (version 2: every
 * provider's record) and from an evaluation file (version 1: the first
 * provider's notes and findings as bare statuses, no confirm-in-writing
 * set) with one more provider added by --compare. Each export: { round,
 * via, expected (the JSON export of the same input: what the exports must
 * show, as the model holds it), wikitext, markdown, csv }.
 */
export function rounds(dir, { benign = false } = {}) {
  const run = cli();
  const text = (i) => (benign ? `plain words ${i}` : texts[i % texts.length]);
  const url = (i) => (benign ? `https://ok.example/plain${i}` : urls[i % urls.length]);
  const count = Math.ceil(texts.length / 18);
  const tag = benign ? '-benign' : '';
  const out = [];
  for (let r = 0; r < count; r++) {
    // Field f of question q of provider k in round r: every text reaches
    // every field of every provider.
    const pick = (k, q, f) => text(r * 18 + q + f * 29 + k * 41);
    // The question provider k's profile documents (and the lab confirms).
    const documented = (k) => (r * 5 + k * 6 + 2) % 18;
    const profile = (k) => ({
      format: 'csp-risk-profile',
      version: 1,
      provider: { id: `hostile-${k}`, name: text(r * 7 + k).slice(0, 100), website: url(r + k) },
      source: { title: text(r * 5 + k + 3), url: url(r * 3 + k), retrieved: '2026-01-01' },
      answers: Array.from({ length: 18 }, (_, q) => ({
        question: q + 1,
        status: q === documented(k) ? 'documented' : 'undisclosed',
        status_basis: pick(k, q, FIELD.basis),
        summary: pick(k, q, FIELD.summary),
        ask: pick(k, q, FIELD.ask),
        citations: [0, 1].map((c) => ({ title: pick(k, q, FIELD.title0 + c), url: url(r * 36 + q * 2 + c + k * 7), date: '2026-01-01' })),
      })),
      notes: text(r + k + 1),
    });
    // A finding on every question but the documented one: a status that
    // keeps it a gap, and a basis with its date, reference and URL.
    const record = (k) => ({
      findings: Object.fromEntries(
        Array.from({ length: 18 }, (_, q) => q)
          .filter((q) => q !== documented(k))
          .map((q) => [String(q + 1), {
            status: STATUSES[(q + k) % 3],
            basis: BASES[(q + r) % 3],
            date: '2026-01-01',
            reference: pick(k, q, FIELD.reference).slice(0, 300),
            url: url(r * 11 + q + k * 13),
          }]),
      ),
      notes: Object.fromEntries(Array.from({ length: 18 }, (_, q) => [String(q + 1), pick(k, q, FIELD.note)])),
    });
    const profiles = Array.from({ length: PROVIDERS }, (_, k) => profile(k));
    const records = Array.from({ length: PROVIDERS }, (_, k) => record(k));
    const write = (name, json) => {
      const file = join(dir, `r${r}${tag}-${name}.json`);
      writeFileSync(file, JSON.stringify(json, null, 1));
      return file;
    };
    const settings = { preset: 'balanced', weights: WEIGHTS, as_of: AS_OF, stale_after: 36 };
    const decision = write('decision', {
      format: 'csp-radar-decision',
      version: 2,
      ...settings,
      confirm_in_writing: profiles.map((_, k) => documented(k) + 1),
      providers: profiles.map((p, k) => ({ profile: p, ...records[k] })),
    });
    const evaluation = write('evaluation', {
      format: 'csp-radar-evaluation',
      version: 1,
      ...settings,
      profile: profiles[0],
      compare: profiles.slice(1, -1),
      overrides: Object.fromEntries(Object.entries(records[0].findings).map(([q, f]) => [q, f.status])),
      notes: records[0].notes,
    });
    const last = write('compared', profiles[PROVIDERS - 1]);
    for (const [via, args] of [['decision file', [decision]], ['evaluation file and --compare', [evaluation, '--compare', last]]]) {
      const exported = (format) => run(['export', ...args, '--format', format]);
      out.push({
        round: r,
        via,
        expected: JSON.parse(exported('json')),
        wikitext: exported('wikitext'),
        markdown: exported('md'),
        csv: exported('csv'),
      });
    }
  }
  return out;
}

/**
 * Every corpus string as a provider's name and its source's title (with
 * a corpus URL as the source's address), in a decision with the next
 * string's provider (which documents two questions, so the two are ranked
 * and a verdict names both): one small export each,
 * [{ name, expected, wikitext, markdown, csv }].
 */
export function names(dir) {
  const run = cli();
  const profile = (i, answers) => {
    const text = texts[i % texts.length];
    return {
      format: 'csp-risk-profile',
      version: 1,
      provider: { id: `p${i}`, name: text.slice(0, 100) },
      source: { title: text, url: urls[i % urls.length], retrieved: '2026-01-01' },
      answers,
    };
  };
  return texts.map((text, i) => {
    const documented = [3, 7].map((q) => ({ question: q, status: 'documented', summary: 'Yes.' }));
    const file = join(dir, `name${i}.json`);
    const other = join(dir, `name${i}-other.json`);
    writeFileSync(file, JSON.stringify(profile(i, [])));
    writeFileSync(other, JSON.stringify(profile(i + 1, documented)));
    const args = (format) => ['export', file, '--compare', other, '--format', format, '--as-of', AS_OF];
    return {
      name: text.slice(0, 100),
      expected: JSON.parse(run(args('json'))),
      wikitext: run(args('wikitext')),
      markdown: run(args('md')),
      csv: run(args('csv')),
    };
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
 * names, the elements counted; and the elements and attributes no report
 * should have (but the toggle of MediaWiki's own table of contents, first
 * in the page: a checkbox hidden with a style). */
export function inventory() {
  const counts = {};
  const bad = [];
  const first = document.body.firstElementChild;
  const toc = first && first.id === 'toc' ? first : null;
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('h1, h2, h3, h4, h5, h6') && el.closest('h1, h2, h3, h4, h5, h6') !== el) continue;
    const tag = el.tagName.toLowerCase();
    counts[tag] = (counts[tag] || 0) + 1;
    if (toc && el.parentElement === toc && tag === 'input' && el.id === 'toctogglecheckbox') continue;
    for (const a of el.getAttributeNames()) {
      // markdown-it aligns table columns with style="text-align:right".
      const aligned = a === 'style' && /^text-align:(left|right|center)$/.test(el.getAttribute(a));
      if (/^on/i.test(a) || (a === 'style' && !aligned) || a === 'srcdoc') bad.push(`${tag}[${a}]`);
    }
    if (['script', 'style', 'iframe', 'object', 'embed', 'img', 'link', 'meta', 'form', 'input', 'sup'].includes(tag)) bad.push(tag);
  }
  return { counts, bad };
}
