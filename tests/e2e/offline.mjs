// dist/csp-radar.html opened from file:// with every network
// request blocked and counted (none may be made), under its strict CSP.
// The file holds the default evaluation prerendered, readable with
// no script at all, hidden when a link or a saved evaluation will replace it.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, dist, out, watchErrors, check, eq, figures, goldenTencent, waitForApp } from './lib.mjs';

export default async function offline() {
  const file = pathToFileURL(join(dist, 'csp-radar.html')).href;
  const browser = await launch();
  try {
    const open = async (url, options = {}) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, offline: true, ...options });
      const requests = [];
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file://')) return route.continue();
        requests.push(url);
        return route.abort();
      });
      const page = await context.newPage();
      page.on('request', (r) => { if (!r.url().startsWith('file://') && !r.url().startsWith('data:')) requests.push(r.url()); });
      const errors = watchErrors(page);
      // What the page looks like the moment its prerendered markup is parsed.
      await page.addInitScript(() => {
        new MutationObserver((_, observer) => {
          const root = document.getElementById('csp-radar-app');
          if (root?.querySelector('[data-testid=radar-series]') && root.hasAttribute('data-prerendered')) {
            root.querySelector('.cr-title').prerenderedNode = true;
            window.prerenderSeen = { display: getComputedStyle(root).display, inert: [...root.querySelectorAll('.cr-part')].every((p) => p.inert), overall: root.querySelector('[data-testid=overall-risk]')?.dataset.value };
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(url);
      if (options.javaScriptEnabled !== false) await waitForApp(page);
      return { context, page, errors, requests };
    };

    // No script at all: the prerendered default evaluation is readable.
    const still = await open(file, { javaScriptEnabled: false });
    eq(await figures(still.page), { ...goldenTencent, gaps: (await figures(still.page)).gaps }, 'without script the prerendered figures are the golden ones');
    eq((await figures(still.page)).gaps.length, 16, 'without script the 16 gaps are listed');
    eq(await still.page.locator('[data-testid=radar-series]').count(), 1, 'without script the radar is drawn');
    check((await still.page.textContent('body')).includes('This is the default evaluation, drawn when this file was built'), 'without script a note says what the reader is looking at');
    eq(await still.page.evaluate(() => [...document.querySelectorAll('#csp-radar-app .cr-part')].map((p) => p.inert).join()), 'true,true,true,true,true,true', 'the prerendered parts (all the controls) are inert');
    check(!(await still.page.content()).includes('file://'), 'the prerendered markup names no local path');
    eq(still.requests, [], 'zero network requests without script');
    await still.context.close();

    // A browser that cannot inflate the wasm keeps the readable default and
    // says why nothing responds.
    {
      const context = await browser.newContext({ offline: true });
      await context.addInitScript(() => { delete window.DecompressionStream; });
      const page = await context.newPage();
      const thrown = [];
      page.on('pageerror', (e) => thrown.push(String(e)));
      await page.goto(file);
      await page.waitForSelector('[data-testid=start-failed]', { timeout: 15000 });
      check((await page.textContent('[data-testid=start-failed]')).includes('could not start in this browser'), 'a failed start is explained');
      eq((await figures(page)).overall, '56.9', 'after a failed start the prerendered figures stay');
      eq(await page.evaluate(() => [...document.querySelectorAll('#csp-radar-app .cr-part')].every((p) => p.inert)), true, 'after a failed start the dead controls stay inert');
      check(thrown.some((e) => e.includes('DecompressionStream')), `the failure reaches the console: ${thrown}`);
      await context.close();
    }

    const first = await open(file);
    const seen = await first.page.evaluate(() => window.prerenderSeen);
    eq(seen, { display: 'block', inert: true, overall: '56.9' }, 'the prerendered default shows as soon as it is parsed');
    eq(await first.page.locator('[data-testid=widget]').count(), 1, 'the app replaced the prerendered copy (one widget)');
    eq(await first.page.evaluate(() => document.querySelectorAll('#csp-radar-app, #csp-radar-app [inert]').length), 1, 'nothing in the running app is inert');
    eq(await first.page.evaluate(() => [...document.querySelectorAll('#csp-radar-app .cr-part')].map((p) => p.dataset.part).join()), 'controls,summary,radar,gaps,questions,share', 'the app took the prerendered page over part by part, in place');
    eq(await first.page.evaluate(() => document.querySelector('#csp-radar-app .cr-title').prerenderedNode), true, 'the prerendered heading stays on screen (the same node: nothing is drawn twice)');
    eq(await first.page.evaluate(() => ['.cr-controls', '[data-testid=overall-risk]', '.cr-radar', '.cr-gaps', '.cr-questions', '.cr-share'].map((s) => document.querySelectorAll(s).length).join()), '1,1,1,1,1,1', 'each part replaced its prerendered copy: none is shown twice');
    await first.page.waitForFunction(() => document.querySelectorAll('[data-testid=weight-input]').length === 18);
    const f = await figures(first.page);
    eq({ overall: f.overall, band: f.band, coverage: f.coverage, domains: f.domains }, goldenTencent, 'golden figures offline');
    eq(await first.page.evaluate(() => document.querySelector('meta[http-equiv=Content-Security-Policy]')?.content.includes("'unsafe-eval'")), false, 'CSP has no unsafe-eval');
    await first.page.fill('[data-testid=weight-input][data-question="3"]', '5');
    await first.page.selectOption('[data-testid=status-override][data-question="9"]', 'adverse');
    const changed = await figures(first.page);
    check(changed.overall !== f.overall, 'a weight change moves the figures');
    const link = await first.page.inputValue('[data-testid=share-link]');
    check(link.startsWith(`${file}#CSPR:1/`), `the link is the file URL plus the hash: ${link}`);
    await first.page.screenshot({ path: join(out, 'offline.png') });
    eq(first.requests, [], 'zero network requests');
    eq(first.errors, [], 'no errors (CSP violations would show here)');

    const second = await open(link);
    eq((await second.page.evaluate(() => window.prerenderSeen))?.display, 'none', 'opened with a link, the prerendered default is never shown');
    eq(await figures(second.page), changed, 'the link round-trips offline');
    eq(second.requests, [], 'zero network requests on the second open');
    eq(second.errors, [], 'no errors on the second open');
    // The first tab's evaluation is saved in its browser: reopened without
    // a link, the saved one comes back and the default is never shown.
    await first.page.goto(file);
    await waitForApp(first.page);
    eq((await first.page.evaluate(() => window.prerenderSeen))?.display, 'none', 'with a saved evaluation, the prerendered default is never shown');
    eq(await figures(first.page), changed, 'the saved evaluation is restored offline');
    await first.context.close();
    await second.context.close();
  } finally {
    await browser.close();
  }
}
