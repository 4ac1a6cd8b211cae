// embed.js in a hostile host page — two independent widgets in
// shadow roots, the JS API, data-profile-url, and the iframe mode.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, root, out, watchErrors, figures } from './fixtures.mjs';

const host = `<!doctype html><html><head><meta charset="utf-8"><title>Host</title>
<style>* { color: red; font-size: 40px } svg { display: none } .cr-btn { border-radius: 0 }</style></head>
<body>
<h1 id="host-heading">A wiki page about providers</h1>
<p class="cr-btn" id="host-p">Host text with one of our class names.</p>
<div class="csp-radar" id="a" data-profile="tencent-cloud" data-preset="balanced"></div>
<div class="csp-radar" id="b" data-profile="tencent-cloud" data-preset="clinical" data-compare="tencent-cloud"></div>
<div class="csp-radar" id="c" data-profile-url="/fixtures/example-fictional.json"></div>
<div class="csp-radar" id="d" data-profile-url="http://203.0.113.1/evil.json"></div>
<div class="csp-radar" id="e" data-profile="aws" data-compare="tencent-cloud,microsoft-azure,google-cloud"></div>
<div id="api"></div>
<script src="/embed.js"></script>
</body></html>`;

const iframeHost = `<!doctype html><html><body>
<iframe id="f" src="/index.html?embed=1" style="width:700px;height:300px;border:0"></iframe>
<script>window.heights = []; addEventListener('message', (e) => {
  if (e.data && e.data.type === 'csp-radar:height') { window.heights.push(e.data.height); document.getElementById('f').style.height = e.data.height + 'px'; }
});</script></body></html>`;

const fixture = readFileSync(join(root, 'tests/fixtures/profiles/example-fictional.json'), 'utf8');

/** The host pages beside the build. */
function addRoutes(served) {
  Object.assign(served.routes, {
    '/host.html': ['text/html', host],
    '/iframe-host.html': ['text/html', iframeHost],
    '/fixtures/example-fictional.json': ['application/json', fixture],
  });
}

/** The hostile host page with its five widgets drawn. */
async function openHost(page, served) {
  addRoutes(served);
  const errors = watchErrors(page);
  await page.goto(`${served.url}/host.html`);
  await page.waitForFunction(() => ['a', 'b', 'c', 'd', 'e'].every((i) => document.getElementById(i).shadowRoot?.querySelector('[data-testid=weight-input]')));
  await page.waitForFunction(() => document.getElementById('c').shadowRoot.querySelector('.cr-overall-label strong').textContent.includes('fictional'));
  const shadow = (id) => page.evaluateHandle((i) => document.getElementById(i).shadowRoot, id);
  return { errors, shadow };
}

test.describe('embed', () => {
  test('two bundles: host pages get the mount API, index.html\'s app does not carry it', async ({ page, served }) => {
    addRoutes(served);
    const errors = watchErrors(page);
    await page.goto(`${served.url}/host.html`);
    const exported = await page.evaluate(async () => ({
      embed: typeof (await import('/csp-radar-embed.js')).mount,
      app: typeof (await import('/csp-radar.js')).mount,
    }));
    expect.soft(exported, 'the mount API is in the embed bundle only').toEqual({ embed: 'function', app: 'undefined' });
    expect.soft(errors, 'no page errors in the host page').toEqual([]);
  });

  test('each widget has its own figures; data-profile-url loads same-origin only; bundled providers embed by id', async ({ page, served }) => {
    const { errors, shadow } = await openHost(page, served);
    const a = await figures(await shadow('a'));
    const b = await figures(await shadow('b'));
    expect.soft([a.overall, b.overall], 'each widget has its own figures').toEqual(['56.9', '57.2']);
    expect.soft((await figures(await shadow('c'))).overall, 'data-profile-url loads a same-origin profile').toBe('29.2');
    const d = await page.evaluate(() => document.getElementById('d').shadowRoot.querySelector('[data-testid=error-banner]')?.textContent);
    expect.soft(d, `a cross-origin profile URL is refused: ${d}`).toContain('only profiles from this site');
    expect.soft(await page.evaluate(() => document.getElementById('b').shadowRoot.querySelectorAll('[data-testid=radar-series]').length), 'comparing with itself is ignored').toBe(1);
    // The bundled big three embed by id, and compare with one another.
    expect.soft(await page.evaluate(() => [...document.getElementById('e').shadowRoot.querySelectorAll('[data-testid=radar-series]')].map((s) => s.dataset.provider)), 'a bundled provider embeds with the other three compared')
      .toEqual(['aws', 'tencent-cloud', 'microsoft-azure', 'google-cloud']);
    expect.soft((await figures(await shadow('e'))).overall, "AWS's balanced figure, as csp-radar score gives it").toBe('44.4');
    expect.soft(errors, 'no page errors in the host page').toEqual([]);
  });

  test('host styles do not reach in, and ours do not leak out', async ({ page, served }) => {
    const { errors } = await openHost(page, served);
    const inside = await page.evaluate(() => {
      const r = document.getElementById('a').shadowRoot;
      const style = (sel, prop) => getComputedStyle(r.querySelector(sel))[prop];
      return { color: style('.cr-q-text', 'color'), size: style('.cr-q-text', 'fontSize'), svg: style('[data-testid=radar]', 'display'), btn: style('.cr-btn', 'borderTopLeftRadius') };
    });
    expect.soft(inside.color, `host colour does not reach in (${inside.color})`).not.toBe('rgb(255, 0, 0)');
    expect.soft(inside.size, 'host font-size does not reach in').toBe('15px');
    expect.soft(inside.svg, 'host svg {display:none} does not hide the radar').not.toBe('none');
    expect.soft(inside.btn, 'our button style inside').toBe('6px');
    const outside = await page.evaluate(() => ({
      color: getComputedStyle(document.getElementById('host-p')).color,
      radius: getComputedStyle(document.getElementById('host-p')).borderTopLeftRadius,
      size: getComputedStyle(document.getElementById('host-heading')).fontSize,
    }));
    expect.soft(outside, 'our styles do not leak into the host page').toEqual({ color: 'rgb(255, 0, 0)', radius: '0px', size: '40px' });
    await page.screenshot({ path: join(out, 'embed.png') });
    expect.soft(errors, 'no page errors in the host page').toEqual([]);
  });

  test('a mounted widget shares a link to the standalone app', async ({ page, served }) => {
    const { errors } = await openHost(page, served);
    const shareA = await page.evaluate(() => document.getElementById('a').shadowRoot.querySelector('[data-testid=share-link]').value);
    expect.soft(shareA, 'a mounted widget shares a link to the standalone app').toBe(`${served.url}/index.html#CSPR:1`);
    expect.soft(errors, 'no page errors in the host page').toEqual([]);
  });

  test('changing one widget leaves the other; csp-radar:change carries the state', async ({ page, served }) => {
    const { errors, shadow } = await openHost(page, served);
    await page.evaluate(() => { window.changes = []; document.getElementById('a').addEventListener('csp-radar:change', (e) => window.changes.push(e.detail)); });
    await page.evaluate(() => {
      const input = document.getElementById('a').shadowRoot.querySelector('[data-testid=weight-input][data-question="14"]');
      input.value = '0';
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    });
    await page.waitForFunction(() => window.changes.length > 0);
    expect.soft((await figures(await shadow('a'))).overall, 'widget a changed (q14 weight 0: 2850/51 = 55.88)').toBe('55.9');
    expect.soft((await figures(await shadow('b'))).overall, 'widget b unchanged').toBe('57.2');
    const detail = await page.evaluate(() => window.changes.at(-1));
    expect.soft([detail.provider, detail.overall, detail.weights[13]], 'csp-radar:change carries the state').toEqual(['tencent-cloud', 55.9, 0]);
    expect.soft(errors, 'no page errors in the host page').toEqual([]);
  });

  test('the JS API: mount, state(), setProfile() with located errors, destroy()', async ({ page, served }) => {
    const { errors } = await openHost(page, served);
    const api = await page.evaluate(async (json) => {
      const el = document.getElementById('api');
      const handle = CspRadar.mount(el, { preset: 'research' });
      await handle.ready;
      await new Promise((r) => setTimeout(r, 50));
      const first = handle.state();
      const bad = handle.setProfile('{"format": "nope"}');
      await new Promise((r) => setTimeout(r, 50));
      const afterBad = handle.state();
      const good = handle.setProfile(json);
      await new Promise((r) => setTimeout(r, 50));
      const afterGood = handle.state();
      const banner = el.shadowRoot.querySelector('[data-testid=error-banner]');
      handle.destroy();
      return { first, bad, afterBad: afterBad.overall, good, afterGood: afterGood.overall, provider: afterGood.provider, banner: !!banner, emptied: el.shadowRoot.querySelector('[data-testid=overall-risk]') === null };
    }, fixture);
    expect.soft([api.first.overall, api.first.band, api.first.preset, api.first.domains.fit], 'handle.state()').toEqual([53.8, 'high', 'research', 50]);
    expect.soft(api.bad.length >= 1 && api.bad[0].includes('1:12: /format'), `setProfile returns located errors: ${api.bad}`).toBe(true);
    expect.soft(api.afterBad, 'a bad setProfile keeps the evaluation').toBe(53.8);
    expect.soft([api.good, api.provider], 'setProfile loads a good profile').toEqual([[], 'example-fictional']);
    expect.soft(api.emptied, 'destroy() unmounts').toBe(true);
    expect.soft(errors, 'no page errors in the host page').toEqual([]);
  });

  test('iframe mode: compact, and it reports its height to the parent', async ({ newContext, served }) => {
    addRoutes(served);
    const framePage = await (await newContext({ viewport: { width: 800, height: 600 } })).newPage();
    await framePage.goto(`${served.url}/iframe-host.html`);
    await framePage.waitForFunction(() => window.heights.length > 0 && window.heights.at(-1) > 1000, null, { timeout: 15000 });
    const frame = framePage.frame({ url: /embed=1/ });
    expect.soft(await frame.$('.cr-root[data-layout=compact]'), 'iframe mode is compact').not.toBeNull();
    expect.soft(await frame.inputValue('[data-testid=share-link]'), 'the iframe shares a link to the full page').toBe(`${served.url}/index.html#CSPR:1`);
    const heights = await framePage.evaluate(() => window.heights);
    const docHeight = await frame.evaluate(() => document.documentElement.scrollHeight);
    expect.soft(heights.at(-1), 'the last posted height is the page height').toBe(docHeight);
    await frame.click('.cr-table-details summary');
    await expect.poll(() => framePage.evaluate(() => window.heights.at(-1)), { message: 'opening the radar table posts a new height' }).toBeGreaterThan(heights.at(-1));
  });
});
