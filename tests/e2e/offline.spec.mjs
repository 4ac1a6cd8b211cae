// dist/csp-radar.html opened from file:// with every network
// request blocked and counted (none may be made), under its strict CSP.
// The file holds the default decision prerendered, readable with no
// script at all, hidden when a link or a kept decision will replace it.
import { join } from 'node:path';
import { test, expect, replay, root, out, figures, goldenTencent, waitForApp } from './fixtures.mjs';

const BUNDLED = ['tencent-cloud', 'aws', 'microsoft-azure', 'google-cloud'];
const PARTS = 'controls,decision,summary,radar,gaps,questions,share,report';

/** The decision table: each provider's figure, band and coverage. */
const rows = (page) => page.$$eval('[data-testid=decision-row]', (rs) => Object.fromEntries(rs.map((r) => [r.dataset.provider, [r.dataset.value, r.dataset.band, r.dataset.coverage]])));
/** Each bundled provider's figure, band and coverage as the CLI gives them. */
function cliRows(cli) {
  return Object.fromEntries(BUNDLED.map((id) => {
    const s = JSON.parse(cli('score', join(root, 'www/profiles', `${id}.json`), '--format', 'json'));
    return [id, [s.overall.toFixed(1), s.band, s.coverage.toFixed(1)]];
  }));
}

// The file opened, changed, its link opened, the file opened again: each
// step's test replays the steps before it.
const steps = [
  {
    name: 'the app takes the prerendered page over in place and runs offline with golden figures and zero requests',
    async run(s, ex) {
      const { offline, cli } = s;
      const first = s.first = await offline.open(offline.file);
      const seen = await first.page.evaluate(() => window.prerenderSeen);
      ex({ display: seen?.display, inert: seen?.inert }, 'the prerendered default shows as soon as it is parsed, inert').toEqual({ display: 'block', inert: true });
      ex(seen?.overall, 'it is the whole decision: no provider in detail').toBeUndefined();
      ex(await first.page.locator('[data-testid=widget]').count(), 'the app replaced the prerendered copy (one widget)').toBe(1);
      ex(await first.page.evaluate(() => document.querySelectorAll('#csp-radar-app, #csp-radar-app [inert]').length), 'nothing in the running app is inert').toBe(1);
      ex(await first.page.evaluate(() => [...document.querySelectorAll('#csp-radar-app .cr-part')].map((p) => p.dataset.part).join()), 'the app took the prerendered page over part by part, in place').toBe(PARTS);
      ex(await first.page.evaluate(() => document.querySelector('#csp-radar-app .cr-title').prerenderedNode), 'the prerendered heading stays on screen (the same node: nothing is drawn twice)').toBe(true);
      ex(await first.page.evaluate(() => ['.cr-controls', '.cr-decision', '.cr-detail-head', '.cr-radar', '.cr-questions', '.cr-share', '.cr-report'].map((sel) => document.querySelectorAll(sel).length).join()), 'each part replaced its prerendered copy: none is shown twice').toBe('1,1,1,1,1,1,1');
      await first.page.waitForFunction(() => document.querySelectorAll('[data-testid=weight-input]').length === 18);
      ex(await rows(first.page), 'the decision offline, as the CLI scores each profile').toEqual(cliRows(cli));
      await first.page.click('[data-testid=focus-provider][data-provider=tencent-cloud]');
      await first.page.waitForSelector('[data-testid=overall-risk]');
      const f = await figures(first.page);
      ex({ overall: f.overall, band: f.band, coverage: f.coverage, domains: f.domains }, 'golden figures offline').toEqual(goldenTencent);
      ex(await first.page.evaluate(() => document.querySelector('meta[http-equiv=Content-Security-Policy]')?.content.includes("'unsafe-eval'")), 'CSP has no unsafe-eval').toBe(false);
      await first.page.fill('[data-testid=weight-input][data-question="3"]', '5');
      await first.page.selectOption('[data-testid=finding-status][data-question="9"]', 'adverse');
      s.changed = { figures: await figures(first.page), rows: await rows(first.page) };
      ex(s.changed.figures.overall, 'a weight change and a finding move the figures').not.toBe(f.overall);
      s.link = await first.page.inputValue('[data-testid=share-link]');
      ex(s.link.startsWith(`${offline.file}#CSPR:2/`), `the link is the file URL plus the hash: ${s.link}`).toBe(true);
      ex(await first.page.locator('[data-testid=link-local]').isVisible(), 'and it says such a link opens only on this computer').toBe(true);
      if (!s.replaying) await first.page.screenshot({ path: join(out, 'offline.png') });
      ex(first.requests, 'zero network requests').toEqual([]);
      ex(first.errors, 'no errors (CSP violations would show here)').toEqual([]);
    },
  },
  {
    name: 'the link round-trips offline and the prerendered default is never shown',
    async run(s, ex) {
      const second = await s.offline.open(s.link);
      ex((await second.page.evaluate(() => window.prerenderSeen))?.display, 'opened with a link, the prerendered default is never shown').toBe('none');
      await second.page.waitForSelector('[data-testid=overall-risk]');
      ex({ figures: await figures(second.page), rows: await rows(second.page) }, 'the link round-trips offline').toEqual(s.changed);
      ex(second.requests, 'zero network requests on the second open').toEqual([]);
      ex(second.errors, 'no errors on the second open').toEqual([]);
    },
  },
  {
    name: 'reopened without a link, the kept decision comes back and the default is never shown',
    async run(s, ex) {
      // The first tab's decision is kept in its browser.
      const { page } = s.first;
      await page.waitForTimeout(500); // kept once edits pause
      await page.goto(s.offline.file);
      await waitForApp(page);
      ex((await page.evaluate(() => window.prerenderSeen))?.display, 'with a kept decision, the prerendered default is never shown').toBe('none');
      await page.waitForSelector('[data-testid=overall-risk]');
      ex({ figures: await figures(page), rows: await rows(page) }, 'the kept decision is restored offline').toEqual(s.changed);
    },
  },
];

test.describe('offline', () => {
  test('without script the prerendered default decision is readable, inert, and makes no request', async ({ offlineFile: offline, cli }) => {
    const still = await offline.open(offline.file, { javaScriptEnabled: false });
    expect.soft(await rows(still.page), 'without script the prerendered decision has every bundled provider, as the CLI scores it').toEqual(cliRows(cli));
    expect.soft((await rows(still.page))['tencent-cloud'], 'Tencent at its golden figures').toEqual([goldenTencent.overall, goldenTencent.band, goldenTencent.coverage]);
    expect.soft(await still.page.locator('[data-testid=decision-verdict]').count(), 'without script the verdicts between neighbours are there').toBe(BUNDLED.length - 1);
    expect.soft(await still.page.locator('[data-testid=radar-series]').count(), 'without script the radar is drawn, a series per provider').toBe(BUNDLED.length);
    expect.soft(await still.page.textContent('body'), 'without script a note says what the reader is looking at').toContain('drawn when this file was built');
    expect.soft(await still.page.evaluate(() => [...document.querySelectorAll('#csp-radar-app .cr-part')].map((p) => p.inert).join()), 'the prerendered parts (all the controls) are inert').toBe(PARTS.split(',').map(() => 'true').join());
    expect.soft(await still.page.content(), 'the prerendered markup names no local path').not.toContain('file://');
    expect.soft(still.requests, 'zero network requests without script').toEqual([]);
  });

  test('a browser that cannot inflate the wasm keeps the readable default and says why nothing responds', async ({ offlineFile: offline }) => {
    const { context } = await offline.context();
    await context.addInitScript(() => { delete window.DecompressionStream; });
    const page = await context.newPage();
    const thrown = [];
    page.on('pageerror', (e) => thrown.push(String(e)));
    await page.goto(offline.file);
    await page.waitForSelector('[data-testid=start-failed]', { timeout: 15000 });
    expect.soft(await page.textContent('[data-testid=start-failed]'), 'a failed start is explained').toContain('could not start in this browser');
    expect.soft((await rows(page))['tencent-cloud']?.[0], 'after a failed start the prerendered figures stay').toBe('56.9');
    expect.soft(await page.evaluate(() => [...document.querySelectorAll('#csp-radar-app .cr-part')].every((p) => p.inert)), 'after a failed start the dead controls stay inert').toBe(true);
    expect.soft(thrown.some((e) => e.includes('DecompressionStream')), `the failure reaches the console: ${thrown}`).toBe(true);
  });

  for (const [i, step] of steps.entries()) {
    test(step.name, async ({ offlineFile: offline, cli }) => {
      const s = { offline, cli };
      await replay(steps, i, s);
      await step.run(s, expect.soft);
    });
  }
});
