// How far to trust the result, in the browser. The range the
// unknowns leave (beside the figure, on the domain bars, as a band on the
// radar); the ranking sentence for a compared provider; evidence age (as-of
// date and threshold, kept in the link, marks in rows and gaps, a count in
// the summary, figures untouched); and "Compare with an earlier evaluation".
import { join } from 'node:path';
import { test, expect, replay, root, out, figures } from './fixtures.mjs';

// One session on one page opened at #CSPR:1/a:2026-11-24: each step's test
// replays the steps before it.
const steps = [
  {
    name: 'the range the unknowns leave: beside the figure, on the domain bars, on the radar',
    async run(s, ex) {
      const { page } = s;
      // 56.9, between 5.6 and 88.9 (the golden case, docs/scoring.md).
      const range = await page.$eval('[data-testid=overall-range]', (el) => [el.dataset.best, el.dataset.worst, el.textContent]);
      ex(range.slice(0, 2), 'the overall range beside the figure').toEqual(['5.6', '88.9']);
      ex(range[2], `said in words: ${range[2]}`).toContain('56.9, between 5.6 and 88.9 depending on the provider');
      ex(await page.$eval('[data-testid=domain-score][data-domain=availability] [data-testid=domain-range]', (el) => [el.dataset.best, el.dataset.worst]), 'each domain bar carries its range').toEqual(['33.3', '100.0']);
      ex(await page.$('[data-testid=radar-range]'), 'the radar shades the band between best and worst').not.toBeNull();
    },
  },
  {
    name: 'evidence age: marks, a count, kept in the link; no figure moves',
    async run(s, ex) {
      const { page } = s;
      const before = await figures(page);
      const stale = await page.$$eval('.cr-question [data-testid=evidence-age][data-stale]', (els) => els.length);
      const summary = await page.textContent('[data-testid=evidence-summary]');
      ex(stale > 0 && summary.includes(`${stale} of`) && summary.includes('older than 3 years'), `stale answers are marked and counted (${stale}; ${summary})`).toBe(true);
      ex(await page.textContent('.cr-gap [data-testid=evidence-age][data-stale]'), 'the gap list marks stale evidence with its age').toContain('years old');
      ex(await page.textContent('.cr-source'), "the profile's retrieval age is shown").toContain('retrieved 2023-08-04 (3 years ago)');
      await page.selectOption('[data-testid=stale-after]', '60');
      await page.fill('[data-testid=as-of]', '2021-01-01');
      await page.dispatchEvent('[data-testid=as-of]', 'change');
      const fewer = await page.$$eval('.cr-question [data-testid=evidence-age][data-stale]', (els) => els.length);
      ex(fewer, `an earlier as-of date and a longer threshold mark fewer answers (${fewer} < ${stale})`).toBeLessThan(stale);
      ex(await figures(page), 'staleness never changes a figure').toEqual(before);
      await page.waitForTimeout(450);
      const link = await page.inputValue('[data-testid=share-link]');
      ex(link.includes('/a:2021-01-01') && link.includes('/t:60'), `the as-of date and threshold travel in the link: ${link}`).toBe(true);
      if (s.replaying) return;
      const second = await s.app(link);
      ex([await second.page.inputValue('[data-testid=as-of]'), await second.page.inputValue('[data-testid=stale-after]')], 'and come back from it').toEqual(['2021-01-01', '60']);
    },
  },
  {
    name: 'a compared provider gets a ranking sentence',
    async run(s, ex) {
      const { page } = s;
      await page.evaluate(() => { document.querySelector('[data-testid=load-details]').open = true; });
      await page.setInputFiles('[data-testid=profile-file-input]', join(root, 'tests/fixtures/profiles/example-fictional.json'));
      await page.waitForFunction(() => document.querySelector('.cr-overall-label strong').textContent.includes('fictional'));
      await page.selectOption('[data-testid=provider-select]', 'tencent-cloud');
      await page.selectOption('[data-testid=compare-select]', ['loaded:example-fictional']);
      const sentence = await page.textContent('[data-testid=ranking]');
      ex(sentence, `the ranking sentence: ${sentence}`).toMatch(/^Tencent Cloud is riskier than Example Cloud \(fictional\) under .* presets and .*; the unknowns (could still|cannot) reverse it\.$/);
      if (s.replaying) return;
      await page.locator('.cr-summary').screenshot({ path: join(out, 'confidence-summary-1280.png') });
      await page.locator('.cr-radar').screenshot({ path: join(out, 'confidence-radar-1280.png') });
    },
  },
  {
    name: 'the four bundled providers are offered from the start and compare side by side',
    async run(s, ex) {
      const { page } = s;
      const offered = await page.$$eval('[data-testid=provider-select] option', (os) => os.map((o) => o.value));
      for (const id of ['tencent-cloud', 'aws', 'microsoft-azure', 'google-cloud']) ex(offered, `the provider picker offers ${id} (${offered})`).toContain(id);
      const comparable = await page.$$eval('[data-testid=compare-select] option', (os) => os.map((o) => o.value));
      for (const id of ['aws', 'microsoft-azure', 'google-cloud']) ex(comparable, `the compare picker offers ${id}`).toContain(id);
      await page.selectOption('[data-testid=compare-select]', ['aws', 'microsoft-azure', 'google-cloud']);
      ex(await page.$$eval('[data-testid=radar-series]', (ss) => ss.map((x) => x.dataset.provider)), 'four series on the radar').toEqual(['tencent-cloud', 'aws', 'microsoft-azure', 'google-cloud']);
      const legend = await page.textContent('.cr-radar');
      for (const name of ['Tencent Cloud', 'Amazon Web Services', 'Microsoft Azure', 'Google Cloud']) ex(legend, `the legend names ${name}`).toContain(name);
      const dashes = await page.$$eval('[data-testid=radar-series] polygon', (ps) => ps.map((p) => p.getAttribute('stroke-dasharray') || getComputedStyle(p).strokeDasharray));
      ex(new Set(dashes).size, `each series has its own line style (${dashes})`).toBe(4);
      ex(await page.$$eval('[data-testid=ranking]', (ps) => ps.length), 'one ranking sentence per compared provider').toBe(3);
      const table = await page.$$eval('.cr-radar table th[scope=col]', (ths) => ths.map((t) => t.textContent));
      ex(['Amazon Web Services', 'Microsoft Azure', 'Google Cloud'].every((n) => table.some((t) => t.includes(n))), `the data table has a column per provider (${table})`).toBe(true);
      if (s.replaying) return;
      await page.locator('.cr-radar').screenshot({ path: join(out, 'radar-four-providers-1280.png') });
      await page.locator('.cr-summary').screenshot({ path: join(out, 'summary-four-providers-1280.png') });
    },
  },
  {
    name: 'compare with an earlier evaluation: its file, then a change, then the diff',
    async run(s, ex) {
      const { page, url } = s;
      await page.selectOption('[data-testid=compare-select]', []);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-json]')]);
      const earlier = join(out, 'earlier-evaluation.json');
      await download.saveAs(earlier);
      await page.selectOption('[data-testid=status-override][data-question="3"]', 'documented');
      await page.fill('[data-testid=weight-input][data-question="5"]', '5');
      await page.click('[data-testid=reassess] > summary');
      await page.setInputFiles('[data-testid=earlier-file-input]', earlier);
      await page.waitForSelector('[data-testid=diff]');
      const diff = await page.textContent('[data-testid=diff]');
      ex(diff.includes('Gaps closed: q3') && diff.includes('q3 status: adverse → documented') && diff.includes('q5 weight: 3 → 5'), `the diff says what changed: ${diff.slice(0, 300)}`).toBe(true);
      ex(diff, 'with the figure and its delta').toMatch(/Overall risk: 56\.9 → \d+\.\d \(−/);
      await page.locator('[data-testid=diff]').screenshot({ path: join(out, 'diff-1280.png') });
      await page.fill('[data-testid=earlier-link]', `${url}/#CSPR:1/bad`);
      await page.dispatchEvent('[data-testid=earlier-link]', 'change');
      ex(await page.$('[data-testid=earlier-problem]'), 'a broken earlier link is said, not shown as a diff').not.toBeNull();
    },
  },
];

test.describe('confidence', () => {
  for (const [i, step] of steps.entries()) {
    test(step.name, async ({ app, served }) => {
      const { page, errors } = await app(`${served.url}/#CSPR:1/a:2026-11-24`);
      const s = { page, errors, app, url: served.url };
      await replay(steps, i, s);
      await step.run(s, expect.soft);
      expect.soft(errors, 'no page errors').toEqual([]);
    });
  }

  test('a link from before the range and age segments opens unchanged', async ({ app, served }) => {
    const old = await app(`${served.url}/#CSPR:1/s:clinical/o:3d`);
    // Clinical (Σw 73) with q3 documented: (4175 − 400)/73 = 51.7.
    expect.soft((await figures(old.page)).overall, 'a link from before these segments opens unchanged').toBe('51.7');
    expect.soft(await old.page.$('[data-testid=error-banner]'), 'without complaint').toBeNull();
  });

  test('the ranking follows the figures: enough findings flip it', async ({ app, served }) => {
    // q3 and the seven undisclosed answers documented: 56.9 − 5.6 − 7 × 4.2
    // = 22.2, below AWS's 44.4.
    const flip = await app(`${served.url}/#CSPR:1/c:aws`);
    expect.soft(await flip.page.textContent('[data-testid=ranking]'), 'riskier before the findings').toMatch(/^Tencent Cloud is riskier than Amazon Web Services/);
    for (const q of [3, 4, 7, 10, 13, 14, 15, 18]) await flip.page.selectOption(`[data-testid=status-override][data-question="${q}"]`, 'documented');
    expect.soft((await figures(flip.page)).overall, 'the findings move the figure').toBe('22.2');
    const flipped = await flip.page.textContent('[data-testid=ranking]');
    expect.soft(flipped, `and the ranking sentence with it: ${flipped}`).toMatch(/^Tencent Cloud is less risky than Amazon Web Services/);
  });

  test('400 px: the range, stale marks and ranking still read, with no sideways scroll', async ({ app, served }) => {
    const narrow = await app(`${served.url}/`, 400);
    await narrow.page.screenshot({ path: join(out, 'confidence-400.png'), fullPage: false });
    const overflow = await narrow.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect.soft(overflow, `no sideways scroll at 400 px (${overflow})`).toBeLessThanOrEqual(0);
  });
});
