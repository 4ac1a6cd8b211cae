// Playwright Test fixtures for the suites in this folder (*.spec.mjs):
//
//   served     (worker) the release build in dist/ on a static server at
//              127.0.0.1, on a free port; `served.routes[path] = [type, body]`
//              adds a page (a host page, a fixture) beside the build
//   cli        (worker) runs the csp-radar CLI: $CSP_RADAR_CLI, or the debug
//              binary that `cargo build` keeps current
//   newContext a browser context of its own (1280 x 900, its own storage),
//              closed after the test
//   app        a page in a context of its own, opened at a URL with the app
//              running and its question rows drawn
//   offlineFile dist/csp-radar.html from file:// in contexts where every
//              request but file:// is aborted and counted
//   wiki       (worker) a real MediaWiki from Debian's package, served by
//              PHP's built-in server over SQLite (wiki-server.mjs)
//
// The browser is the system Chromium (playwright.config.mjs); nothing here
// downloads one.
import { test as base, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve, dist, root, out, watchErrors, waitForApp } from './lib.mjs';
import { startWiki } from './wiki-server.mjs';

export { expect };
export * from './lib.mjs';

mkdirSync(out, { recursive: true });

export const test = base.extend({
  served: [async ({}, use) => {
    if (!existsSync(join(dist, 'index.html'))) throw new Error(`no build in ${dist}: make dist first`);
    const server = await serve(dist);
    await use(server);
    await server.close();
  }, { scope: 'worker' }],

  cli: [async ({}, use) => {
    let bin = process.env.CSP_RADAR_CLI;
    if (!bin) {
      // Keeps the binary current, as `cargo run` would (a no-op after `cargo test`).
      execFileSync('cargo', ['build', '--quiet', '--bin', 'csp-radar'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
      bin = join(process.env.CARGO_TARGET_DIR || join(root, 'target'), 'debug/csp-radar');
    }
    await use((...args) => execFileSync(bin, args, { encoding: 'utf8' }));
  }, { scope: 'worker', timeout: 600_000 }],

  newContext: async ({ browser }, use) => {
    const made = [];
    await use(async (options = {}) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
      made.push(context);
      return context;
    });
    for (const context of made) await context.close().catch(() => {});
  },

  app: async ({ newContext }, use) => {
    await use(async (url, width = 1280) => {
      const context = await newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(url);
      await waitForApp(page);
      await page.waitForSelector('[data-testid=weight-input]');
      return { context, page, errors };
    });
  },

  offlineFile: async ({ newContext }, use) => {
    const file = pathToFileURL(join(dist, 'csp-radar.html')).href;
    if (!existsSync(join(dist, 'csp-radar.html'))) throw new Error(`no ${file}: make dist first`);
    /** A context with every request but file:// aborted; `requests` lists them. */
    const context = async (options = {}) => {
      const ctx = await newContext({ viewport: { width: 1280, height: 800 }, offline: true, ...options });
      const requests = [];
      await ctx.route('**', (route) => {
        const url = route.request().url();
        if (url.startsWith('file://')) return route.continue();
        requests.push(url);
        return route.abort();
      });
      ctx.on('request', (r) => { if (!r.url().startsWith('file://') && !r.url().startsWith('data:')) requests.push(r.url()); });
      return { context: ctx, requests };
    };
    /** Opens `url` (the file, or the file with a link) in a new blocked
     *  context, recording what the prerendered page looked like the moment
     *  its markup was parsed (window.prerenderSeen). */
    const open = async (url = file, options = {}) => {
      const { context: ctx, requests } = await context(options);
      const page = await ctx.newPage();
      const errors = watchErrors(page);
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
      return { context: ctx, page, errors, requests };
    };
    await use({ file, context, open });
  },

  wiki: [async ({}, use) => {
    const wiki = await startWiki();
    try {
      await use(wiki);
    } finally {
      await wiki.stop();
    }
  }, { scope: 'worker', timeout: 300_000 }],
});

/** Opens a disclosure by its test id (a menu: `providers-menu`,
 *  `more-menu`; or one inside a menu: `load-details`) unless it is open
 *  already, first closing any other menu it is not inside (they overlap),
 *  and waits until it is open. */
export async function openMenu(page, testid) {
  const others = `details.cr-menu[open]:not([data-testid=${testid}]):not(:has([data-testid=${testid}])) > summary`;
  for (const other of await page.locator(others).all()) await other.click();
  const menu = page.locator(`[data-testid=${testid}]`);
  if (!(await menu.evaluate((d) => d.open))) await menu.locator(':scope > summary').click();
  await expect(menu).toHaveJSProperty('open', true);
}

/** Opens "Load or import a provider" inside the Providers menu. */
export async function openLoad(page) {
  await openMenu(page, 'providers-menu');
  await openMenu(page, 'load-details');
}

/** Ticks a provider in or out of the decision in the Providers menu and
 *  waits until the table says so. (Clicked, not check(): check() reads the
 *  box again after the app has redrawn the list.) */
export async function tick(page, id, on) {
  await openMenu(page, 'providers-menu');
  const box = page.locator(`[data-testid=provider-toggle][data-provider="${id}"]`);
  if ((await box.isChecked()) !== on) await box.click();
  await page.waitForFunction(([id, on]) => !!document.querySelector(`[data-testid=decision-row][data-provider="${id}"]`) === on, [id, on], { timeout: 5000 }).catch(() => {});
}

/** An `expect` whose failures are swallowed. The steps before a test's own
 *  are replayed with it: their checks still wait for what they wait for,
 *  but they belong to (and fail) their own tests only. */
export function quiet(actual, message) {
  const wrap = (matchers) => new Proxy({}, {
    get(_, name) {
      const value = matchers[name];
      if (value === undefined || value === null) return value;
      if (typeof value !== 'function') return wrap(value);
      return (...args) => {
        try {
          const r = value.apply(matchers, args);
          return r && typeof r.then === 'function' ? r.catch(() => {}) : r;
        } catch { return undefined; }
      };
    },
  });
  return wrap(expect(actual, message));
}

/**
 * Journeys whose scenarios build on one another are written as steps
 * `{ name, run(state, expect) }`, one test each. A step's test replays the
 * steps before it on its own fresh page (their checks quiet, their
 * screenshots skipped: `state.replaying`), then runs its own with soft
 * expects, so a failure is reported once, by the step it belongs to, and
 * never hides the checks of the steps after it.
 */
export async function replay(steps, index, state) {
  state.replaying = true;
  for (const step of steps.slice(0, index)) {
    await test.step(`replay: ${step.name}`, () => step.run(state, quiet), { box: true });
  }
  state.replaying = false;
}
