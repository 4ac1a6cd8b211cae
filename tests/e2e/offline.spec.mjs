// dist/csp-radar.html opened from file:// with every network
// request blocked and counted (none may be made), under its strict CSP.
// The file holds the default evaluation prerendered, readable with
// no script at all, hidden when a link or a saved evaluation will replace it.
import { join } from 'node:path';
import { test, expect, replay, out, figures, goldenTencent, waitForApp } from './fixtures.mjs';

// The file opened, changed, its link opened, the file opened again: each
// step's test replays the steps before it.
const steps = [
  {
    name: 'the app takes the prerendered page over in place and runs offline with golden figures and zero requests',
    async run(s, ex) {
      const { offline } = s;
      const first = s.first = await offline.open(offline.file);
      const seen = await first.page.evaluate(() => window.prerenderSeen);
      ex(seen, 'the prerendered default shows as soon as it is parsed').toEqual({ display: 'block', inert: true, overall: '56.9' });
      ex(await first.page.locator('[data-testid=widget]').count(), 'the app replaced the prerendered copy (one widget)').toBe(1);
      ex(await first.page.evaluate(() => document.querySelectorAll('#csp-radar-app, #csp-radar-app [inert]').length), 'nothing in the running app is inert').toBe(1);
      ex(await first.page.evaluate(() => [...document.querySelectorAll('#csp-radar-app .cr-part')].map((p) => p.dataset.part).join()), 'the app took the prerendered page over part by part, in place').toBe('controls,summary,radar,gaps,questions,share');
      ex(await first.page.evaluate(() => document.querySelector('#csp-radar-app .cr-title').prerenderedNode), 'the prerendered heading stays on screen (the same node: nothing is drawn twice)').toBe(true);
      ex(await first.page.evaluate(() => ['.cr-controls', '[data-testid=overall-risk]', '.cr-radar', '.cr-gaps', '.cr-questions', '.cr-share'].map((sel) => document.querySelectorAll(sel).length).join()), 'each part replaced its prerendered copy: none is shown twice').toBe('1,1,1,1,1,1');
      await first.page.waitForFunction(() => document.querySelectorAll('[data-testid=weight-input]').length === 18);
      const f = await figures(first.page);
      ex({ overall: f.overall, band: f.band, coverage: f.coverage, domains: f.domains }, 'golden figures offline').toEqual(goldenTencent);
      ex(await first.page.evaluate(() => document.querySelector('meta[http-equiv=Content-Security-Policy]')?.content.includes("'unsafe-eval'")), 'CSP has no unsafe-eval').toBe(false);
      await first.page.fill('[data-testid=weight-input][data-question="3"]', '5');
      await first.page.selectOption('[data-testid=status-override][data-question="9"]', 'adverse');
      s.changed = await figures(first.page);
      ex(s.changed.overall, 'a weight change moves the figures').not.toBe(f.overall);
      s.link = await first.page.inputValue('[data-testid=share-link]');
      ex(s.link.startsWith(`${offline.file}#CSPR:1/`), `the link is the file URL plus the hash: ${s.link}`).toBe(true);
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
      ex(await figures(second.page), 'the link round-trips offline').toEqual(s.changed);
      ex(second.requests, 'zero network requests on the second open').toEqual([]);
      ex(second.errors, 'no errors on the second open').toEqual([]);
    },
  },
  {
    name: 'reopened without a link, the saved evaluation comes back and the default is never shown',
    async run(s, ex) {
      // The first tab's evaluation is saved in its browser.
      const { page } = s.first;
      await page.goto(s.offline.file);
      await waitForApp(page);
      ex((await page.evaluate(() => window.prerenderSeen))?.display, 'with a saved evaluation, the prerendered default is never shown').toBe('none');
      ex(await figures(page), 'the saved evaluation is restored offline').toEqual(s.changed);
    },
  },
];

test.describe('offline', () => {
  test('without script the prerendered default evaluation is readable, inert, and makes no request', async ({ offlineFile: offline }) => {
    const still = await offline.open(offline.file, { javaScriptEnabled: false });
    expect.soft(await figures(still.page), 'without script the prerendered figures are the golden ones').toEqual({ ...goldenTencent, gaps: (await figures(still.page)).gaps });
    expect.soft((await figures(still.page)).gaps.length, 'without script the 16 gaps are listed').toBe(16);
    expect.soft(await still.page.locator('[data-testid=radar-series]').count(), 'without script the radar is drawn').toBe(1);
    expect.soft(await still.page.textContent('body'), 'without script a note says what the reader is looking at').toContain('This is the default evaluation, drawn when this file was built');
    expect.soft(await still.page.evaluate(() => [...document.querySelectorAll('#csp-radar-app .cr-part')].map((p) => p.inert).join()), 'the prerendered parts (all the controls) are inert').toBe('true,true,true,true,true,true');
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
    expect.soft((await figures(page)).overall, 'after a failed start the prerendered figures stay').toBe('56.9');
    expect.soft(await page.evaluate(() => [...document.querySelectorAll('#csp-radar-app .cr-part')].every((p) => p.inert)), 'after a failed start the dead controls stay inert').toBe(true);
    expect.soft(thrown.some((e) => e.includes('DecompressionStream')), `the failure reaches the console: ${thrown}`).toBe(true);
  });

  for (const [i, step] of steps.entries()) {
    test(step.name, async ({ offlineFile: offline }) => {
      const s = { offline };
      await replay(steps, i, s);
      await step.run(s, expect.soft);
    });
  }
});
