// The share link travels, hostile fragments are refused with a
// message, a shared link never silently replaces a saved evaluation, every
// export downloads with the right content, and print makes a PDF.
import { readFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test, expect, replay, root, out, figures } from './fixtures.mjs';

const fictional = join(root, 'tests/fixtures/profiles/example-fictional.json');
const note13 = 'Audit logs on request within 5 days — "per contract §7", <b>not bold</b>';

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

async function state(page) {
  return {
    figures: await figures(page),
    weights: await page.$$eval('[data-testid=weight-input]', (els) => els.map((e) => e.value)),
    overrides: await page.$$eval('[data-testid=status-override]', (els) => els.map((e) => e.value)),
    notes: await page.$$eval('[data-testid=note-input]', (els) => els.map((e) => e.value)),
    provider: await page.textContent('.cr-overall-label strong'),
    series: await page.$$eval('[data-testid=radar-series]', (els) => els.map((e) => e.dataset.provider)),
  };
}

/** A 30 MiB run of zeros deflated: a decompression bomb for the link. */
function bomb() {
  return Buffer.from(execFileSync('python3', ['-c', 'import zlib,sys,base64; c=zlib.compressobj(9,zlib.DEFLATED,-15); d=c.compress(b"0"*(30*1024*1024))+c.flush(); sys.stdout.write(base64.urlsafe_b64encode(d).decode().rstrip("="))'])).toString();
}

const hostile = {
  garbage: () => '#CSPR:1/zz:%%%/<script>',
  'newer version': () => '#CSPR:9/s:clinical',
  '100 KB': () => `#CSPR:1/n:${'A'.repeat(100 * 1024)}`,
  bomb: () => `#CSPR:1/n:${bomb()}`,
  'bad weights': () => '#CSPR:1/w:99',
  'multi-byte override (found by fuzzing)': () => '#CSPR:1/o:3\u0315',
};

// Each test builds the evaluation (and opens its link) again: the steps.
const steps = [
  {
    name: 'an evaluation built in the widget is carried by its link, without history entries',
    async run(s, ex) {
      const { page, url } = s;
      const historyStart = await page.evaluate(() => history.length);
      // A custom profile, compared with Tencent, a preset, changed weights,
      // overrides and notes.
      await page.setInputFiles('[data-testid=profile-file-input]', fictional);
      await page.waitForFunction(() => document.querySelector('.cr-overall-label strong').textContent.includes('fictional'));
      await page.selectOption('[data-testid=compare-select]', ['tencent-cloud']);
      await page.selectOption('[data-testid=preset-select]', 'manufacturing');
      for (const [q, w] of [[1, 5], [2, 0], [13, 1], [18, 5]]) {
        await page.fill(`[data-testid=weight-input][data-question="${q}"]`, String(w));
      }
      await page.selectOption('[data-testid=status-override][data-question="13"]', 'documented');
      await page.selectOption('[data-testid=status-override][data-question="18"]', 'adverse');
      await page.fill('[data-testid=note-input][data-question="13"]', note13);
      s.built = await state(page);
      ex(await page.evaluate(() => history.length), 'replaceState: no history entries added').toBe(historyStart);
      s.link = await page.inputValue('[data-testid=share-link]');
      ex(s.link.startsWith(`${url}/#CSPR:1/x:`), `link carries the custom profile: ${s.link.slice(0, 60)}`).toBe(true);
      await page.waitForFunction((l) => location.href === l, s.link, { timeout: 3000 }).catch(() => {});
      ex(await page.evaluate(() => location.href), 'the address bar holds the link (once edits pause)').toBe(s.link);
      await page.click('[data-testid=copy-link]');
    },
  },
  {
    name: 'a fresh browser opens the link and finds the same evaluation',
    async run(s, ex) {
      s.fresh = await s.app(s.link);
      ex(await state(s.fresh.page), 'the link restores figures, weights, overrides, notes, provider and comparison').toEqual(s.built);
      ex(await s.fresh.page.$('[data-testid=restore-offer]'), 'nothing saved there, nothing to offer').toBeNull();
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
      expect.soft(await state(fresh.page), `${name}: evaluation kept`).toEqual(before);
      await fresh.page.click('[data-testid=error-banner] button');
      const atLoad = await app(`${served.url}/${hash}`);
      expect.soft(await atLoad.page.locator('[data-testid=error-banner]').isVisible(), `${name} at load: message`).toBe(true);
      expect.soft((await figures(atLoad.page)).overall, `${name} at load: default evaluation`).toBe('56.9');
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

  test('a saved evaluation is never silently replaced by a shared link', async ({ app, served }) => {
    const s = await start({ app, served });
    await replay(steps, 1, s);
    await s.page.waitForTimeout(450); // autosave waits 250 ms for edits to pause
    const mine = await s.context.newPage();
    await mine.goto(`${served.url}/#CSPR:1/s:research`);
    await mine.waitForSelector('[data-testid=weight-input]');
    expect.soft((await figures(mine)).overall, 'the shared link is shown').toBe('53.8');
    await mine.waitForSelector('[data-testid=restore-offer]');
    await mine.click('[data-testid=restore-saved]');
    expect.soft((await state(mine)).figures, 'restoring brings back the saved evaluation').toEqual(s.built.figures);
    await mine.click('[data-testid=undo]');
    expect.soft((await figures(mine)).overall, 'and undo brings back the shared one').toBe('53.8');
    await mine.close();
  });

  test('every export downloads, with the right content', async ({ app, served }) => {
    const s = await start({ app, served });
    await replay(steps, 1, s);
    const { page, built } = s;
    const download = async (testid) => {
      const [d] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testid}]`)]);
      const path = join(out, d.suggestedFilename());
      await d.saveAs(path);
      return { name: d.suggestedFilename(), text: await readFile(path, 'utf8') };
    };
    const json = await download('export-json');
    expect.soft(json.name, 'json file name').toBe('csp-radar-example-fictional.json');
    const evaluation = JSON.parse(json.text);
    expect.soft([evaluation.format, evaluation.overall, evaluation.questions.length], 'evaluation JSON').toEqual(['csp-radar-evaluation', Number(built.figures.overall), 18]);
    expect.soft(evaluation.questions[12].note, 'JSON keeps the note').toBe(note13);
    const csv = parseCsv((await download('export-csv')).text);
    expect.soft(csv.length, 'CSV: header + 18 rows').toBe(19);
    expect.soft(csv.every((r) => r.length === csv[0].length), 'CSV: every row has every column').toBe(true);
    expect.soft([csv[13][0], csv[13][4], csv[13][6]], 'CSV: q13 overridden').toEqual(['13', 'documented', 'yes']);
    const md = (await download('export-md')).text;
    expect.soft(md, 'Markdown report has the overall').toContain(`**Overall risk: ${built.figures.overall}**`);
    const wiki = (await download('export-wikitext')).text;
    expect.soft(wiki.split('\n').filter((l) => /^\| \d+ \|\|/.test(l)).length, 'wikitext: 18 question rows').toBe(18);
    expect.soft(wiki.split('\n').filter((l) => l.startsWith("# '''Q")).length, 'wikitext: one item per gap').toBe(built.figures.gaps.length);
    expect.soft(wiki.replace(/<nowiki>[^]*?<\/nowiki>/g, ''), 'wikitext: markup in notes is escaped (only inside <nowiki>)').not.toContain('<b>');
    const svg = (await download('export-svg')).text;
    expect.soft(svg.startsWith('<svg') && (svg.match(/<polygon/g) || []).length === 6, 'SVG: 4 rings + 2 series').toBe(true);
    expect.soft(s.errors, 'no page errors').toEqual([]);
  });

  test('print makes a PDF', async ({ app, served }) => {
    const s = await start({ app, served });
    await replay(steps, 1, s);
    const { page } = s;
    // Chromium's PDF of the page, first page rendered to PNG to look at.
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await writeFile(join(out, 'report.pdf'), pdf);
    expect.soft(pdf.subarray(0, 5).toString(), 'print makes a PDF').toBe('%PDF-');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', join(out, 'report.pdf'), join(out, 'report-page')]);
    expect.soft(s.errors, 'no page errors').toEqual([]);
  });
});
