// Importing a LIMSWiki provider research page in the widget. The
// copied page text and the wikitext both become a draft profile, announced
// with what was found; every status is marked "suggested" until confirmed;
// text that is not a provider page is refused in words and changes nothing;
// and the widget's figures for the draft equal `csp-radar score` of the
// CLI's own draft.
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect, replay, root, out, watchErrors, figures, waitForApp, paste, openMenu } from './fixtures.mjs';

const pageText = join(root, 'tests/fixtures/pages/tencent-cloud.txt');
const pageWiki = join(root, 'tests/fixtures/pages/tencent-cloud.wikitext');

/** The CLI's draft of the page text, written to tests/out/, and its score. */
async function cliDraft(cli) {
  const draft = cli('import', pageText, '--format', 'json');
  const path = join(out, 'tencent-imported.json');
  await writeFile(path, draft);
  return { path, scored: JSON.parse(cli('score', path, '--format', 'json')) };
}

/** The whole decision as the page shows it: every provider's row of the
 *  decision table, the provider in detail and its figures. */
async function decisionShown(page) {
  return {
    rows: await page.$$eval('[data-testid=decision-row]', (rs) => rs.map((r) => ({ ...r.dataset }))),
    inDetail: await page.inputValue('[data-testid=provider-select]'),
    figures: await figures(page),
  };
}

async function open(page, url) {
  const errors = watchErrors(page);
  await page.goto(`${url}/`);
  await waitForApp(page);
  await page.waitForSelector('[data-testid=weight-input]');
  return errors;
}

const steps = [
  {
    name: 'the copied page becomes a draft, announced, every status suggested, scored as the CLI scores it',
    async run(s, ex) {
      const { page } = s;
      const before = await page.$$eval('[data-testid=decision-row]', (rs) => rs.map((r) => r.dataset.provider));
      await paste(page, await readFile(pageText, 'utf8'));
      await page.waitForSelector('[data-testid=info-banner]');
      const after = await page.$$eval('[data-testid=decision-row]', (rs) => rs.map((r) => r.dataset.provider));
      // Its id is Tencent Cloud's: the same provider, so the draft is Tencent
      // Cloud's profile in the decision now, not a fifth provider.
      ex(after.slice().sort(), `the draft takes the place of the provider with its id (${before} -> ${after})`).toEqual(before.slice().sort());
      ex(await page.inputValue('[data-testid=provider-select]'), 'the draft is in detail').toBe('loaded:tencent-cloud');
      const notice = await page.textContent('[data-testid=info-banner]');
      ex(/Imported Tencent Cloud from the pasted text \(page text\): 18 answers, \d+ citations/.test(notice) && notice.includes('suggested'), `the import is announced: ${notice}`).toBe(true);
      ex(await page.$$eval('[data-testid=suggested]', (els) => els.length), 'every status is marked suggested (rows and gaps)').toBe(18 + (await page.$$eval('.cr-gap [data-testid=suggested]', (els) => els.length)));
      if (s.replaying) return;
      const { scored } = await cliDraft(s.cli);
      const widget = await figures(page);
      ex({ overall: widget.overall, band: widget.band, coverage: widget.coverage }, 'the widget scores the draft as csp-radar score does')
        .toEqual({ overall: scored.overall.toFixed(1), band: scored.band, coverage: scored.coverage.toFixed(1) });
      ex(widget.domains, 'domain for domain').toEqual(Object.fromEntries(Object.entries(scored.domains).map(([k, v]) => [k, v === null ? 'n/a' : v.toFixed(1)])));
      ex(widget.gaps, 'gap for gap').toEqual(scored.gaps.map((g) => [g.question, g.points.toFixed(1)]));
      ex(await page.getAttribute('[data-testid=decision-row][data-provider="tencent-cloud"]', 'data-value'), "the decision table's row for it has the draft's figure").toBe(scored.overall.toFixed(1));
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(out, 'import-notice.png') });
    },
  },
  {
    name: 'confirming a suggestion removes its mark, travels in the link, and undo brings it back',
    async run(s, ex) {
      const { page, newContext, errors } = s;
      const row = '#cr-q3-row';
      await page.click(`${row} [data-testid=confirm-status]`);
      ex(await page.$(`${row} [data-testid=suggested]`), 'a confirmed status is no longer marked').toBeNull();
      ex(await page.textContent(`${row} .cr-basis`), 'and says who confirmed it').toContain('Confirmed by the lab');
      await page.waitForTimeout(450);
      const link = await page.inputValue('[data-testid=share-link]');
      const other = await (await newContext()).newPage();
      watchErrors(other, errors);
      await other.goto(link);
      await waitForApp(other);
      await other.waitForSelector('[data-testid=weight-input]');
      ex(await other.$(`${row} [data-testid=suggested]`), 'the confirmation travels in the link').toBeNull();
      ex(await other.$$eval('.cr-question [data-testid=suggested]', (els) => els.length), 'the other 17 stay suggested there').toBe(17);
      await other.close();
      await openMenu(page, 'more-menu');
      await page.click('[data-testid=undo]');
      ex(await page.$(`${row} [data-testid=suggested]`), 'undo brings the suggestion back').not.toBeNull();
    },
  },
];

test.describe('import', () => {
  test("the CLI's draft passes validate, and import --format text summarises the suggestions", async ({ cli }) => {
    const { path } = await cliDraft(cli);
    expect.soft(cli('validate', path), 'the CLI draft passes csp-radar validate').toContain(': ok');
    const summary = cli('import', pageText, '--format', 'text');
    expect.soft(summary.includes('18 answers') && summary.includes('suggested'), `import --format text summarises the suggestions: ${summary}`).toBe(true);
  });

  // Not a provider page: said, and nothing changes.
  const text = readFileSync(pageText, 'utf8');
  for (const [name, bad, found] of [
    ['a random text', 'Minutes of the lab meeting. Who brings the samples? Tuesday.', 'found none of the 18 questions'],
    ['half a page', text.slice(0, text.indexOf('10. How do you test')), 'found 9 of the 18 questions'],
    ['a page with 5 questions', text.slice(0, text.indexOf('6. Who will have access')), 'found 5 of the 18 questions'],
  ]) {
    test(`not a provider page (${name}): refused in words, nothing changes`, async ({ page, served }) => {
      const errors = await open(page, served.url);
      // Tencent Cloud in detail, so its figures are on the page beside the table's.
      await page.click('[data-testid=focus-provider][data-provider="tencent-cloud"]');
      await page.waitForSelector('[data-testid=overall-risk]');
      const before = await decisionShown(page);
      expect(before.rows.length, 'the bundled providers are in the table').toBe(4);
      expect(before.figures.overall, "Tencent Cloud's figure is shown").toBeTruthy();
      await paste(page, bad);
      const banner = page.locator('[data-testid=error-banner]');
      await banner.waitFor({ timeout: 3000 });
      const said = await banner.textContent();
      expect.soft(said.includes('provider research page') && said.includes(found), `${name}: says what was expected and found (${said.slice(0, 160)})`).toBe(true);
      expect.soft(await decisionShown(page), `${name}: the decision is unchanged`).toEqual(before);
      await page.click('[data-testid=error-banner] button');
      expect.soft(errors, 'no page errors').toEqual([]);
    });
  }

  for (const [i, step] of steps.entries()) {
    test(step.name, async ({ page, served, cli, newContext }) => {
      const errors = await open(page, served.url);
      const s = { page, cli, newContext, errors };
      await replay(steps, i, s);
      await step.run(s, expect.soft);
      expect.soft(errors, 'no page errors').toEqual([]);
    });
  }

  test('the wikitext, from a file, is read as wikitext: the same 18 answers', async ({ page, served }) => {
    const errors = await open(page, served.url);
    await openMenu(page, 'providers-menu');
    await openMenu(page, 'load-details');
    await page.setInputFiles('[data-testid=profile-file-input]', pageWiki);
    await page.waitForFunction(() => (document.querySelector('[data-testid=info-banner]')?.textContent || '').includes('(wikitext)'));
    expect.soft(await page.textContent('[data-testid=info-banner]'), 'the wikitext file is read as wikitext').toContain('Imported Tencent Cloud from file tencent-cloud.wikitext (wikitext): 18 answers');
    expect.soft(await page.inputValue('[data-testid=provider-select]'), 'the draft is in detail').toMatch(/^loaded:/);
    expect.soft(await page.$$eval('.cr-question [data-testid=suggested]', (els) => els.length), '18 answers, each suggested').toBe(18);
    expect.soft(errors, 'no page errors').toEqual([]);
  });
});
