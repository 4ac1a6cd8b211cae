// embed.js in a hostile host page — independent widgets in shadow
// roots, each a decision of its own (one provider, or several), the JS API
// with every provider's figures, data-profile-url, what a widget keeps per
// host page (and data-save="off", which keeps nothing and says so), and the
// iframe mode.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, root, out, watchErrors, figures, waitForApp } from './fixtures.mjs';

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

/** A host page with one widget, for what widgets keep: `data-save` as given. */
const keepHost = (save) => `<!doctype html><html><head><meta charset="utf-8"><title>Keep</title></head><body>
<div class="csp-radar" id="k" data-profile="tencent-cloud"${save ? ` data-save="${save}"` : ''}></div>
<script src="/embed.js"></script></body></html>`;

const fixture = readFileSync(join(root, 'tests/fixtures/profiles/example-fictional.json'), 'utf8');

/** The host pages beside the build. */
function addRoutes(served) {
  Object.assign(served.routes, {
    '/host.html': ['text/html', host],
    '/iframe-host.html': ['text/html', iframeHost],
    '/fixtures/example-fictional.json': ['application/json', fixture],
    '/keep-host.html': ['text/html', keepHost(null)],
    '/keep-off-host.html': ['text/html', keepHost('off')],
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
    expect.soft(await page.evaluate(() => document.getElementById('b').shadowRoot.querySelectorAll('[data-testid=radar-series]').length), 'comparing with itself is ignored (radar)').toBe(1);
    expect.soft(await page.evaluate(() => [...document.getElementById('b').shadowRoot.querySelectorAll('[data-testid=decision-row]')].map((r) => r.dataset.provider)), 'comparing with itself is ignored (the decision)').toEqual(['tencent-cloud']);
    // The bundled big three embed by id, and compare with one another: a
    // decision of four, AWS in detail (first on the radar), the other
    // three beside it.
    const e = await page.evaluate(() => {
      const r = document.getElementById('e').shadowRoot;
      return {
        series: [...r.querySelectorAll('[data-testid=radar-series]')].map((s) => s.dataset.provider),
        rows: [...r.querySelectorAll('[data-testid=decision-row]')].map((s) => s.dataset.provider),
        inDetail: r.querySelector('[data-testid=provider-select]').value,
      };
    });
    expect.soft(e.inDetail, 'a bundled provider embeds in detail').toBe('aws');
    expect.soft(e.series[0], 'first on the radar').toBe('aws');
    expect.soft([e.series.slice().sort(), e.rows.slice().sort()], 'with the other three compared (radar, decision table)')
      .toEqual([['aws', 'google-cloud', 'microsoft-azure', 'tencent-cloud'], ['aws', 'google-cloud', 'microsoft-azure', 'tencent-cloud']]);
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

  test('a mounted widget shares a link to the standalone app', async ({ page, served, newContext }) => {
    const { errors, shadow } = await openHost(page, served);
    const shareB = await page.evaluate(() => document.getElementById('b').shadowRoot.querySelector('[data-testid=share-link]').value);
    expect.soft(shareB.startsWith(`${served.url}/index.html#CSPR:2/`), `a mounted widget shares a link to the standalone app: ${shareB}`).toBe(true);
    // The link opens the widget's decision in the app: Tencent Cloud alone, clinical weights.
    const app = await (await newContext()).newPage();
    watchErrors(app, errors);
    await app.goto(shareB);
    await waitForApp(app);
    await app.waitForSelector('[data-testid=overall-risk]');
    expect.soft(await app.$$eval('[data-testid=decision-row]', (rs) => rs.map((r) => r.dataset.provider)), 'the app opens the same providers').toEqual(['tencent-cloud']);
    expect.soft(await app.inputValue('[data-testid=preset-select]'), 'with the same weights').toBe('clinical');
    expect.soft(await figures(app), 'and the same figures').toEqual(await figures(await shadow('b')));
    expect.soft(errors, 'no page errors in the host page or the app').toEqual([]);
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
    expect.soft(detail.providers?.map((p) => [p.id, p.overall]), "and every provider's figures").toEqual([['tencent-cloud', 55.9]]);
    expect.soft(errors, 'no page errors in the host page').toEqual([]);
  });

  test("the JS API: mount, state() with every provider's figures, setProfile() with located errors, destroy()", async ({ page, served, cli }) => {
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
      const drawn = el.shadowRoot.querySelector('[data-testid=overall-risk]') !== null;
      handle.destroy();
      return { first, bad, afterBad: afterBad.overall, good, afterGood: afterGood.overall, provider: afterGood.provider, ids: afterGood.providers.map((p) => p.id), banner: !!banner, drawn, emptied: el.shadowRoot.querySelector('[data-testid=overall-risk]') === null };
    }, fixture);
    expect.soft([api.first.overall, api.first.band, api.first.preset, api.first.domains.fit], 'handle.state()').toEqual([53.8, 'high', 'research', 50]);
    // No profile given: the bundled providers, each with its own figures, as csp-radar score gives them.
    const scored = Object.fromEntries(['tencent-cloud', 'aws', 'microsoft-azure', 'google-cloud'].map((id) => {
      const s = JSON.parse(cli('score', join(root, 'www/profiles', `${id}.json`), '--preset', 'research', '--format', 'json'));
      return [id, [Number(s.overall.toFixed(1)), s.band, Number(s.coverage.toFixed(1))]];
    }));
    expect.soft(Object.fromEntries((api.first.providers || []).map((p) => [p.id, [p.overall, p.band, p.coverage]])), "handle.state().providers: every provider's figures").toEqual(scored);
    const ranked = (api.first.providers || []).map((p) => p.overall);
    expect.soft(ranked, 'least risky first').toEqual(ranked.slice().sort((x, y) => x - y));
    expect.soft(api.bad.length >= 1 && api.bad[0].includes('1:12: /format'), `setProfile returns located errors: ${api.bad}`).toBe(true);
    expect.soft(api.afterBad, 'a bad setProfile keeps the evaluation').toBe(53.8);
    expect.soft([api.good, api.provider], 'setProfile loads a good profile, in detail').toEqual([[], 'example-fictional']);
    expect.soft(api.ids.slice().sort(), 'it joins the decision beside the bundled providers').toEqual(['aws', 'example-fictional', 'google-cloud', 'microsoft-azure', 'tencent-cloud']);
    expect.soft([api.drawn, api.emptied], 'destroy() unmounts what was drawn').toEqual([true, true]);
    expect.soft(errors, 'no page errors in the host page').toEqual([]);
  });

  test('a mounted widget keeps its work for its host page: a reload brings it back', async ({ page, served }) => {
    addRoutes(served);
    const errors = watchErrors(page);
    const root = () => page.evaluateHandle(() => document.getElementById('k').shadowRoot);
    await page.goto(`${served.url}/keep-host.html`);
    await page.waitForFunction(() => document.getElementById('k').shadowRoot?.querySelector('[data-testid=weight-input]'));
    expect.soft(await page.evaluate(() => !!document.getElementById('k').shadowRoot.querySelector('[data-testid=no-autosave-top]')), 'a widget that keeps its work does not say otherwise').toBe(false);
    await page.evaluate(() => {
      const r = document.getElementById('k').shadowRoot;
      const note = r.querySelector('[data-testid=note-input][data-question="7"]');
      note.value = 'Dedicated hosts quoted';
      note.dispatchEvent(new InputEvent('input', { bubbles: true }));
      const weight = r.querySelector('[data-testid=weight-input][data-question="14"]');
      weight.value = '0';
      weight.dispatchEvent(new InputEvent('input', { bubbles: true }));
    });
    const changed = await figures(await root());
    // Kept once typing pauses.
    await page.waitForTimeout(1000);
    await page.reload();
    await page.waitForFunction(() => document.getElementById('k').shadowRoot?.querySelector('[data-testid=note-input][data-question="7"]')?.value === 'Dedicated hosts quoted', null, { timeout: 10000 })
      .catch(() => {});
    const back = await page.evaluate(() => {
      const r = document.getElementById('k').shadowRoot;
      return { note: r.querySelector('[data-testid=note-input][data-question="7"]').value, weight: r.querySelector('[data-testid=weight-input][data-question="14"]').value };
    });
    expect.soft(back, 'after a reload the note and the weight are back').toEqual({ note: 'Dedicated hosts quoted', weight: '0' });
    expect.soft(await figures(await root()), 'and the figures').toEqual(changed);
    expect.soft(errors, 'no page errors in the host page').toEqual([]);
  });

  test('data-save="off": the widget says it keeps nothing, and warns before its page is left with changes', async ({ page, served }) => {
    addRoutes(served);
    const errors = watchErrors(page);
    await page.goto(`${served.url}/keep-off-host.html`);
    await page.waitForFunction(() => document.getElementById('k').shadowRoot?.querySelector('[data-testid=weight-input]'));
    const said = await page.evaluate(() => document.getElementById('k').shadowRoot.querySelector('[data-testid=no-autosave-top]')?.textContent);
    expect.soft(said, 'it says, above the widget, that nothing is kept').toContain('lost when you leave');
    const weight = page.locator('#k [data-testid=weight-input][data-question="14"]');
    const before = await weight.inputValue();
    const dialogs = [];
    page.on('dialog', async (d) => { dialogs.push(d.type()); await d.accept(); });
    // Clicked but unchanged: leaving is not held up.
    await weight.click();
    await page.goto(`${served.url}/keep-off-host.html`);
    await page.waitForFunction(() => document.getElementById('k').shadowRoot?.querySelector('[data-testid=weight-input]'));
    expect.soft(dialogs, 'unchanged: leaving asks nothing').toEqual([]);
    // A real change, typed: browsers ask before leaving only a page the
    // user has interacted with.
    await weight.click();
    await weight.press('Control+a');
    await page.keyboard.type('0');
    await expect(weight).toHaveValue('0');
    await page.waitForTimeout(300);
    // Leaving now: the browser's own "leave this page?" comes first.
    await page.goto(`${served.url}/keep-off-host.html`);
    expect.soft(dialogs, 'leaving with a change asks first').toEqual(['beforeunload']);
    // Nothing was kept: back on the page, the change is gone.
    await page.waitForFunction(() => document.getElementById('k').shadowRoot?.querySelector('[data-testid=weight-input]'));
    await page.waitForTimeout(500);
    expect.soft(await weight.inputValue(), 'nothing was kept: the weight is as it was').toBe(before);
    expect.soft(before, 'which was not 0').not.toBe('0');
    expect.soft(errors, 'no page errors in the host page').toEqual([]);
  });

  test('iframe mode: compact, and it reports its height to the parent', async ({ newContext, served }) => {
    addRoutes(served);
    const framePage = await (await newContext({ viewport: { width: 800, height: 600 } })).newPage();
    await framePage.goto(`${served.url}/iframe-host.html`);
    await framePage.waitForFunction(() => window.heights.length > 0 && window.heights.at(-1) > 1000, null, { timeout: 15000 });
    const frame = framePage.frame({ url: /embed=1/ });
    expect.soft(await frame.$('.cr-root[data-layout=compact]'), 'iframe mode is compact').not.toBeNull();
    // The bundled providers, nothing changed: the link is the bare version 2 prefix.
    expect.soft(await frame.inputValue('[data-testid=share-link]'), 'the iframe shares a link to the full page').toBe(`${served.url}/index.html#CSPR:2`);
    const heights = await framePage.evaluate(() => window.heights);
    const docHeight = await frame.evaluate(() => document.documentElement.scrollHeight);
    expect.soft(heights.at(-1), 'the last posted height is the page height').toBe(docHeight);
    await frame.click('.cr-table-details summary');
    await expect.poll(() => framePage.evaluate(() => window.heights.at(-1)), { message: 'opening the radar table posts a new height' }).toBeGreaterThan(heights.at(-1));
  });
});
