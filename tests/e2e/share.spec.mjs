// The share link travels, hostile fragments are refused with a
// message, a shared link never silently replaces the decision a browser
// kept, every export downloads with the right content (equal to the CLI's
// export of the same decision file), and print makes a PDF.
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test, expect, replay, root, out, figures, openMenu, tick } from './fixtures.mjs';

const fictional = join(root, 'tests/fixtures/profiles/example-fictional.json');
const note13 = 'Audit logs on request within 5 days — "per contract §7", <b>not bold</b>';
/** A note on a gap: the wiki page lists it under the gap. */
const note18 = 'Support from <i>two</i> countries [[not a link]] — see {{the contract}}';
const fictionalProfile = JSON.parse(readFileSync(fictional, 'utf8'));
const BUNDLED = ['tencent-cloud', 'aws', 'microsoft-azure', 'google-cloud'];

/** RFC 4180 CSV → rows of fields. */
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

const rows = (page) => page.$$eval('[data-testid=decision-row]', (rs) => rs.map((r) => [r.dataset.provider, r.dataset.value]));

/** Everything the page shows of the decision: the table, the provider in
 *  detail with its figures and record, the weights, the radar. */
async function state(page) {
  return {
    rows: await rows(page),
    figures: await figures(page),
    weights: await page.$$eval('[data-testid=weight-input]', (els) => els.map((e) => e.value)),
    findings: await page.$$eval('[data-testid=finding-status]', (els) => els.map((e) => e.value)),
    bases: await page.$$eval('[data-testid=finding-basis]', (els) => els.map((e) => `${e.dataset.question}:${e.value}`)),
    notes: await page.$$eval('[data-testid=note-input]', (els) => els.map((e) => e.value)),
    provider: await page.textContent('.cr-overall-label strong').catch(() => null),
    series: await page.$$eval('[data-testid=radar-series]', (els) => els.map((e) => e.dataset.provider)),
  };
}

/** The default decision, no one in focus: the four bundled providers. */
async function isDefault(page) {
  const shown = Object.fromEntries(await rows(page));
  return { providers: Object.keys(shown).sort(), tencent: shown['tencent-cloud'], detail: await page.locator('[data-testid=overall-risk]').count() };
}
const DEFAULT = { providers: [...BUNDLED].sort(), tencent: '56.9', detail: 0 };

/** A 30 MiB run of zeros deflated: a decompression bomb for the link. */
function bomb() {
  return Buffer.from(execFileSync('python3', ['-c', 'import zlib,sys,base64; c=zlib.compressobj(9,zlib.DEFLATED,-15); d=c.compress(b"0"*(30*1024*1024))+c.flush(); sys.stdout.write(base64.urlsafe_b64encode(d).decode().rstrip("="))'])).toString();
}

const hostile = {
  garbage: () => '#CSPR:2/zz:%%%/<script>',
  'newer version': () => '#CSPR:9/s:clinical',
  '100 KB': () => `#CSPR:2/r:${'A'.repeat(100 * 1024)}`,
  'bomb in the records': () => `#CSPR:2/r:${bomb()}`,
  'bomb in a version 1 link': () => `#CSPR:1/n:${bomb()}`,
  'bad weights': () => '#CSPR:2/w:99',
  'multi-byte finding (found by fuzzing)': () => '#CSPR:2/o:0.3\u0315',
  'a provider twice': () => '#CSPR:2/p:aws,aws',
};

// Each test builds the decision (and opens its link) again: the steps.
const steps = [
  {
    name: 'a decision built in the widget is carried by its link, without history entries',
    async run(s, ex) {
      const { page, url } = s;
      const historyStart = await page.evaluate(() => history.length);
      // A custom profile beside Tencent, a preset, changed weights,
      // findings and notes.
      await openMenu(page, 'providers-menu');
      await page.click('[data-testid=load-details] > summary');
      await page.setInputFiles('[data-testid=profile-file-input]', fictional);
      await page.waitForFunction(() => document.querySelector('.cr-overall-label strong')?.textContent.includes('fictional'));
      for (const id of ['aws', 'microsoft-azure', 'google-cloud']) await tick(page, id, false);
      ex((await rows(page)).map(([id]) => id).sort(), 'the loaded profile and Tencent make the decision').toEqual(['example-fictional', 'tencent-cloud']);
      await page.selectOption('[data-testid=preset-select]', 'manufacturing');
      for (const [q, w] of [[1, 5], [2, 0], [13, 1], [18, 5]]) {
        await page.fill(`[data-testid=weight-input][data-question="${q}"]`, String(w));
      }
      await page.selectOption('[data-testid=finding-status][data-question="13"]', 'documented');
      await page.selectOption('[data-testid=finding-basis][data-question="13"]', 'provider');
      await page.selectOption('[data-testid=finding-status][data-question="18"]', 'adverse');
      await page.fill('[data-testid=note-input][data-question="13"]', note13);
      await page.fill('[data-testid=note-input][data-question="18"]', note18);
      s.built = await state(page);
      ex(s.built.provider, 'the loaded profile in detail').toContain('fictional');
      ex(await page.evaluate(() => history.length), 'replaceState: no history entries added').toBe(historyStart);
      s.link = await page.inputValue('[data-testid=share-link]');
      ex(s.link.startsWith(`${url}/#CSPR:2/p:`) && s.link.includes('~'), `link carries the custom profile: ${s.link.slice(0, 60)}`).toBe(true);
      await page.waitForFunction((l) => location.href === l, s.link, { timeout: 3000 }).catch(() => {});
      ex(await page.evaluate(() => location.href), 'the address bar holds the link (once edits pause)').toBe(s.link);
      await page.click('[data-testid=copy-link]');
    },
  },
  {
    name: 'a fresh browser opens the link and finds the same decision',
    async run(s, ex) {
      s.fresh = await s.app(s.link);
      ex(await state(s.fresh.page), 'the link restores the providers, figures, weights, findings, notes, provider in detail and radar').toEqual(s.built);
      ex(await s.fresh.page.$('[data-testid=restore-saved]'), 'nothing kept there, nothing to offer back').toBeNull();
    },
  },
];

test.describe('share', () => {
  const start = async ({ app, served }) => {
    const { context, page, errors } = await app(`${served.url}/`);
    return { context, page, errors, url: served.url, app };
  };

  for (const [i, step] of steps.entries()) {
    test(step.name, async ({ app, served }) => {
      const s = await start({ app, served });
      await replay(steps, i, s);
      await step.run(s, expect.soft);
      expect.soft(s.errors, 'no page errors').toEqual([]);
    });
  }

  // Hostile fragments, at load and on an open page: a message, nothing changes.
  for (const [name, fragment] of Object.entries(hostile)) {
    test(`hostile fragment, ${name}: refused with a message on an open page and at load`, async ({ app, served }) => {
      const s = await start({ app, served });
      await replay(steps, steps.length, s);
      const { fresh } = s;
      const before = await state(fresh.page);
      const hash = fragment();
      await fresh.page.evaluate((f) => { location.hash = f; }, hash);
      const banner = fresh.page.locator('[data-testid=error-banner]');
      await banner.waitFor({ timeout: 5000 });
      const text = await banner.textContent();
      expect.soft(text.includes('cannot be opened') && text.includes('unchanged'), `${name}: message "${text.slice(0, 90)}"`).toBe(true);
      expect.soft(await state(fresh.page), `${name}: decision kept`).toEqual(before);
      await fresh.page.click('[data-testid=error-banner] button');
      const atLoad = await app(`${served.url}/${hash}`);
      expect.soft(await atLoad.page.locator('[data-testid=error-banner]').isVisible(), `${name} at load: message`).toBe(true);
      expect.soft(await isDefault(atLoad.page), `${name} at load: the default decision`).toEqual(DEFAULT);
      expect.soft(fresh.errors, 'no page errors in the fresh context').toEqual([]);
    });
  }

  test('a wiki section anchor is not ours: silently ignored', async ({ app, served }) => {
    const s = await start({ app, served });
    await replay(steps, steps.length, s);
    const { fresh } = s;
    const before = await state(fresh.page);
    await fresh.page.evaluate(() => { location.hash = '#Provider_research'; });
    await fresh.page.waitForTimeout(200);
    expect.soft(await fresh.page.$('[data-testid=error-banner]'), '#Provider_research is ignored silently').toBeNull();
    expect.soft(await state(fresh.page), '#Provider_research changes nothing').toEqual(before);
    expect.soft(fresh.errors, 'no page errors in the fresh context').toEqual([]);
  });

  test('a kept decision is never silently replaced by a shared link', async ({ app, served }) => {
    const s = await start({ app, served });
    await replay(steps, 1, s);
    await s.page.waitForTimeout(450); // the decision is kept once edits pause
    const mine = await s.context.newPage();
    await mine.goto(`${served.url}/#CSPR:2/s:research`);
    await mine.waitForSelector('[data-testid=weight-input]');
    const shared = Object.fromEntries(await rows(mine));
    expect.soft([Object.keys(shared).sort(), shared['tencent-cloud']], 'the shared link is shown').toEqual([[...BUNDLED].sort(), '53.8']);
    await mine.waitForSelector('[data-testid=restore-saved]');
    expect.soft(await mine.textContent('[data-testid=info-banner]'), 'saying the decision this browser had is kept').toContain('Example Cloud (fictional)');
    await mine.click('[data-testid=restore-saved]');
    await mine.waitForSelector('[data-testid=overall-risk]');
    const restored = await state(mine);
    expect.soft({ rows: restored.rows, figures: restored.figures, notes: restored.notes }, 'restoring brings back the kept decision').toEqual({ rows: s.built.rows, figures: s.built.figures, notes: s.built.notes });
    await openMenu(mine, 'more-menu');
    await mine.click('[data-testid=undo]');
    await mine.waitForSelector('[data-testid=overall-risk]', { state: 'detached' }).catch(() => {});
    const back = Object.fromEntries(await rows(mine));
    expect.soft([Object.keys(back).sort(), back['tencent-cloud']], 'and undo brings back the shared one').toEqual([[...BUNDLED].sort(), '53.8']);
    await mine.close();
  });

  test('every export downloads, with the right content', async ({ app, served, cli }) => {
    const s = await start({ app, served });
    await replay(steps, 1, s);
    const { page, built } = s;
    const download = async (testid) => {
      const [d] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testid}]`)]);
      const path = join(out, d.suggestedFilename());
      await d.saveAs(path);
      return { name: d.suggestedFilename(), path, text: await readFile(path, 'utf8') };
    };
    const json = await download('export-json');
    expect.soft(json.name, 'json file name').toMatch(/^csp-radar-decision-\d{4}-\d\d-\d\d\.json$/);
    const decision = JSON.parse(json.text);
    expect.soft([decision.format, decision.version, decision.providers.length], 'decision JSON').toEqual(['csp-radar-decision', 2, 2]);
    const mine = decision.providers.find((p) => p.profile.provider.id === 'example-fictional');
    expect.soft([mine?.figures.overall.toFixed(1), mine?.figures.questions.length], "the loaded profile's figure and questions").toEqual([built.figures.overall, 18]);
    expect.soft(mine?.figures.questions[12].note, 'JSON keeps the note').toBe(note13);
    expect.soft(decision.focus, 'and which provider was in detail').toBe('example-fictional');
    // The CLI reads the same file and scores it the same.
    const scored = JSON.parse(cli('score', json.path, '--format', 'json'));
    expect.soft(Object.fromEntries(scored.providers.map((p) => [p.provider, p.overall.toFixed(1)])), 'the CLI scores the decision file as the widget shows it')
      .toEqual(Object.fromEntries(built.rows));

    const csvText = (await download('export-csv')).text;
    const csv = parseCsv(csvText);
    expect.soft(csv.length, 'CSV: header + 18 rows per provider').toBe(1 + 18 * 2);
    expect.soft(csv.every((r) => r.length === csv[0].length), 'CSV: every row has every column').toBe(true);
    const col = (name) => csv[0].indexOf(name);
    const q13 = csv.find((r) => r[col('provider')] === 'Example Cloud (fictional)' && r[col('question')] === '13') ?? [];
    expect.soft([q13[col('status')], q13[col('profile_status')], q13[col('basis')], q13[col('note')]], "CSV: the loaded profile's q13 finding and note").toEqual(['documented', fictionalProfile.answers.find((a) => a.question === 13).status, 'provider', note13]);
    expect.soft(q13[col('finding')], 'CSV: the finding in words').toContain('documented');
    const tencent13 = csv.find((r) => r[col('provider')] === 'Tencent Cloud' && r[col('question')] === '13') ?? [];
    expect.soft([tencent13[col('basis')], tencent13[col('note')]], "CSV: Tencent's q13 has no finding of the other's").toEqual(['profile', '']);

    const md = (await download('export-md')).text;
    const mdRow = md.split('\n').find((l) => l.includes('| Example Cloud (fictional) |')) ?? '';
    expect.soft(mdRow, 'Markdown report has the overall in the decision table').toContain(`| ${built.figures.overall} `);
    const wiki = (await download('export-wikitext')).text;
    const wikiRow = wiki.split('\n').find((l) => /^\| \d+ \|\| Example Cloud \(fictional\) \|\|/.test(l)) ?? '';
    expect.soft(wikiRow, 'wikitext: the decision table has the overall').toContain(`|| ${built.figures.overall} `);
    const asks = wiki.split('\n=== Example Cloud (fictional)')[1]?.split('\n==')[0] ?? '';
    expect.soft(asks.split('\n').filter((l) => /^# '''Q\d+''' .* points[;)]/.test(l)).length, 'wikitext: one question to send per gap').toBe(built.figures.gaps.length);
    const labNote = wiki.split('\n').find((l) => l.startsWith('#* Lab note:')) ?? '';
    expect.soft(labNote, 'wikitext: the note on a gap is listed under it').toContain('two');
    const outside = labNote.replace(/<nowiki>[^]*?<\/nowiki>/g, '');
    expect.soft([outside.includes('<i>'), outside.includes('[['), outside.includes('{{')], `wikitext: markup in notes is escaped (only inside <nowiki>): ${labNote}`).toEqual([false, false, false]);
    expect.soft(md, 'Markdown: the note on a question without a gap is in its row').toContain('\\<b>not bold\\</b>');
    // The widget's downloads equal the CLI's export of the same file.
    for (const [format, text] of [['csv', csvText], ['md', md], ['wikitext', wiki]]) {
      expect.soft(text, `${format}: the CLI exports the decision file the same`).toBe(cli('export', json.path, '--format', format));
    }
    const svg = (await download('export-svg')).text;
    expect.soft(svg.startsWith('<svg') && (svg.match(/<polygon/g) || []).length === 6, 'SVG: 4 rings + 2 series').toBe(true);
    expect.soft(s.errors, 'no page errors').toEqual([]);
  });

  test('print makes a PDF', async ({ app, served }) => {
    const s = await start({ app, served });
    await replay(steps, 1, s);
    const { page, built } = s;
    await page.waitForTimeout(500); // the committee report follows the decision once edits pause
    // Chromium's PDF of the page, first page rendered to PNG to look at.
    await page.emulateMedia({ media: 'print' });
    expect.soft(await page.locator('[data-testid=committee-report]').isVisible(), 'print shows the committee report').toBe(true);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await writeFile(join(out, 'report.pdf'), pdf);
    expect.soft(pdf.subarray(0, 5).toString(), 'print makes a PDF').toBe('%PDF-');
    const text = execFileSync('pdftotext', [join(out, 'report.pdf'), '-']).toString().replace(/\s+/g, ' ');
    expect.soft(text, 'the report names the decision').toContain('Cloud provider decision');
    expect.soft(text, 'with the loaded profile and its figure').toMatch(new RegExp(`Example Cloud \\(fictional\\) ${built.figures.overall.replace('.', '\\.')}`));
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', join(out, 'report.pdf'), join(out, 'report-page')]);
    expect.soft(s.errors, 'no page errors').toEqual([]);
  });
});
