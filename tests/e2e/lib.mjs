// Helpers shared by the Playwright suites (through fixtures.mjs) and the
// bench (tests/bench/): a static server on 127.0.0.1, a Chromium launcher
// that never reaches the network, and readers of the widget's figures.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, chromiumArgs } from '../../www/tools/chromium.mjs';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// CSP_RADAR_DIST: another build to test (a copy kept still while dist/ is rebuilt).
export const dist = process.env.CSP_RADAR_DIST || join(root, 'dist');
export const out = join(root, 'tests/out');

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.json': 'application/json', '.css': 'text/css', '.svg': 'image/svg+xml',
};

/** Serves `dir` (and extra routes, `path: [type, body]`) on 127.0.0.1 at a
 *  free port. `routes` stays live: a route added to it later is served. */
export async function serve(dir, routes = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (routes[path]) {
      const [type, body] = routes[path];
      res.writeHead(200, { 'content-type': type });
      return res.end(body);
    }
    const file = normalize(join(dir, path.endsWith('/') ? path + 'index.html' : path));
    if (!file.startsWith(dir)) { res.writeHead(403); return res.end(); }
    try {
      await stat(file);
      res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' });
      res.end(await readFile(file));
    } catch {
      res.writeHead(404); res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, routes, close: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }) };
}

export { launch, chromiumArgs };

/** Fails the page on any uncaught error or wasm panic in the console. */
export function watchErrors(page, errors = []) {
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** Waits until the app itself is running: the offline file shows a
 *  prerendered (inert) copy of the default decision before that. */
export async function waitForApp(page, timeout = 15000) {
  await page.waitForFunction(() => {
    const root = document.getElementById('csp-radar-app');
    // The decision table (several providers) or a provider's detail (one),
    // and every part taken over: a prerendered part stays inert until the
    // app has drawn it, and a control used there before does nothing.
    return root && !root.hasAttribute('data-prerendered') && root.querySelector('[data-testid=decision-row], [data-testid=overall-risk]')
      && !root.querySelector('.cr-part[inert]');
  }, null, { timeout });
}

/** The figures the widget shows, read from the test hooks. */
export async function figures(scope) {
  return scope.evaluate((el) => {
    const q = (s) => el.querySelector(s);
    const all = (s) => [...el.querySelectorAll(s)];
    return {
      overall: q('[data-testid=overall-risk]')?.dataset.value,
      band: q('[data-testid=overall-risk]')?.dataset.band,
      coverage: q('[data-testid=coverage]')?.dataset.value,
      domains: Object.fromEntries(all('[data-testid=domain-score]').map((d) => [d.dataset.domain, d.dataset.value])),
      gaps: all('[data-testid=gap-item]').map((g) => [Number(g.dataset.question), g.dataset.points]),
    };
  }, await (scope.elementHandle ? scope.elementHandle() : scope.evaluateHandle(() => document)));
}

export const goldenTencent = {
  overall: '56.9', band: 'high', coverage: '16.7',
  domains: { fit: '50.0', availability: '83.3', location: '50.0', access: '50.0', compliance: '75.0', security: '41.7', logging: '62.5', exit: '41.7' },
};

/** Pastes text into the widget's load box (behind its disclosure) and
 *  reads it. `scope` is a page, or a shadow root's handle on a page. */
export async function paste(page, text, root = null) {
  await page.evaluate(([r, t]) => {
    const scope = r || document;
    const box = scope.querySelector('[data-testid=profile-paste]');
    // Every disclosure it sits in (the More menu, the load box) opened.
    for (let d = box.closest('details'); d; d = d.parentElement?.closest('details')) d.open = true;
    box.value = t;
  }, [root, text]);
  const apply = root ? await root.$('[data-testid=profile-paste-apply]') : page.locator('[data-testid=profile-paste-apply]');
  await apply.click();
}
