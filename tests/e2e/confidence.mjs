// How far to trust the result, in the browser. The range the
// unknowns leave (beside the figure, on the domain bars, as a band on the
// radar); the ranking sentence for a compared provider; evidence age (as-of
// date and threshold, kept in the link, marks in rows and gaps, a count in
// the summary, figures untouched); and "Compare with an earlier evaluation".
import { join } from 'node:path';
import { serve, launch, dist, root, out, watchErrors, check, eq, figures, waitForApp, openPage } from './lib.mjs';

export default async function confidence() {
  const server = await serve(dist);
  const browser = await launch();
  try {
    const { context, page, errors } = await openPage(browser, `${server.url}/#CSPR:1/a:2026-11-24`);

    // The range: 56.9, between 5.6 and 88.9 (the golden case, docs/scoring.md).
    const range = await page.$eval('[data-testid=overall-range]', (el) => [el.dataset.best, el.dataset.worst, el.textContent]);
    eq(range.slice(0, 2), ['5.6', '88.9'], 'the overall range beside the figure');
    check(range[2].includes('56.9, between 5.6 and 88.9 depending on the provider'), `said in words: ${range[2]}`);
    eq(await page.$eval('[data-testid=domain-score][data-domain=availability] [data-testid=domain-range]', (el) => [el.dataset.best, el.dataset.worst]), ['33.3', '100.0'], 'each domain bar carries its range');
    check(!!(await page.$('[data-testid=radar-range]')), 'the radar shades the band between best and worst');

    // Evidence age: marks, a count, kept in the link; no figure moves.
    const before = await figures(page);
    const stale = await page.$$eval('.cr-question [data-testid=evidence-age][data-stale]', (els) => els.length);
    const summary = await page.textContent('[data-testid=evidence-summary]');
    check(stale > 0 && summary.includes(`${stale} of`) && summary.includes('older than 3 years'), `stale answers are marked and counted (${stale}; ${summary})`);
    check((await page.textContent('.cr-gap [data-testid=evidence-age][data-stale]')).includes('years old'), 'the gap list marks stale evidence with its age');
    check((await page.textContent('.cr-source')).includes('retrieved 2023-08-04 (3 years ago)'), "the profile's retrieval age is shown");
    await page.selectOption('[data-testid=stale-after]', '60');
    await page.fill('[data-testid=as-of]', '2021-01-01');
    await page.dispatchEvent('[data-testid=as-of]', 'change');
    const fewer = await page.$$eval('.cr-question [data-testid=evidence-age][data-stale]', (els) => els.length);
    check(fewer < stale, `an earlier as-of date and a longer threshold mark fewer answers (${fewer} < ${stale})`);
    eq(await figures(page), before, 'staleness never changes a figure');
    await page.waitForTimeout(450);
    const link = await page.inputValue('[data-testid=share-link]');
    check(link.includes('/a:2021-01-01') && link.includes('/t:60'), `the as-of date and threshold travel in the link: ${link}`);
    const second = await openPage(browser, link);
    eq([await second.page.inputValue('[data-testid=as-of]'), await second.page.inputValue('[data-testid=stale-after]')], ['2021-01-01', '60'], 'and come back from it');
    await second.context.close();
    const old = await openPage(browser, `${server.url}/#CSPR:1/s:clinical/o:3d`);
    // Clinical (Σw 73) with q3 documented: (4175 − 400)/73 = 51.7.
    eq((await figures(old.page)).overall, '51.7', 'a link from before these segments opens unchanged');
    eq(await old.page.$('[data-testid=error-banner]'), null, 'without complaint');
    await old.context.close();

    // Ranking with a compared provider: one sentence per pair.
    await page.evaluate(() => { document.querySelector('[data-testid=load-details]').open = true; });
    await page.setInputFiles('[data-testid=profile-file-input]', join(root, 'tests/fixtures/profiles/example-fictional.json'));
    await page.waitForFunction(() => document.querySelector('.cr-overall-label strong').textContent.includes('fictional'));
    await page.selectOption('[data-testid=provider-select]', 'tencent-cloud');
    await page.selectOption('[data-testid=compare-select]', ['loaded:example-fictional']);
    const sentence = await page.textContent('[data-testid=ranking]');
    check(/^Tencent Cloud is riskier than Example Cloud \(fictional\) under .* presets and .*; the unknowns (could still|cannot) reverse it\.$/.test(sentence), `the ranking sentence: ${sentence}`);
    await page.locator('.cr-summary').screenshot({ path: join(out, 'confidence-summary-1280.png') });
    await page.locator('.cr-radar').screenshot({ path: join(out, 'confidence-radar-1280.png') });

    // The four bundled providers, offered from the start, side by side.
    const offered = await page.$$eval('[data-testid=provider-select] option', (os) => os.map((o) => o.value));
    for (const id of ['tencent-cloud', 'aws', 'microsoft-azure', 'google-cloud']) check(offered.includes(id), `the provider picker offers ${id} (${offered})`);
    const comparable = await page.$$eval('[data-testid=compare-select] option', (os) => os.map((o) => o.value));
    for (const id of ['aws', 'microsoft-azure', 'google-cloud']) check(comparable.includes(id), `the compare picker offers ${id}`);
    await page.selectOption('[data-testid=compare-select]', ['aws', 'microsoft-azure', 'google-cloud']);
    eq(await page.$$eval('[data-testid=radar-series]', (ss) => ss.map((s) => s.dataset.provider)), ['tencent-cloud', 'aws', 'microsoft-azure', 'google-cloud'], 'four series on the radar');
    const legend = await page.textContent('.cr-radar');
    for (const name of ['Tencent Cloud', 'Amazon Web Services', 'Microsoft Azure', 'Google Cloud']) check(legend.includes(name), `the legend names ${name}`);
    const dashes = await page.$$eval('[data-testid=radar-series] polygon', (ps) => ps.map((p) => p.getAttribute('stroke-dasharray') || getComputedStyle(p).strokeDasharray));
    eq(new Set(dashes).size, 4, `each series has its own line style (${dashes})`);
    eq(await page.$$eval('[data-testid=ranking]', (ps) => ps.length), 3, 'one ranking sentence per compared provider');
    const table = await page.$$eval('.cr-radar table th[scope=col]', (ths) => ths.map((t) => t.textContent));
    check(['Amazon Web Services', 'Microsoft Azure', 'Google Cloud'].every((n) => table.some((t) => t.includes(n))), `the data table has a column per provider (${table})`);
    await page.locator('.cr-radar').screenshot({ path: join(out, 'radar-four-providers-1280.png') });
    await page.locator('.cr-summary').screenshot({ path: join(out, 'summary-four-providers-1280.png') });

    // Compare with an earlier evaluation: its file, then a change, then the diff.
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
    check(diff.includes('Gaps closed: q3') && diff.includes('q3 status: adverse → documented') && diff.includes('q5 weight: 3 → 5'), `the diff says what changed: ${diff.slice(0, 300)}`);
    check(/Overall risk: 56\.9 → \d+\.\d \(−/.test(diff), 'with the figure and its delta');
    await page.locator('[data-testid=diff]').screenshot({ path: join(out, 'diff-1280.png') });
    await page.fill('[data-testid=earlier-link]', `${server.url}/#CSPR:1/bad`);
    await page.dispatchEvent('[data-testid=earlier-link]', 'change');
    check(!!(await page.$('[data-testid=earlier-problem]')), 'a broken earlier link is said, not shown as a diff');
    eq(errors, [], 'no page errors');
    await context.close();

    // The ranking follows the figures: enough findings from the provider
    // flip it (q3 and the seven undisclosed answers documented: 56.9 − 5.6 −
    // 7 × 4.2 = 22.2, below AWS's 44.4).
    const flip = await openPage(browser, `${server.url}/#CSPR:1/c:aws`);
    check((await flip.page.textContent('[data-testid=ranking]')).startsWith('Tencent Cloud is riskier than Amazon Web Services'), 'riskier before the findings');
    for (const q of [3, 4, 7, 10, 13, 14, 15, 18]) await flip.page.selectOption(`[data-testid=status-override][data-question="${q}"]`, 'documented');
    eq((await figures(flip.page)).overall, '22.2', 'the findings move the figure');
    const flipped = await flip.page.textContent('[data-testid=ranking]');
    check(flipped.startsWith('Tencent Cloud is less risky than Amazon Web Services'), `and the ranking sentence with it: ${flipped}`);
    await flip.context.close();

    // 400 px: the range, stale marks and ranking still read.
    const narrow = await openPage(browser, `${server.url}/`, 400);
    await narrow.page.screenshot({ path: join(out, 'confidence-400.png'), fullPage: false });
    const overflow = await narrow.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, `no sideways scroll at 400 px (${overflow})`);
    await narrow.context.close();
  } finally {
    await browser.close();
    await server.close();
  }
}
