// The QA lead's journey through the served app: golden figures,
// presets, weights, overrides, profile files, a broken paste, comparison,
// reload — with the figures checked against the CLI for the same inputs.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, launch, dist, root, out, watchErrors, check, eq, figures, goldenTencent, waitForApp, paste } from './lib.mjs';

const cli = join(root, 'target/debug/csp-radar');
const fictional = join(root, 'tests/fixtures/profiles/example-fictional.json');
const tencent = join(root, 'www/profiles/tencent-cloud.json');

/** The CLI's figures in the shape `figures()` reads from the DOM. */
function cliFigures(file, args = []) {
  const json = JSON.parse(execFileSync(cli, ['score', file, '--format', 'json', ...args], { encoding: 'utf8' }));
  const one = (v) => (v === null ? 'n/a' : v.toFixed(1));
  return {
    overall: json.overall === null ? undefined : one(json.overall),
    band: json.band ?? 'none',
    coverage: json.coverage === null ? 'n/a' : one(json.coverage),
    domains: Object.fromEntries(Object.entries(json.domains).map(([k, v]) => [k, one(v)])),
    gaps: json.gaps.map((g) => [g.question, one(g.points)]),
  };
}

async function setWeight(page, q, w) {
  await page.fill(`[data-testid=weight-input][data-question="${q}"]`, String(w));
}

export default async function journey() {
  const server = await serve(dist);
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const served = await (await fetch(`${server.url}/`)).text();
    check(served.includes('data-prerendered') && served.includes('data-value="56.9"'), 'the served page carries the default evaluation prerendered');
    await page.goto(`${server.url}/`);
    await waitForApp(page);

    // The stylesheet the wasm carries is www/style.css minified at build
    // time (www/tools/build.rs): the browser must read the same rules.
    const source = await readFile(join(root, 'www/style.css'), 'utf8');
    const rules = await page.evaluate((source) => {
      const read = (text) => { const sheet = new CSSStyleSheet(); sheet.replaceSync(text); return [...sheet.cssRules].map((r) => r.cssText); };
      const shipped = document.querySelector('#csp-radar-app style').textContent;
      return { source: read(source), shipped: read(shipped), shippedLength: shipped.length };
    }, source);
    check(rules.source.length > 100, `the stylesheet has its rules (${rules.source.length})`);
    eq(rules.shipped, rules.source, 'the minified stylesheet holds exactly the rules of www/style.css');
    // Inside a disclosure, boxes are border-box too: the paste box fits its card.
    const fit = await page.evaluate(() => {
      document.querySelector('[data-testid=load-details]').open = true;
      const card = document.querySelector('.cr-controls').getBoundingClientRect();
      const area = document.querySelector('[data-testid=profile-paste]').getBoundingClientRect();
      document.querySelector('[data-testid=load-details]').open = false;
      return [Math.round(area.right), Math.round(card.right)];
    });
    check(fit[0] <= fit[1], `the paste box stays inside its card (${fit})`);
    check(rules.shippedLength < source.length * 0.95, `the shipped stylesheet is minified (${rules.shippedLength} of ${source.length} bytes)`);
    eq(await page.locator('[data-testid=widget]').count(), 1, 'the app replaced the prerendered copy (one widget)');

    const start = await figures(page);
    eq({ overall: start.overall, band: start.band, coverage: start.coverage, domains: start.domains }, goldenTencent, 'golden Tencent figures in the DOM');
    eq(start.gaps.length, 16, '16 gaps');
    eq(start.gaps[0], [3, '5.6'], 'first gap q3, 5.6 points');
    eq(start, cliFigures(tencent), 'DOM equals CLI (balanced)');
    await page.screenshot({ path: join(out, 'default-1280.png') });

    // Preset, then weights typed by keyboard.
    await page.selectOption('[data-testid=preset-select]', 'clinical');
    eq((await figures(page)).overall, '57.2', 'clinical overall');
    eq(await figures(page), cliFigures(tencent, ['--preset', 'clinical']), 'DOM equals CLI (clinical)');
    await setWeight(page, 3, 5);
    await setWeight(page, 14, 0);
    const weighted = await figures(page);
    eq(weighted, cliFigures(tencent, ['--preset', 'clinical', '--weights', '3=5,14=0']), 'DOM equals CLI (clinical, 3=5, 14=0)');
    await page.focus('[data-testid=weight-input][data-question="1"]');
    await page.keyboard.press('ArrowUp');
    eq(await page.inputValue('[data-testid=weight-input][data-question="1"]'), '4', 'ArrowUp raises a weight');
    eq(await figures(page), cliFigures(tencent, ['--preset', 'clinical', '--weights', '1=4,3=5,14=0']), 'keyboard weight reaches the figures');

    // The lab's own finding, and a note.
    await page.selectOption('[data-testid=status-override][data-question="7"]', 'documented');
    await page.fill('[data-testid=note-input][data-question="7"]', 'Dedicated HIPAA hosts confirmed by rep, 2026-11-20');
    const overridden = await figures(page);
    const t0 = Date.now();
    check(!overridden.gaps.some(([q]) => q === 7), 'q7 overridden to documented leaves the gap list');
    check(Number(overridden.overall) < Number(weighted.overall), 'override lowers the overall');

    // A profile from a file.
    await page.setInputFiles('[data-testid=profile-file-input]', fictional);
    await page.waitForFunction(() => document.querySelector('[data-testid=overall-risk]').dataset.value !== undefined
      && document.querySelector('.cr-overall-label strong').textContent.includes('fictional'));
    eq(await figures(page), cliFigures(fictional, ['--preset', 'clinical', '--weights', '1=4,3=5,14=0']), 'loaded file: DOM equals CLI');

    // Drag and drop onto the widget: a dropped file loads like a picked one.
    const droppedJson = (await readFile(tencent, 'utf8')).replace('"Tencent Cloud"', '"Tencent Cloud (dropped copy)"').replace('"tencent-cloud"', '"tencent-dropped"');
    await page.evaluate((json) => {
      const dt = new DataTransfer();
      dt.items.add(new File([json], 'dropped.json', { type: 'application/json' }));
      document.querySelector('.cr-summary').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, droppedJson);
    await page.waitForFunction(() => document.querySelector('.cr-overall-label strong').textContent.includes('dropped copy'));
    eq(await figures(page), cliFigures(tencent, ['--preset', 'clinical', '--weights', '1=4,3=5,14=0']), 'a dropped profile loads (same answers as Tencent)');
    await page.click('[data-testid=undo]');
    await page.waitForFunction(() => document.querySelector('.cr-overall-label strong').textContent.includes('fictional'));
    check(true, 'undo brings back the profile the drop replaced');

    // A broken paste: located error, figures kept.
    const before = await figures(page);
    await paste(page, '{"format": "csp-risk-profile", "version": 1,\n "provider": {"id": "x", "name": "X"},\n "answers": [{"question": 19, "status": "partial"}]}');
    const banner = page.locator('[data-testid=error-banner]');
    await banner.waitFor();
    eq(await banner.getAttribute('role'), 'alert', 'error banner is an alert');
    const bannerText = await banner.textContent();
    check(bannerText.includes('line 3, column 27') && bannerText.includes('/answers/0/question'), `error names where: ${bannerText}`);
    eq(await figures(page), before, 'a broken paste keeps the evaluation');
    await page.screenshot({ path: join(out, 'error-1280.png') });

    // Back to Tencent, compared with the loaded fictional profile.
    await page.selectOption('[data-testid=provider-select]', 'tencent-cloud');
    await page.selectOption('[data-testid=compare-select]', ['loaded:example-fictional']);
    const series = await page.$$eval('[data-testid=radar-series]', (els) => els.map((e) => e.dataset.provider));
    eq(series, ['tencent-cloud', 'example-fictional'], 'two radar series');
    eq(await page.$$eval('.cr-legend li', (els) => els.map((e) => e.textContent.trim())), ['Tencent Cloud', 'Example Cloud (fictional)'], 'legend');
    const compared = await figures(page);
    await page.locator('.cr-radar').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(out, 'compare-1280.png') });

    // Reload: everything comes back from localStorage (and the hash).
    await page.reload();
    await page.waitForSelector('[data-testid=weight-input]');
    eq(await figures(page), compared, 'reload restores the figures');
    eq(await page.inputValue('[data-testid=weight-input][data-question="3"]'), '5', 'reload restores weights');
    eq(await page.inputValue('[data-testid=note-input][data-question="7"]'), '', 'notes belong to the provider they were written for');
    eq(await page.$$eval('[data-testid=radar-series]', (els) => els.length), 2, 'reload restores the comparison');

    // Narrow screens: nothing overflows sideways.
    await page.setViewportSize({ width: 400, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, `no horizontal scrolling at 400 px (overflow ${overflow})`);
    await page.screenshot({ path: join(out, 'default-400.png'), fullPage: false });

    // Corrupt saved state: a notice, not a dead widget.
    // Leave the app first (it saves on leaving), then corrupt its storage.
    await page.goto(`${server.url}/not-the-app`);
    await page.evaluate(() => localStorage.setItem('csp-radar:v1:evaluation', 'CSPR:1/w:garbage'));
    await page.goto(`${server.url}/`);
    await page.waitForSelector('[data-testid=error-banner]');
    check((await page.textContent('[data-testid=error-banner]')).includes('saved evaluation could not be read'), 'corrupt storage notice');
    eq((await figures(page)).overall, '56.9', 'default evaluation after corrupt storage');
    eq(errors, [], 'no page errors');
  } finally {
    await browser.close();
    await server.close();
  }
}
