// Importing a LIMSWiki provider research page in the widget. The
// copied page text and the wikitext both become a draft profile, announced
// with what was found; every status is marked "suggested" until confirmed;
// text that is not a provider page is refused in words and changes nothing;
// and the widget's figures for the draft equal `csp-radar score` of the
// CLI's own draft.
import { readFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { serve, launch, dist, root, out, watchErrors, check, eq, figures, waitForApp, paste } from './lib.mjs';

const pageText = join(root, 'tests/fixtures/pages/tencent-cloud.txt');
const pageWiki = join(root, 'tests/fixtures/pages/tencent-cloud.wikitext');

function cli(...args) {
  return execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'csp-radar', '--', ...args], { cwd: root }).toString();
}

export default async function importJourney() {
  // The CLI's draft and its figures.
  const draft = cli('import', pageText, '--format', 'json');
  const draftPath = join(out, 'tencent-imported.json');
  await writeFile(draftPath, draft);
  check(cli('validate', draftPath).includes(': ok'), 'the CLI draft passes csp-radar validate');
  const scored = JSON.parse(cli('score', draftPath, '--format', 'json'));
  const summary = cli('import', pageText, '--format', 'text');
  check(summary.includes('18 answers') && summary.includes('suggested'), 'import --format text summarises the suggestions');

  const server = await serve(dist);
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${server.url}/`);
    await waitForApp(page);
    await page.waitForSelector('[data-testid=weight-input]');
    const before = await figures(page);

    // Not a provider page: said, and nothing changes.
    const text = await readFile(pageText, 'utf8');
    for (const [name, bad, found] of [
      ['a random text', 'Minutes of the lab meeting. Who brings the samples? Tuesday.', 'found none of the 18 questions'],
      ['half a page', text.slice(0, text.indexOf('10. How do you test')), 'found 9 of the 18 questions'],
      ['a page with 5 questions', text.slice(0, text.indexOf('6. Who will have access')), 'found 5 of the 18 questions'],
    ]) {
      await paste(page, bad);
      const banner = page.locator('[data-testid=error-banner]');
      await banner.waitFor({ timeout: 3000 });
      const said = await banner.textContent();
      check(said.includes('provider research page') && said.includes(found), `${name}: says what was expected and found (${said.slice(0, 160)})`);
      eq(await figures(page), before, `${name}: the evaluation is unchanged`);
      await page.click('[data-testid=error-banner] button');
    }

    // The copied page: a draft, announced, every status marked "suggested".
    await paste(page, text);
    await page.waitForSelector('[data-testid=info-banner]');
    const notice = await page.textContent('[data-testid=info-banner]');
    check(/Imported Tencent Cloud from the pasted text \(page text\): 18 answers, \d+ citations/.test(notice) && notice.includes('suggested'), `the import is announced: ${notice}`);
    eq(await page.$$eval('[data-testid=suggested]', (els) => els.length), 18 + (await page.$$eval('.cr-gap [data-testid=suggested]', (els) => els.length)), 'every status is marked suggested (rows and gaps)');
    const widget = await figures(page);
    eq({ overall: widget.overall, band: widget.band, coverage: widget.coverage },
      { overall: scored.overall.toFixed(1), band: scored.band, coverage: scored.coverage.toFixed(1) }, 'the widget scores the draft as csp-radar score does');
    eq(widget.domains, Object.fromEntries(Object.entries(scored.domains).map(([k, v]) => [k, v === null ? 'n/a' : v.toFixed(1)])), 'domain for domain');
    eq(widget.gaps, scored.gaps.map((g) => [g.question, g.points.toFixed(1)]), 'gap for gap');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(out, 'import-notice.png') });

    // Confirming a suggestion removes its mark, travels in the link, and undo works.
    const row = '#cr-q3-row';
    await page.click(`${row} [data-testid=confirm-status]`);
    eq(await page.$(`${row} [data-testid=suggested]`), null, 'a confirmed status is no longer marked');
    check((await page.textContent(`${row} .cr-basis`)).includes('Confirmed by the lab'), 'and says who confirmed it');
    await page.waitForTimeout(450);
    const link = await page.inputValue('[data-testid=share-link]');
    const other = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    watchErrors(other, errors);
    await other.goto(link);
    await waitForApp(other);
    await other.waitForSelector('[data-testid=weight-input]');
    eq(await other.$(`${row} [data-testid=suggested]`), null, 'the confirmation travels in the link');
    eq(await other.$$eval('.cr-question [data-testid=suggested]', (els) => els.length), 17, 'the other 17 stay suggested there');
    await other.close();
    await page.click('[data-testid=undo]');
    check(!!(await page.$(`${row} [data-testid=suggested]`)), 'undo brings the suggestion back');

    // The wikitext, from a file: read as wikitext, the same 18 answers.
    await page.evaluate(() => { document.querySelector('[data-testid=load-details]').open = true; });
    await page.setInputFiles('[data-testid=profile-file-input]', pageWiki);
    await page.waitForFunction(() => (document.querySelector('[data-testid=info-banner]')?.textContent || '').includes('(wikitext)'));
    check((await page.textContent('[data-testid=info-banner]')).includes('Imported Tencent Cloud from file tencent-cloud.wikitext (wikitext): 18 answers'), 'the wikitext file is read as wikitext');
    eq(await page.$$eval('.cr-question', (els) => els.length), 18, '18 answers');
    eq(errors, [], 'no page errors');
    await page.close();
  } finally {
    await browser.close();
    await server.close();
  }
}
