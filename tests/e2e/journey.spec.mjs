// The QA lead's journey through the served app: golden figures,
// presets, weights, findings, profile files, a broken paste, the providers
// ticked into the decision, reload — with the figures checked against the
// CLI for the same inputs.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect, replay, root, out, watchErrors, figures, goldenTencent, waitForApp, openMenu, openLoad } from './fixtures.mjs';

const fictional = join(root, 'tests/fixtures/profiles/example-fictional.json');
const tencent = join(root, 'www/profiles/tencent-cloud.json');
const BUNDLED = ['tencent-cloud', 'aws', 'microsoft-azure', 'google-cloud'];
/** Tencent alone, in detail: what the page used to open with. */
const TENCENT_ALONE = '/index.html#CSPR:2/p:tencent-cloud';
const NOTE_7 = 'Dedicated HIPAA hosts confirmed by rep, 2026-11-20';

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

/** Types text into the load box and reads it. */
async function paste(page, text) {
  await openLoad(page);
  await page.fill('[data-testid=profile-paste]', text);
  await page.click('[data-testid=profile-paste-apply]');
}

async function setWeight(page, q, w) {
  await page.fill(`[data-testid=weight-input][data-question="${q}"]`, String(w));
}

/** The providers in the decision table, in its order. */
const rows = (page) => page.$$eval('[data-testid=decision-row]', (rs) => rs.map((r) => r.dataset.provider));
const series = (page) => page.$$eval('[data-testid=radar-series]', (els) => els.map((e) => e.dataset.provider));
const label = (page) => page.locator('.cr-overall-label strong');
/** Waits (up to 5 s, never failing: the checks after it say what is wrong)
 *  until the radar shows these series. */
const settle = (page, ids) => page.waitForFunction((ids) => JSON.stringify([...document.querySelectorAll('[data-testid=radar-series]')].map((e) => e.dataset.provider)) === JSON.stringify(ids), ids, { timeout: 5000 }).catch(() => {});

// One journey on one page (Tencent alone, in detail): each step's test
// replays the steps before it.
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
      await page.selectOption('[data-testid=finding-status][data-question="7"]', 'documented');
      await page.fill('[data-testid=note-input][data-question="7"]', NOTE_7);
      const found = await figures(page);
      ex(found.gaps.some(([q]) => q === 7), 'q7 found documented leaves the gap list').toBe(false);
      ex(Number(found.overall), 'the finding lowers the overall').toBeLessThan(Number(s.weighted.overall));
    },
  },
  {
    name: 'a profile from a file and one dropped on the widget join the decision; undo takes the dropped one out',
    async run(s, ex) {
      const { page, cli } = s;
      await openLoad(page);
      await page.setInputFiles('[data-testid=profile-file-input]', fictional);
      await ex(label(page), 'the loaded profile is shown in detail').toContainText('fictional');
      ex(await figures(page), 'loaded file: DOM equals CLI').toEqual(cliFigures(cli, fictional, ['--preset', 'clinical', '--weights', '1=4,3=5,14=0']));
      ex(await rows(page), 'the loaded profile joins Tencent in the decision').toEqual(expect.arrayContaining(['tencent-cloud', 'example-fictional']));
      // Drag and drop onto the widget: a dropped file loads like a picked one.
      const droppedJson = (await readFile(tencent, 'utf8')).replace('"Tencent Cloud"', '"Tencent Cloud (dropped copy)"').replace('"tencent-cloud"', '"tencent-dropped"');
      await page.evaluate((json) => {
        const dt = new DataTransfer();
        dt.items.add(new File([json], 'dropped.json', { type: 'application/json' }));
        document.querySelector('.cr-summary').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, droppedJson);
      await ex(label(page), 'a dropped profile is shown in detail').toContainText('dropped copy');
      ex(await figures(page), 'a dropped profile loads (same answers as Tencent)').toEqual(cliFigures(cli, tencent, ['--preset', 'clinical', '--weights', '1=4,3=5,14=0']));
      ex((await rows(page)).sort(), 'the dropped profile joins the decision').toEqual(['example-fictional', 'tencent-cloud', 'tencent-dropped']);
      await openMenu(page, 'more-menu');
      await page.click('[data-testid=undo]');
      await ex(label(page), 'undo brings back the profile shown before the drop').toContainText('fictional');
      ex((await rows(page)).sort(), 'and takes the dropped one out of the decision').toEqual(['example-fictional', 'tencent-cloud']);
    },
  },
  {
    name: 'a broken paste names where it is broken and keeps the evaluation',
    async run(s, ex) {
      const { page } = s;
      const before = await figures(page);
      const decisionBefore = await rows(page);
      await paste(page, '{"format": "csp-risk-profile", "version": 1,\n "provider": {"id": "x", "name": "X"},\n "answers": [{"question": 19, "status": "partial"}]}');
      const banner = page.locator('[data-testid=error-banner]');
      await banner.waitFor();
      ex(await banner.getAttribute('role'), 'error banner is an alert').toBe('alert');
      const bannerText = await banner.textContent();
      ex(bannerText.includes('line 3, column 27') && bannerText.includes('/answers/0/question'), `error names where: ${bannerText}`).toBe(true);
      ex(await figures(page), 'a broken paste keeps the evaluation').toEqual(before);
      ex(await rows(page), 'and the decision').toEqual(decisionBefore);
      if (!s.replaying) await page.screenshot({ path: join(out, 'error-1280.png') });
    },
  },
  {
    name: 'Tencent and the loaded profile ticked into the decision: two radar series and a legend',
    async run(s, ex) {
      const { page } = s;
      await page.selectOption('[data-testid=provider-select]', 'tencent-cloud');
      await ex(label(page), 'Tencent in detail').toContainText('Tencent Cloud');
      // The loaded profile is taken out of the decision and ticked back in.
      // (Clicked, not check(): the list puts the providers taking part
      // first, so the box moves once clicked.)
      await openMenu(page, 'providers-menu');
      const toggle = page.locator('[data-testid=provider-toggle][data-provider=example-fictional]');
      await toggle.click();
      await settle(page, ['tencent-cloud']);
      ex(await toggle.isChecked(), 'unticked').toBe(false);
      ex(await series(page), 'unticked: Tencent alone on the radar').toEqual(['tencent-cloud']);
      ex(await rows(page), 'unticked: Tencent alone in the decision').toEqual(['tencent-cloud']);
      await toggle.click();
      await settle(page, ['tencent-cloud', 'example-fictional']);
      ex(await toggle.isChecked(), 'ticked again').toBe(true);
      ex(await series(page), 'ticked: two radar series, the one in detail first').toEqual(['tencent-cloud', 'example-fictional']);
      ex(await page.$$eval('.cr-legend li', (els) => els.map((e) => e.textContent.trim())), 'legend').toEqual(['Tencent Cloud', 'Example Cloud (fictional)']);
      ex((await rows(page)).sort(), 'both in the decision').toEqual(['example-fictional', 'tencent-cloud']);
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
      await page.waitForTimeout(500); // the tab's copy is written once edits pause
      await page.reload();
      await waitForApp(page);
      await page.waitForSelector('[data-testid=weight-input]');
      ex(await figures(page), 'reload restores the figures').toEqual(s.compared);
      ex(await page.inputValue('[data-testid=weight-input][data-question="3"]'), 'reload restores weights').toBe('5');
      ex(await page.$$eval('[data-testid=radar-series]', (els) => els.length), 'reload restores the comparison').toBe(2);
      ex(await page.inputValue('[data-testid=note-input][data-question="7"]'), "Tencent's note is Tencent's").toBe(NOTE_7);
      ex(await page.inputValue('[data-testid=finding-status][data-question="7"]'), "and so is Tencent's finding").toBe('documented');
      await page.selectOption('[data-testid=provider-select]', 'loaded:example-fictional');
      await ex(label(page), 'the loaded profile in detail').toContainText('fictional');
      ex(await page.inputValue('[data-testid=note-input][data-question="7"]'), 'notes belong to the provider they were written for').toBe('');
      ex(await page.inputValue('[data-testid=finding-status][data-question="7"]'), 'and findings too').toBe('');
    },
  },
  {
    name: 'nothing overflows sideways at 400 px',
    async run(s, ex) {
      const { page } = s;
      await page.setViewportSize({ width: 400, height: 800 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      ex(overflow, `no horizontal scrolling at 400 px, a provider in detail (overflow ${overflow})`).toBeLessThanOrEqual(0);
      if (!s.replaying) await page.screenshot({ path: join(out, 'default-400.png'), fullPage: false });
      if (await page.locator('[data-testid=unfocus]').count()) await page.click('[data-testid=unfocus]');
      await page.waitForSelector('[data-testid=overall-risk]', { state: 'detached' });
      const whole = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      ex(whole, `no horizontal scrolling at 400 px, the whole decision (overflow ${whole})`).toBeLessThanOrEqual(0);
      if (!s.replaying) await page.screenshot({ path: join(out, 'decision-400.png'), fullPage: false });
    },
  },
];

test.describe('journey', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('the served page carries the default decision prerendered', async ({ served, cli }) => {
    const html = await (await fetch(`${served.url}/`)).text();
    expect.soft(html, 'the served page is prerendered').toContain('data-prerendered');
    // Each bundled provider's row, with its figure as the CLI computes it.
    for (const id of BUNDLED) {
      const row = html.match(new RegExp(`<tr[^>]*data-testid="decision-row"[^>]*data-provider="${id}"[^>]*>`))?.[0] ?? '';
      const want = cliFigures(cli, join(root, 'www/profiles', `${id}.json`)).overall;
      expect.soft(row, `the prerendered decision has ${id} at ${want}`).toContain(`data-value="${want}"`);
    }
    expect.soft(html, 'Tencent at its golden figure').toMatch(/<tr[^>]*data-provider="tencent-cloud"[^>]*data-value="56\.9"/);
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
    await openLoad(page);
    const fit = await page.evaluate(() => {
      const card = document.querySelector('[data-testid=providers-menu] .cr-menu-body').getBoundingClientRect();
      const area = document.querySelector('[data-testid=profile-paste]').getBoundingClientRect();
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
    // The whole decision first: Tencent's row carries its golden figures.
    const row = page.locator('[data-testid=decision-row][data-provider=tencent-cloud]');
    expect.soft(await row.evaluate((r) => [r.dataset.value, r.dataset.band, r.dataset.coverage]), "Tencent's row in the decision table")
      .toEqual([goldenTencent.overall, goldenTencent.band, goldenTencent.coverage]);
    // Its name opens its detail.
    await page.click('[data-testid=focus-provider][data-provider=tencent-cloud]');
    await page.waitForSelector('[data-testid=overall-risk]');
    await expect.soft(label(page), 'Tencent in detail').toContainText('Tencent Cloud');
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
      await page.goto(`${served.url}${TENCENT_ALONE}`);
      await waitForApp(page);
      await page.waitForSelector('[data-testid=weight-input]');
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
    // Leave the app first, then corrupt what it keeps: the tab's own copy
    // and the browser's.
    await page.goto(`${served.url}/not-the-app`);
    await page.evaluate(() => {
      sessionStorage.setItem('csp-radar:v2:current', 'CSPR:2/w:garbage');
      localStorage.setItem('csp-radar:v2:decision', 'CSPR:2/w:garbage');
    });
    await page.goto(`${served.url}/`);
    await page.waitForSelector('[data-testid=error-banner]');
    expect.soft(await page.textContent('[data-testid=error-banner]'), 'corrupt storage notice').toContain('saved decision could not be read');
    await waitForApp(page);
    expect.soft((await rows(page)).sort(), 'the default decision after corrupt storage').toEqual([...BUNDLED].sort());
    expect.soft(await page.getAttribute('[data-testid=decision-row][data-provider=tencent-cloud]', 'data-value'), 'with its default figures').toBe('56.9');
    expect.soft(await page.evaluate(() => localStorage.getItem('csp-radar:v1:unreadable')), 'the unreadable text is kept, not thrown away').toBe('CSPR:2/w:garbage');
    // And the widget answers.
    await page.click('[data-testid=focus-provider][data-provider=tencent-cloud]');
    expect.soft((await figures(page)).overall, 'the widget still works after corrupt storage').toBe('56.9');
    expect.soft(errors, 'no page errors').toEqual([]);
  });
});
