// csp-radar in a REAL MediaWiki (the worker-scoped `wiki`
// fixture, wiki-server.mjs: Debian's `mediawiki` 1.39, PHP's built-in
// server, SQLite), installed the way www/mediawiki/README.md tells an admin,
// with two <div class="csp-radar"> in a page; a profile kept on the wiki; a
// provider research page that evaluates itself; and the Extension:Widgets
// route (its template rendered as Widgets' Smarty would).
import { join } from 'node:path';
import { test, expect, out, watchErrors, figures, goldenTencent } from './fixtures.mjs';

/** The test page, opened at its second section, with both widgets drawn. */
async function openTestPage(page, wiki) {
  await page.goto(`${wiki.url}/index.php?title=CSP_radar_test#Clinical_weights`);
  await page.waitForFunction(() => {
    const divs = document.querySelectorAll('#mw-content-text div.csp-radar');
    return divs.length === 2 && [...divs].every((d) => d.shadowRoot?.querySelector('[data-testid=overall-risk]')?.dataset.value);
  }, null, { timeout: 30000, polling: 250 });
}

const shadow = (page, i) => page.evaluateHandle((n) => document.querySelectorAll('div.csp-radar')[n].shadowRoot, i);

/** The skin's look of a few elements, to compare with and without widgets. */
const skinStyle = (page) => page.evaluate(() => {
  const s = (sel) => { const c = getComputedStyle(document.querySelector(sel)); return `${c.fontFamily} ${c.fontSize} ${c.color}`; };
  return { heading: s('#firstHeading'), content: s('#mw-content-text'), body: s('body') };
});

test.describe('wiki', () => {
  test.afterEach(async ({ wiki }, testInfo) => {
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('php -S log (last 400 lines)', { body: wiki.log.join('\n'), contentType: 'text/plain' });
    }
  });

  test('the Widgets template renders with its parameters validated', async ({ wiki }) => {
    console.log(`wiki: ${wiki.setup}`);
    const { widgetA, widgetB, port } = wiki;
    expect.soft(widgetA, `widget iframe src: ${widgetA.slice(0, 160)}`).toContain(`src="http://127.0.0.1:${port}/csp-radar/index.html?embed=1#CSPR%3A1%2Fs%3Aclinical"`);
    expect.soft(widgetA, 'widget default height 900').toContain('height:900px');
    expect.soft(widgetB, 'a javascript: base falls back to /csp-radar/').toContain('src="/csp-radar/index.html?embed=1"');
    expect.soft(widgetB, 'a non-integer height falls back to 900').toContain('height:900px');
  });

  test('Gadgets reads the definition: on by default, a ResourceLoader module with the pasted script', async ({ wiki }) => {
    const api = await (await fetch(`${wiki.url}/api.php?action=query&list=gadgets&gaprop=id|metadata&format=json&formatversion=2`)).json();
    const gadget = api.query?.gadgets?.find((g) => g.id === 'csp-radar');
    expect.soft(gadget && [gadget.metadata.settings.default, gadget.metadata.settings.legacyscripts, gadget.metadata.module.scripts], 'Gadgets reads the definition: on by default, a ResourceLoader module with the pasted script')
      .toEqual([true, false, ['MediaWiki:Gadget-csp-radar.js']]);
  });

  test('a page without csp-radar divs does not load embed.js', async ({ page, wiki }) => {
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${wiki.url}/index.php?title=Main_Page`);
    await page.waitForLoadState('networkidle');
    expect.soft(requests.filter((u) => u.includes('/csp-radar/')), 'a page without csp-radar divs does not load embed.js').toEqual([]);
  });

  test('two widgets in a wiki page: the gadget loads embed.js once, the sanitizer keeps data-*, a section link lands', async ({ page, wiki }) => {
    const errors = watchErrors(page);
    await openTestPage(page, wiki);
    // Opened at #Clinical_weights: the section stays in view although the first widget grew above it.
    const inView = await page.waitForFunction(() => {
      const top = document.getElementById('Clinical_weights').getBoundingClientRect().top;
      return top >= -1 && top < 200; // -1: sub-pixel rounding
    }, null, { timeout: 5000 }).then(() => true, () => false);
    expect.soft(inView, `a section link lands on its section: top ${await page.evaluate(() => document.getElementById('Clinical_weights').getBoundingClientRect().top)}`).toBe(true);
    expect.soft(await page.textContent('#firstHeading'), 'the wiki page heading').toBe('CSP radar test');
    expect.soft(await page.textContent('#mw-content-text'), 'the wiki text is there').toContain('choosing a cloud provider');
    expect.soft(await page.evaluate(() => mw.loader.getState('ext.gadget.csp-radar')), 'the gadget module ran (ResourceLoader)').toBe('ready');
    expect.soft(await page.evaluate(() => document.querySelectorAll('script[src$="/csp-radar/embed.js"]').length), 'embed.js loaded once').toBe(1);
    expect.soft(await page.evaluate(() => [...document.querySelectorAll('div.csp-radar')].map((d) => [d.dataset.profile, d.dataset.preset])), 'the sanitizer kept the data-* attributes')
      .toEqual([['tencent-cloud', 'balanced'], ['tencent-cloud', 'clinical']]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(out, 'wiki.png') });
    await page.screenshot({ path: join(out, 'wiki-full.png'), fullPage: true });
    expect.soft(errors, 'no page errors in the wiki page').toEqual([]);
  });

  test('the widgets in the wiki show the golden figures', async ({ page, wiki }) => {
    const errors = watchErrors(page);
    await openTestPage(page, wiki);
    const first = await figures(await shadow(page, 0));
    expect.soft({ overall: first.overall, band: first.band, coverage: first.coverage, domains: first.domains }, 'first widget: golden Tencent figures').toEqual(goldenTencent);
    expect.soft(first.gaps.length, 'first widget: 16 gaps').toBe(16);
    expect.soft((await figures(await shadow(page, 1))).overall, 'second widget: clinical overall').toBe('57.2');
    expect.soft(errors, 'no page errors in the wiki page').toEqual([]);
  });

  test("the skin's CSS stays out, ours stays in, and the widget fits the content column", async ({ page, wiki }) => {
    const errors = watchErrors(page);
    // Skin styles on a page without widgets, to compare with.
    await page.goto(`${wiki.url}/index.php?title=Main_Page`);
    const plain = await skinStyle(page);
    await openTestPage(page, wiki);
    const inside = await page.evaluate(() => {
      const r = document.querySelectorAll('div.csp-radar')[0].shadowRoot;
      const c = (sel) => getComputedStyle(r.querySelector(sel));
      return { size: c('.cr-q-text').fontSize, radar: c('[data-testid=radar]').display, btn: c('.cr-btn').borderTopLeftRadius };
    });
    expect.soft(inside, 'widget styles inside the wiki skin').toEqual({ size: '15px', radar: 'block', btn: '6px' });
    expect.soft(await skinStyle(page), 'the skin looks the same with widgets on the page').toEqual(plain);
    const width = await page.evaluate(() => {
      const d = document.querySelectorAll('div.csp-radar')[0];
      return { div: Math.round(d.getBoundingClientRect().width), content: Math.round(document.querySelector('#mw-content-text').getBoundingClientRect().width), scroll: document.documentElement.scrollWidth };
    });
    expect.soft(width.div <= width.content && width.scroll <= 1280, `the widget fits the content column: ${JSON.stringify(width)}`).toBe(true);
    expect.soft(errors, 'no page errors in the wiki page').toEqual([]);
  });

  test('content added later (live preview, other gadgets) mounts through the wikipage.content hook', async ({ page, wiki }) => {
    const errors = watchErrors(page);
    await openTestPage(page, wiki);
    await page.evaluate(() => {
      const box = document.createElement('div');
      box.id = 'later';
      box.innerHTML = '<div class="csp-radar" data-profile="tencent-cloud" data-preset="research"></div>';
      document.querySelector('#mw-content-text').append(box);
      mw.hook('wikipage.content').fire($(box));
    });
    await page.waitForFunction(() => document.querySelector('#later div.csp-radar').shadowRoot?.querySelector('[data-testid=overall-risk]')?.dataset.value, null, { timeout: 15000 });
    expect.soft(await page.evaluate(() => document.querySelectorAll('div.csp-radar').length === 3 && !!document.querySelector('#later div.csp-radar').cspRadar), 'wikipage.content mounts added content').toBe(true);
    expect.soft(await page.evaluate(() => document.querySelectorAll('script[src$="/csp-radar/embed.js"]').length), 'still one embed.js').toBe(1);
    expect.soft(errors, 'no page errors in the wiki page').toEqual([]);
  });

  test('a profile kept on the wiki: MediaWiki serves it as JSON, the widget evaluates it', async ({ page, wiki }) => {
    const info = await (await fetch(`${wiki.url}/api.php?action=query&prop=info&titles=MediaWiki:CspRadar/acme-cloud.json&format=json&formatversion=2`)).json();
    expect.soft(info.query?.pages?.[0]?.contentmodel, 'MediaWiki keeps the profile page with its JSON content model').toBe('json');
    const keptErrors = watchErrors(page);
    await page.goto(`${wiki.url}/index.php?title=CSP_radar_wiki_profile`);
    await page.waitForFunction(() => document.querySelector('div.csp-radar')?.shadowRoot?.querySelector('.cr-overall-label strong')?.textContent.includes('fictional'), null, { timeout: 30000 });
    const keptFigures = await figures(await page.evaluateHandle(() => document.querySelector('div.csp-radar').shadowRoot));
    expect.soft(keptFigures.overall, 'data-profile-url: the profile kept on the wiki is evaluated (Example Cloud, balanced)').toBe('29.2');
    const kept = await page.evaluate(() => {
      const r = document.querySelector('div.csp-radar').shadowRoot;
      return { inDetail: r.querySelector('[data-testid=provider-select]').value, rows: [...r.querySelectorAll('[data-testid=decision-row]')].map((x) => x.dataset.provider).sort() };
    });
    expect.soft(kept.inDetail, 'the kept profile is in detail').toMatch(/^loaded:/);
    expect.soft(kept.rows, 'and joins the bundled providers in the decision').toEqual(['aws', kept.inDetail.replace('loaded:', ''), 'google-cloud', 'microsoft-azure', 'tencent-cloud'].sort());
    expect.soft(keptErrors, 'no page errors on the wiki-kept profile page').toEqual([]);
  });

  test('a provider research page evaluates itself (data-profile="this-page")', async ({ page, wiki }) => {
    const keptErrors = watchErrors(page);
    await page.goto(`${wiki.url}/index.php?title=Tencent_Cloud`);
    await page.waitForFunction(() => document.querySelector('div.csp-radar')?.shadowRoot?.querySelector('.cr-notice'), null, { timeout: 30000 });
    const said = await page.evaluate(() => document.querySelector('div.csp-radar').shadowRoot.querySelector('.cr-notice').textContent);
    expect.soft(said, `this-page: the widget imports the page (${said.slice(0, 300)})`).toContain('Imported');
    const own = await page.evaluate(() => {
      const r = document.querySelector('div.csp-radar').shadowRoot;
      return {
        notice: r.querySelector('[data-testid=info-banner]').textContent,
        name: r.querySelector('.cr-overall-label strong').textContent,
        rows: r.querySelectorAll('.cr-question').length,
        suggested: r.querySelectorAll('.cr-question [data-testid=suggested]').length,
        cited: r.querySelectorAll('.cr-question .cr-citations li').length,
        inDetail: r.querySelector('[data-testid=provider-select]').value,
        providers: [...r.querySelectorAll('[data-testid=decision-row]')].map((x) => x.dataset.provider),
      };
    });
    expect.soft(own.notice.includes('Imported Tencent Cloud from this wiki page') && own.notice.includes('18 answers'), `this-page: ${own.notice.slice(0, 120)}`).toBe(true);
    expect.soft([own.name, own.rows, own.suggested], "this-page: Tencent Cloud's 18 imported answers, each suggested").toEqual(['Tencent Cloud', 18, 18]);
    expect.soft(own.cited, `this-page: the answers carry their <ref> citations (${own.cited})`).toBeGreaterThanOrEqual(17);
    expect.soft([own.inDetail, own.providers], "this-page: a decision of the page's provider alone, its imported profile in detail").toEqual(['loaded:tencent-cloud', ['tencent-cloud']]);
    expect.soft(await page.evaluate(() => !!document.querySelector('.mw-references-wrap, ol.references')), 'the page itself renders its references (Cite)').toBe(true);
    await page.screenshot({ path: join(out, 'wiki-this-page.png') });
    expect.soft(keptErrors, 'no page errors on the provider page').toEqual([]);
  });

  test('the Widgets route: compact iframes, each resized to its own content', async ({ page: framePage, wiki }) => {
    const frameErrors = watchErrors(framePage);
    await framePage.goto(`${wiki.url}/csp-radar-test/widget.html`);
    // loading="lazy": the second iframe loads when scrolled near.
    for (const i of [0, 1]) {
      await framePage.evaluate((n) => document.querySelectorAll('iframe.csp-radar-frame')[n].scrollIntoView(), i);
      await framePage.waitForFunction((n) => document.querySelectorAll('iframe.csp-radar-frame')[n].style.height !== '900px', i, { timeout: 30000 });
    }
    // The widget posts again as its rows lay out; wait until the sizes settle.
    const sizes = () => framePage.evaluate(() => JSON.stringify([...document.querySelectorAll('iframe.csp-radar-frame')]
      .map((f) => [f.style.height, f.contentDocument.documentElement.scrollHeight])));
    for (let last = '', stable = 0, deadline = Date.now() + 15000; stable < 3 && Date.now() < deadline;) {
      await framePage.waitForTimeout(250);
      const now = await sizes();
      stable = now === last ? stable + 1 : 0;
      last = now;
    }
    const frames = await framePage.evaluate(() => [...document.querySelectorAll('iframe.csp-radar-frame')].map((f) => ({
      height: parseFloat(f.style.height), doc: f.contentDocument.documentElement.scrollHeight,
      compact: !!f.contentDocument.querySelector('.cr-root[data-layout=compact]'),
      overall: f.contentDocument.querySelector('[data-testid=overall-risk]')?.dataset.value,
      rows: Object.fromEntries([...f.contentDocument.querySelectorAll('[data-testid=decision-row]')].map((r) => [r.dataset.provider, r.dataset.value])),
    })));
    expect.soft(frames.map((f) => f.compact), 'iframes use the compact layout').toEqual([true, true]);
    // The first iframe's link (a version 1 link: Tencent Cloud, clinical) opens Tencent Cloud in detail;
    // the second has no link: the bundled providers, none in detail, balanced weights.
    expect.soft(frames[0].overall, 'the link reaches the first iframe (Tencent Cloud, clinical)').toBe('57.2');
    expect.soft(Object.keys(frames[0].rows), 'the first iframe: Tencent Cloud alone').toEqual(['tencent-cloud']);
    expect.soft(frames[1].overall, 'the second iframe: no provider in detail').toBeUndefined();
    expect.soft(Object.keys(frames[1].rows).sort(), 'the second iframe: the bundled providers').toEqual(['aws', 'google-cloud', 'microsoft-azure', 'tencent-cloud']);
    expect.soft(frames[1].rows['tencent-cloud'], "the second iframe: Tencent Cloud's balanced figure").toBe(goldenTencent.overall);
    expect.soft(frames.every((f) => f.height > 900 && Math.abs(f.height - f.doc) <= 1), `each iframe resized to its own content: ${JSON.stringify(frames)}`).toBe(true);
    expect.soft(await framePage.evaluate(() => document.documentElement.scrollWidth <= 1280), 'no horizontal scroll').toBe(true);
    // Only the iframe that posted is resized (event.source is checked).
    const before = await framePage.evaluate(() => [...document.querySelectorAll('iframe.csp-radar-frame')].map((f) => f.style.height));
    const second = await (await framePage.$$('iframe.csp-radar-frame'))[1].contentFrame();
    // A full-width disclosure, so the page must grow: the numbers behind the
    // decision table's first verdict.
    await second.click('.cr-decision .cr-why > summary');
    await framePage.waitForFunction((h) => document.querySelectorAll('iframe.csp-radar-frame')[1].style.height !== h, before[1]);
    const after = await framePage.evaluate(() => [...document.querySelectorAll('iframe.csp-radar-frame')].map((f) => f.style.height));
    expect.soft(after[0] === before[0] && parseFloat(after[1]) > parseFloat(before[1]), `opening a disclosure in the second iframe grows only that one: ${before} -> ${after}`).toBe(true);
    await framePage.evaluate(() => window.scrollTo(0, 0));
    await framePage.screenshot({ path: join(out, 'wiki-iframe.png') });
    expect.soft(frameErrors, 'no page errors in the widget host page').toEqual([]);
  });

  // Last: what every test above made the wiki do.
  test('no PHP errors in the server log', async ({ wiki }) => {
    const fatal = wiki.log.filter((l) => /PHP (Fatal|Parse|Warning)|Fatal error|Uncaught/.test(l));
    expect(fatal, 'no PHP errors in the server log').toEqual([]);
  });
});
