// The QA lead's journey through the served app: golden figures,
// presets, weights, overrides, profile files, a broken paste, comparison,
// reload — with the figures checked against the CLI for the same inputs.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect, replay, root, out, watchErrors, figures, goldenTencent, waitForApp, paste } from './fixtures.mjs';

const fictional = join(root, 'tests/fixtures/profiles/example-fictional.json');
const tencent = join(root, 'www/profiles/tencent-cloud.json');

/** The CLI's figures in the shape `figures()` reads from the DOM. */
function cliFigures(cli, file, args = []) {
  const json = JSON.parse(cli('score', file, '--format', 'json', ...args));
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

const label = (page) => page.locator('.cr-overall-label strong');

// One journey on one page: each step's test replays the steps before it.
const steps = [
  {
    name: 'a preset and weights typed by keyboard reach the figures as in the CLI',
    async run(s, ex) {
      const { page, cli } = s;
      await page.selectOption('[data-testid=preset-select]', 'clinical');
      ex((await figures(page)).overall, 'clinical overall').toBe('57.2');
      ex(await figures(page), 'DOM equals CLI (clinical)').toEqual(cliFigures(cli, tencent, ['--preset', 'clinical']));
      await setWeight(page, 3, 5);
      await setWeight(page, 14, 0);
      s.weighted = await figures(page);
      ex(s.weighted, 'DOM equals CLI (clinical, 3=5, 14=0)').toEqual(cliFigures(cli, tencent, ['--preset', 'clinical', '--weights', '3=5,14=0']));
      await page.focus('[data-testid=weight-input][data-question="1"]');
      await page.keyboard.press('ArrowUp');
      ex(await page.inputValue('[data-testid=weight-input][data-question="1"]'), 'ArrowUp raises a weight').toBe('4');
      ex(await figures(page), 'keyboard weight reaches the figures').toEqual(cliFigures(cli, tencent, ['--preset', 'clinical', '--weights', '1=4,3=5,14=0']));
    },
  },
  {
    name: "the lab's own finding leaves the gap list and lowers the overall",
    async run(s, ex) {
      const { page } = s;
      await page.selectOption('[data-testid=status-override][data-question="7"]', 'documented');
      await page.fill('[data-testid=note-input][data-question="7"]', 'Dedicated HIPAA hosts confirmed by rep, 2026-11-20');
      const overridden = await figures(page);
      ex(overridden.gaps.some(([q]) => q === 7), 'q7 overridden to documented leaves the gap list').toBe(false);
      ex(Number(overridden.overall), 'override lowers the overall').toBeLessThan(Number(s.weighted.overall));
    },
  },
  {
    name: 'a profile from a file and one dropped on the widget load; undo brings back the one replaced',
    async run(s, ex) {
      const { page, cli } = s;
      await page.setInputFiles('[data-testid=profile-file-input]', fictional);
      await page.waitForFunction(() => document.querySelector('[data-testid=overall-risk]').dataset.value !== undefined
        && document.querySelector('.cr-overall-label strong').textContent.includes('fictional'));
      ex(await figures(page), 'loaded file: DOM equals CLI').toEqual(cliFigures(cli, fictional, ['--preset', 'clinical', '--weights', '1=4,3=5,14=0']));
      // Drag and drop onto the widget: a dropped file loads like a picked one.
      const droppedJson = (await readFile(tencent, 'utf8')).replace('"Tencent Cloud"', '"Tencent Cloud (dropped copy)"').replace('"tencent-cloud"', '"tencent-dropped"');
      await page.evaluate((json) => {
        const dt = new DataTransfer();
        dt.items.add(new File([json], 'dropped.json', { type: 'application/json' }));
        document.querySelector('.cr-summary').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, droppedJson);
      await page.waitForFunction(() => document.querySelector('.cr-overall-label strong').textContent.includes('dropped copy'));
      ex(await figures(page), 'a dropped profile loads (same answers as Tencent)').toEqual(cliFigures(cli, tencent, ['--preset', 'clinical', '--weights', '1=4,3=5,14=0']));
      await page.click('[data-testid=undo]');
      await ex(label(page), 'undo brings back the profile the drop replaced').toContainText('fictional');
    },
  },
  {
    name: 'a broken paste names where it is broken and keeps the evaluation',
    async run(s, ex) {
      const { page } = s;
      const before = await figures(page);
      await paste(page, '{"format": "csp-risk-profile", "version": 1,\n "provider": {"id": "x", "name": "X"},\n "answers": [{"question": 19, "status": "partial"}]}');
      const banner = page.locator('[data-testid=error-banner]');
      await banner.waitFor();
      ex(await banner.getAttribute('role'), 'error banner is an alert').toBe('alert');
      const bannerText = await banner.textContent();
      ex(bannerText.includes('line 3, column 27') && bannerText.includes('/answers/0/question'), `error names where: ${bannerText}`).toBe(true);
      ex(await figures(page), 'a broken paste keeps the evaluation').toEqual(before);
      if (!s.replaying) await page.screenshot({ path: join(out, 'error-1280.png') });
    },
  },
  {
    name: 'Tencent compared with the loaded profile: two radar series and a legend',
    async run(s, ex) {
      const { page } = s;
      await page.selectOption('[data-testid=provider-select]', 'tencent-cloud');
      await page.selectOption('[data-testid=compare-select]', ['loaded:example-fictional']);
      const series = await page.$$eval('[data-testid=radar-series]', (els) => els.map((e) => e.dataset.provider));
      ex(series, 'two radar series').toEqual(['tencent-cloud', 'example-fictional']);
      ex(await page.$$eval('.cr-legend li', (els) => els.map((e) => e.textContent.trim())), 'legend').toEqual(['Tencent Cloud', 'Example Cloud (fictional)']);
      s.compared = await figures(page);
      if (!s.replaying) {
        await page.locator('.cr-radar').scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(out, 'compare-1280.png') });
      }
    },
  },
  {
    name: 'reload restores figures, weights and the comparison; notes stay with their provider',
    async run(s, ex) {
      const { page } = s;
      // Everything comes back from localStorage (and the hash).
      await page.reload();
      await page.waitForSelector('[data-testid=weight-input]');
      ex(await figures(page), 'reload restores the figures').toEqual(s.compared);
      ex(await page.inputValue('[data-testid=weight-input][data-question="3"]'), 'reload restores weights').toBe('5');
      ex(await page.inputValue('[data-testid=note-input][data-question="7"]'), 'notes belong to the provider they were written for').toBe('');
      ex(await page.$$eval('[data-testid=radar-series]', (els) => els.length), 'reload restores the comparison').toBe(2);
    },
  },
  {
    name: 'nothing overflows sideways at 400 px',
    async run(s, ex) {
      const { page } = s;
      await page.setViewportSize({ width: 400, height: 800 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      ex(overflow, `no horizontal scrolling at 400 px (overflow ${overflow})`).toBeLessThanOrEqual(0);
      if (!s.replaying) await page.screenshot({ path: join(out, 'default-400.png'), fullPage: false });
    },
  },
];

test.describe('journey', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('the served page carries the default evaluation prerendered', async ({ served }) => {
    const html = await (await fetch(`${served.url}/`)).text();
    expect(html.includes('data-prerendered') && html.includes('data-value="56.9"'), 'the served page carries the default evaluation prerendered').toBe(true);
  });

  test('the shipped stylesheet is www/style.css minified, and the app replaces the prerendered copy', async ({ page, served }) => {
    const errors = watchErrors(page);
    await page.goto(`${served.url}/`);
    await waitForApp(page);
    // The stylesheet the wasm carries is www/style.css minified at build
    // time (www/tools/build.rs): the browser must read the same rules.
    const source = await readFile(join(root, 'www/style.css'), 'utf8');
    const rules = await page.evaluate((source) => {
      const read = (text) => { const sheet = new CSSStyleSheet(); sheet.replaceSync(text); return [...sheet.cssRules].map((r) => r.cssText); };
      const shipped = document.querySelector('#csp-radar-app style').textContent;
      return { source: read(source), shipped: read(shipped), shippedLength: shipped.length };
    }, source);
    expect.soft(rules.source.length, `the stylesheet has its rules (${rules.source.length})`).toBeGreaterThan(100);
    expect.soft(rules.shipped, 'the minified stylesheet holds exactly the rules of www/style.css').toEqual(rules.source);
    // Inside a disclosure, boxes are border-box too: the paste box fits its card.
    const fit = await page.evaluate(() => {
      document.querySelector('[data-testid=load-details]').open = true;
      const card = document.querySelector('.cr-controls').getBoundingClientRect();
      const area = document.querySelector('[data-testid=profile-paste]').getBoundingClientRect();
      document.querySelector('[data-testid=load-details]').open = false;
      return [Math.round(area.right), Math.round(card.right)];
    });
    expect.soft(fit[0], `the paste box stays inside its card (${fit})`).toBeLessThanOrEqual(fit[1]);
    expect.soft(rules.shippedLength, `the shipped stylesheet is minified (${rules.shippedLength} of ${source.length} bytes)`).toBeLessThan(source.length * 0.95);
    expect.soft(await page.locator('[data-testid=widget]').count(), 'the app replaced the prerendered copy (one widget)').toBe(1);
    expect.soft(errors, 'no page errors').toEqual([]);
  });

  test('golden Tencent figures in the DOM, equal to the CLI', async ({ page, served, cli }) => {
    const errors = watchErrors(page);
    await page.goto(`${served.url}/`);
    await waitForApp(page);
    const start = await figures(page);
    expect.soft({ overall: start.overall, band: start.band, coverage: start.coverage, domains: start.domains }, 'golden Tencent figures in the DOM').toEqual(goldenTencent);
    expect.soft(start.gaps.length, '16 gaps').toBe(16);
    expect.soft(start.gaps[0], 'first gap q3, 5.6 points').toEqual([3, '5.6']);
    expect.soft(start, 'DOM equals CLI (balanced)').toEqual(cliFigures(cli, tencent));
    await page.screenshot({ path: join(out, 'default-1280.png') });
    expect.soft(errors, 'no page errors').toEqual([]);
  });

  for (const [i, step] of steps.entries()) {
    test(step.name, async ({ page, served, cli }) => {
      const errors = watchErrors(page);
      await page.goto(`${served.url}/`);
      await waitForApp(page);
      const s = { page, cli };
      await replay(steps, i, s);
      await step.run(s, expect.soft);
      expect.soft(errors, 'no page errors').toEqual([]);
    });
  }

  test('corrupt saved state gives a notice, not a dead widget', async ({ page, served }) => {
    const errors = watchErrors(page);
    await page.goto(`${served.url}/`);
    await waitForApp(page);
    // Leave the app first (it saves on leaving), then corrupt its storage.
    await page.goto(`${served.url}/not-the-app`);
    await page.evaluate(() => localStorage.setItem('csp-radar:v1:evaluation', 'CSPR:1/w:garbage'));
    await page.goto(`${served.url}/`);
    await page.waitForSelector('[data-testid=error-banner]');
    expect.soft(await page.textContent('[data-testid=error-banner]'), 'corrupt storage notice').toContain('saved evaluation could not be read');
    expect.soft((await figures(page)).overall, 'default evaluation after corrupt storage').toBe('56.9');
    expect.soft(errors, 'no page errors').toEqual([]);
  });
});
