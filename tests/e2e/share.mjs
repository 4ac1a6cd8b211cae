// The share link travels, hostile fragments are refused with a
// message, a shared link never silently replaces a saved evaluation, every
// export downloads with the right content, and print makes a PDF.
import { readFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { serve, launch, dist, root, out, watchErrors, check, eq, figures, waitForApp, openPage } from './lib.mjs';

const fictional = join(root, 'tests/fixtures/profiles/example-fictional.json');

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


export default async function share() {
  const server = await serve(dist);
  const browser = await launch();
  try {
    const { context, page, errors } = await openPage(browser, `${server.url}/`);
    const historyStart = await page.evaluate(() => history.length);

    // Build an evaluation: a custom profile, compared with Tencent, a preset,
    // changed weights, overrides and notes.
    await page.setInputFiles('[data-testid=profile-file-input]', fictional);
    await page.waitForFunction(() => document.querySelector('.cr-overall-label strong').textContent.includes('fictional'));
    await page.selectOption('[data-testid=compare-select]', ['tencent-cloud']);
    await page.selectOption('[data-testid=preset-select]', 'manufacturing');
    for (const [q, w] of [[1, 5], [2, 0], [13, 1], [18, 5]]) {
      await page.fill(`[data-testid=weight-input][data-question="${q}"]`, String(w));
    }
    await page.selectOption('[data-testid=status-override][data-question="13"]', 'documented');
    await page.selectOption('[data-testid=status-override][data-question="18"]', 'adverse');
    await page.fill('[data-testid=note-input][data-question="13"]', 'Audit logs on request within 5 days — "per contract §7", <b>not bold</b>');
    const built = await state(page);
    eq(await page.evaluate(() => history.length), historyStart, 'replaceState: no history entries added');

    const link = await page.inputValue('[data-testid=share-link]');
    check(link.startsWith(`${server.url}/#CSPR:1/x:`), `link carries the custom profile: ${link.slice(0, 60)}`);
    await page.waitForFunction((l) => location.href === l, link, { timeout: 3000 }).catch(() => {});
    eq(await page.evaluate(() => location.href), link, 'the address bar holds the link (once edits pause)');
    await page.click('[data-testid=copy-link]');

    // A fresh browser (no storage) opens the link and finds the same evaluation.
    const fresh = await openPage(browser, link);
    eq(await state(fresh.page), built, 'the link restores figures, weights, overrides, notes, provider and comparison');
    eq(await fresh.page.$('[data-testid=restore-offer]'), null, 'nothing saved there, nothing to offer');

    // Hostile fragments, at load and on an open page: a message, nothing changes.
    const bomb = Buffer.from(execFileSync('python3', ['-c', 'import zlib,sys,base64; c=zlib.compressobj(9,zlib.DEFLATED,-15); d=c.compress(b"0"*(30*1024*1024))+c.flush(); sys.stdout.write(base64.urlsafe_b64encode(d).decode().rstrip("="))'])).toString();
    const hostile = {
      garbage: '#CSPR:1/zz:%%%/<script>',
      'newer version': '#CSPR:9/s:clinical',
      '100 KB': `#CSPR:1/n:${'A'.repeat(100 * 1024)}`,
      bomb: `#CSPR:1/n:${bomb}`,
      'bad weights': '#CSPR:1/w:99',
      'multi-byte override (found by fuzzing)': '#CSPR:1/o:3\u0315',
    };
    const before = await state(fresh.page);
    for (const [name, fragment] of Object.entries(hostile)) {
      await fresh.page.evaluate((f) => { location.hash = f; }, fragment);
      const banner = fresh.page.locator('[data-testid=error-banner]');
      await banner.waitFor({ timeout: 5000 });
      const text = await banner.textContent();
      check(text.includes('cannot be opened') && text.includes('unchanged'), `${name}: message "${text.slice(0, 90)}"`);
      eq(await state(fresh.page), before, `${name}: evaluation kept`);
      await fresh.page.click('[data-testid=error-banner] button');
      const atLoad = await openPage(browser, `${server.url}/${fragment}`);
      check(await atLoad.page.locator('[data-testid=error-banner]').isVisible(), `${name} at load: message`);
      eq((await figures(atLoad.page)).overall, '56.9', `${name} at load: default evaluation`);
      await atLoad.context.close();
    }
    // A wiki section anchor is not ours: silently ignored.
    await fresh.page.evaluate(() => { location.hash = '#Provider_research'; });
    await fresh.page.waitForTimeout(200);
    eq(await fresh.page.$('[data-testid=error-banner]'), null, '#Provider_research is ignored silently');
    eq(await state(fresh.page), before, '#Provider_research changes nothing');
    eq(fresh.errors, [], 'no page errors in the fresh context');

    // A saved evaluation is never silently replaced by a shared link.
    const { page: mine } = { page: await context.newPage() };
    await mine.goto(`${server.url}/#CSPR:1/s:research`);
    await mine.waitForSelector('[data-testid=weight-input]');
    eq((await figures(mine)).overall, '53.8', 'the shared link is shown');
    await mine.waitForSelector('[data-testid=restore-offer]');
    await mine.click('[data-testid=restore-saved]');
    eq((await state(mine)).figures, built.figures, 'restoring brings back the saved evaluation');
    await mine.click('[data-testid=undo]');
    eq((await figures(mine)).overall, '53.8', 'and undo brings back the shared one');
    await mine.close();

    // Exports: each downloads, each has the right content.
    const download = async (testid) => {
      const [d] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testid}]`)]);
      const path = join(out, d.suggestedFilename());
      await d.saveAs(path);
      return { name: d.suggestedFilename(), text: await readFile(path, 'utf8') };
    };
    const json = await download('export-json');
    eq(json.name, 'csp-radar-example-fictional.json', 'json file name');
    const evaluation = JSON.parse(json.text);
    eq([evaluation.format, evaluation.overall, evaluation.questions.length], ['csp-radar-evaluation', Number(built.figures.overall), 18], 'evaluation JSON');
    eq(evaluation.questions[12].note, 'Audit logs on request within 5 days — "per contract §7", <b>not bold</b>', 'JSON keeps the note');
    const csv = parseCsv((await download('export-csv')).text);
    eq(csv.length, 19, 'CSV: header + 18 rows');
    eq(csv.every((r) => r.length === csv[0].length), true, 'CSV: every row has every column');
    eq([csv[13][0], csv[13][4], csv[13][6]], ['13', 'documented', 'yes'], 'CSV: q13 overridden');
    const md = (await download('export-md')).text;
    check(md.includes(`**Overall risk: ${built.figures.overall}**`), 'Markdown report has the overall');
    const wiki = (await download('export-wikitext')).text;
    eq(wiki.split('\n').filter((l) => /^\| \d+ \|\|/.test(l)).length, 18, 'wikitext: 18 question rows');
    eq(wiki.split('\n').filter((l) => l.startsWith("# '''Q")).length, built.figures.gaps.length, 'wikitext: one item per gap');
    check(!wiki.replace(/<nowiki>[^]*?<\/nowiki>/g, '').includes('<b>'), 'wikitext: markup in notes is escaped (only inside <nowiki>)');
    const svg = (await download('export-svg')).text;
    check(svg.startsWith('<svg') && (svg.match(/<polygon/g) || []).length === 6, 'SVG: 4 rings + 2 series');

    // Print: Chromium's PDF of the page, first page rendered to PNG to look at.
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await writeFile(join(out, 'report.pdf'), pdf);
    check(pdf.subarray(0, 5).toString() === '%PDF-', 'print makes a PDF');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', join(out, 'report.pdf'), join(out, 'report-page')]);
    eq(errors, [], 'no page errors');
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
}
