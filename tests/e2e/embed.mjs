// embed.js in a hostile host page — two independent widgets in
// shadow roots, the JS API, data-profile-url, and the iframe mode.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, launch, dist, root, out, watchErrors, check, eq, figures } from './lib.mjs';

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

export default async function embed() {
  const fixture = await readFile(join(root, 'tests/fixtures/profiles/example-fictional.json'), 'utf8');
  const server = await serve(dist, {
    '/host.html': ['text/html', host],
    '/iframe-host.html': ['text/html', iframeHost],
    '/fixtures/example-fictional.json': ['application/json', fixture],
  });
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${server.url}/host.html`);
    const shadow = (id) => page.evaluateHandle((i) => document.getElementById(i).shadowRoot, id);
    // Two bundles: host pages get the mount API, index.html's app does not
    // carry it.
    const exported = await page.evaluate(async () => ({
      embed: typeof (await import('/csp-radar-embed.js')).mount,
      app: typeof (await import('/csp-radar.js')).mount,
    }));
    eq(exported, { embed: 'function', app: 'undefined' }, 'the mount API is in the embed bundle only');
    await page.waitForFunction(() => ['a', 'b', 'c', 'd', 'e'].every((i) => document.getElementById(i).shadowRoot?.querySelector('[data-testid=weight-input]')));
    await page.waitForFunction(() => document.getElementById('c').shadowRoot.querySelector('.cr-overall-label strong').textContent.includes('fictional'));

    const a = await figures(await shadow('a'));
    const b = await figures(await shadow('b'));
    eq([a.overall, b.overall], ['56.9', '57.2'], 'each widget has its own figures');
    eq((await figures(await shadow('c'))).overall, '29.2', 'data-profile-url loads a same-origin profile');
    const d = await page.evaluate(() => document.getElementById('d').shadowRoot.querySelector('[data-testid=error-banner]')?.textContent);
    check(d && d.includes('only profiles from this site'), `a cross-origin profile URL is refused: ${d}`);
    eq(await page.evaluate(() => document.getElementById('b').shadowRoot.querySelectorAll('[data-testid=radar-series]').length), 1, 'comparing with itself is ignored');
    // The bundled big three embed by id, and compare with one another.
    eq(await page.evaluate(() => [...document.getElementById('e').shadowRoot.querySelectorAll('[data-testid=radar-series]')].map((s) => s.dataset.provider)),
      ['aws', 'tencent-cloud', 'microsoft-azure', 'google-cloud'], 'a bundled provider embeds with the other three compared');
    eq((await figures(await shadow('e'))).overall, '44.4', "AWS's balanced figure, as csp-radar score gives it");

    // Host styles do not reach in...
    const inside = await page.evaluate(() => {
      const r = document.getElementById('a').shadowRoot;
      const style = (sel, prop) => getComputedStyle(r.querySelector(sel))[prop];
      return { color: style('.cr-q-text', 'color'), size: style('.cr-q-text', 'fontSize'), svg: style('[data-testid=radar]', 'display'), btn: style('.cr-btn', 'borderTopLeftRadius') };
    });
    check(inside.color !== 'rgb(255, 0, 0)', `host colour does not reach in (${inside.color})`);
    eq(inside.size, '15px', 'host font-size does not reach in');
    check(inside.svg !== 'none', 'host svg {display:none} does not hide the radar');
    eq(inside.btn, '6px', 'our button style inside');
    // ... and ours do not leak out.
    const outside = await page.evaluate(() => ({
      color: getComputedStyle(document.getElementById('host-p')).color,
      radius: getComputedStyle(document.getElementById('host-p')).borderTopLeftRadius,
      size: getComputedStyle(document.getElementById('host-heading')).fontSize,
    }));
    eq(outside, { color: 'rgb(255, 0, 0)', radius: '0px', size: '40px' }, 'our styles do not leak into the host page');
    await page.screenshot({ path: join(out, 'embed.png') });

    const shareA = await page.evaluate(() => document.getElementById('a').shadowRoot.querySelector('[data-testid=share-link]').value);
    eq(shareA, `${server.url}/index.html#CSPR:1`, 'a mounted widget shares a link to the standalone app');

    // Changing one leaves the other.
    await page.evaluate(() => { window.changes = []; document.getElementById('a').addEventListener('csp-radar:change', (e) => window.changes.push(e.detail)); });
    await page.evaluate(() => {
      const input = document.getElementById('a').shadowRoot.querySelector('[data-testid=weight-input][data-question="14"]');
      input.value = '0';
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    });
    await page.waitForFunction(() => window.changes.length > 0);
    eq((await figures(await shadow('a'))).overall, '55.9', 'widget a changed (q14 weight 0: 2850/51 = 55.88)');
    eq((await figures(await shadow('b'))).overall, '57.2', 'widget b unchanged');
    const detail = await page.evaluate(() => window.changes.at(-1));
    eq([detail.provider, detail.overall, detail.weights[13]], ['tencent-cloud', 55.9, 0], 'csp-radar:change carries the state');

    // The JS API.
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
    eq([api.first.overall, api.first.band, api.first.preset, api.first.domains.fit], [53.8, 'high', 'research', 50], 'handle.state()');
    check(api.bad.length >= 1 && api.bad[0].includes('1:12: /format'), `setProfile returns located errors: ${api.bad}`);
    eq(api.afterBad, 53.8, 'a bad setProfile keeps the evaluation');
    eq([api.good, api.provider], [[], 'example-fictional'], 'setProfile loads a good profile');
    eq(api.emptied, true, 'destroy() unmounts');
    eq(errors, [], 'no page errors in the host page');

    // Iframe mode: compact, and it reports its height to the parent.
    const framePage = await browser.newPage({ viewport: { width: 800, height: 600 } });
    await framePage.goto(`${server.url}/iframe-host.html`);
    await framePage.waitForFunction(() => window.heights.length > 0 && window.heights.at(-1) > 1000, null, { timeout: 15000 });
    const frame = framePage.frame({ url: /embed=1/ });
    check(await frame.$('.cr-root[data-layout=compact]') !== null, 'iframe mode is compact');
    eq(await frame.inputValue('[data-testid=share-link]'), `${server.url}/index.html#CSPR:1`, 'the iframe shares a link to the full page');
    const heights = await framePage.evaluate(() => window.heights);
    const docHeight = await frame.evaluate(() => document.documentElement.scrollHeight);
    eq(heights.at(-1), docHeight, 'the last posted height is the page height');
    await frame.click('.cr-table-details summary');
    await framePage.waitForFunction((h) => window.heights.at(-1) > h, heights.at(-1));
    check(true, 'opening the radar table posts a new height');
    await framePage.close();
  } finally {
    await browser.close();
    await server.close();
  }
}
