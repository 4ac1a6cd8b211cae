// Issue 5: dist/csp-radar.html opened from file:// with every network
// request blocked and counted (none may be made), under its strict CSP.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, dist, out, watchErrors, check, eq, figures, goldenTencent } from './lib.mjs';

export default async function offline() {
  const file = pathToFileURL(join(dist, 'csp-radar.html')).href;
  const browser = await launch();
  try {
    const open = async (url) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, offline: true });
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
      await page.goto(url);
      await page.waitForSelector('[data-testid=overall-risk]', { timeout: 15000 });
      return { context, page, errors, requests };
    };

    const first = await open(file);
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
    eq(await figures(second.page), changed, 'the link round-trips offline');
    eq(second.requests, [], 'zero network requests on the second open');
    eq(second.errors, [], 'no errors on the second open');
    await first.context.close();
    await second.context.close();
  } finally {
    await browser.close();
  }
}
