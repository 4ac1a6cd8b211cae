// What a person sees and prints. Text in any script stays in its
// place; a right-to-left host page does not turn the widget around; print
// shows every note, finding and source in full; 320 px reflows; forced
// colours and a dark scheme keep every figure legible; the focus ring has
// contrast; the embed API answers at once and says what it cannot do.
import { readFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test, expect, root, out, watchErrors, waitForApp, openMenu } from './fixtures.mjs';

const rtlPath = join(root, 'tests/fixtures/profiles/example-rtl.json');
/** Tencent alone, in detail: what the page used to open with. */
const TENCENT_ALONE = '/index.html#CSPR:2/p:tencent-cloud';

/** WCAG contrast of two CSS colours `rgb(r, g, b)`. */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

const rtlHost = `<!doctype html><html dir="rtl" lang="ar"><head><meta charset="utf-8"><title>مضيف</title></head>
<body><h1>صفحة ويكي عن مزودي الخدمة</h1>
<div class="csp-radar" id="w" data-profile="tencent-cloud" data-preset="nope" data-compare="no-such-provider" data-save="off"></div>
<script src="/embed.js"></script></body></html>`;

test.describe('look', () => {
  test('Arabic and Hebrew profile text, with its directional marks, loads and is isolated', async ({ newContext, served }) => {
    const page = await (await newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const errors = watchErrors(page);
    await page.goto(`${served.url}/`);
    await waitForApp(page);
    await openMenu(page, 'providers-menu');
    await page.click('[data-testid=load-details] > summary');
    await page.setInputFiles('[data-testid=profile-file-input]', rtlPath);
    await page.waitForFunction(() => document.querySelector('.cr-overall-label strong')?.textContent.includes('سحابة'));
    await page.locator('[data-testid=providers-menu] > summary').click();
    await page.fill('[data-testid=note-input][data-question="3"]', 'ممثل المزود: الدعم متاح 24/7 باللغة العربية. \u202eLTR override left open');
    const isolated = await page.evaluate(() => {
      const name = document.querySelector('.cr-overall-label strong bdi');
      const summary = document.querySelector('.cr-summary-text[dir=auto]');
      const row = document.querySelector('[data-testid=focus-provider][data-provider=example-rtl] bdi');
      return {
        name: !!name && getComputedStyle(name).unicodeBidi === 'isolate',
        summary: !!summary && getComputedStyle(summary).unicodeBidi === 'isolate',
        note: document.querySelector('[data-testid=note-input][data-question="3"]').getAttribute('dir'),
        gapTitle: !!document.querySelector('#cr-gaps-title bdi'),
        legend: !!document.querySelector('.cr-legend bdi'),
        decisionRow: !!row && getComputedStyle(row).unicodeBidi === 'isolate',
      };
    });
    expect.soft(isolated, 'profile and lab text is isolated wherever it is shown').toEqual({ name: true, summary: true, note: 'auto', gapTitle: true, legend: true, decisionRow: true });
    // What stands around the text keeps its order: the figure still reads "NN.N / 100".
    const figureBox = await page.$eval('.cr-overall-figure', (el) => {
      const [big, of] = [el.querySelector('.cr-big'), el.querySelector('.cr-of')].map((e) => e.getBoundingClientRect().left);
      return big < of;
    });
    expect.soft(figureBox, 'the overall figure still reads left to right').toBe(true);
    // The verdict naming the right-to-left provider is still an English
    // sentence read left to right: the name is isolated inside it, and the
    // sentence does not take the name's direction.
    const verdicts = await page.$$eval('[data-testid=decision-verdict]', (vs) => vs.map((v) => {
      const sentence = v.querySelector('bdi') ?? v;
      return { text: v.textContent.trim(), direction: getComputedStyle(sentence).direction };
    }));
    const rtlVerdict = verdicts.find((v) => v.text.includes('سحابة'));
    expect.soft(rtlVerdict, 'a verdict names the right-to-left provider').toBeTruthy();
    expect.soft(rtlVerdict?.direction, `the verdict naming it reads left to right (${rtlVerdict?.text})`).toBe('ltr');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-md]')]);
    const md = await readFile(await download.path(), 'utf8');
    expect.soft(md.includes('\u2068') && md.includes('\u2069'), 'the Markdown export isolates right-to-left text').toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(out, 'rtl-profile.png'), fullPage: false });
    await page.locator('.cr-decision').screenshot({ path: join(out, 'rtl-decision.png') });
    expect.soft(errors, 'rtl profile: no page errors').toEqual([]);
  });

  test('a dir="rtl" host page: the widget keeps its own direction; every bad option is listed', async ({ newContext, served }) => {
    served.routes['/rtl-host.html'] = ['text/html', rtlHost];
    const page = await (await newContext({ viewport: { width: 1100, height: 900 } })).newPage();
    const errors = watchErrors(page);
    await page.goto(`${served.url}/rtl-host.html`);
    const handle = await page.evaluateHandle(() => document.getElementById('w').cspRadar.ready);
    const state = await page.evaluate(() => document.getElementById('w').cspRadar.state());
    expect.soft(state && state.overall, `await ready; state() answers at once (${JSON.stringify(state && state.overall)})`).toBe(56.9);
    await handle.dispose();
    const inner = await page.evaluateHandle(() => document.getElementById('w').shadowRoot);
    await page.waitForFunction((r) => r.querySelector('[data-testid=overall-risk]'), inner);
    const seen = await page.evaluate((r) => ({
      direction: getComputedStyle(r.querySelector('.cr-root')).direction,
      figureLtr: r.querySelector('.cr-big').getBoundingClientRect().left < r.querySelector('.cr-of').getBoundingClientRect().left,
      banner: r.querySelector('[data-testid=error-banner]')?.textContent || '',
      noSave: !!r.querySelector('[data-testid=no-autosave]'),
    }), inner);
    expect.soft([seen.direction, seen.figureLtr], 'an rtl host does not turn the widget around').toEqual(['ltr', true]);
    expect.soft(seen.banner.includes('2 problems') && seen.banner.includes('preset') && seen.banner.includes('no-such-provider'), `every bad option is listed (${seen.banner.slice(0, 140)})`).toBe(true);
    expect.soft(seen.noSave, 'a mounted widget told to keep nothing says it does not save').toBe(true);
    const refused = await page.evaluate(() => document.getElementById('w').cspRadar.setProfile({ format: 'csp-risk-profile' }));
    expect.soft(Array.isArray(refused) && refused[0].includes('JSON text'), `setProfile(object) says to pass JSON text (${refused})`).toBe(true);
    await page.screenshot({ path: join(out, 'rtl-host.png') });
    expect.soft(errors, 'rtl host: no page errors').toEqual([]);
  });

  test('print shows every note, finding and source in full', async ({ newContext, served }) => {
    const page = await (await newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const errors = watchErrors(page);
    await page.goto(`${served.url}${TENCENT_ALONE}`);
    await waitForApp(page);
    await page.waitForSelector('[data-testid=note-input]');
    const longNote = 'First line of the rep call.\nSecond line: SLA credits are 10%.\nThird line: escalation within 4 hours.\nFourth line: named TAM.\nFifth line, last of the note.';
    await page.fill('[data-testid=note-input][data-question="4"]', longNote);
    await page.selectOption('[data-testid=finding-status][data-question="10"]', 'partial');
    await page.selectOption('[data-testid=finding-basis][data-question="10"]', 'provider');
    await page.fill('[data-testid=finding-reference][data-question="10"]', 'pen-test summary sent by the account team');
    await page.waitForTimeout(600); // the committee report follows the decision once edits pause
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const path = join(out, 'print-full.pdf');
    await writeFile(path, pdf);
    const text = execFileSync('pdftotext', [path, '-']).toString();
    const flat = text.replace(/\s+/g, ' ');
    expect.soft(flat, 'the last line of a long note prints').toContain('Fifth line, last of the note.');
    expect.soft(flat, 'a finding prints whole, not cut mid-word').toContain('partial — pen-test summary sent by the account team, provider');
    // Each question's entry in the printed evidence, from its number to the next.
    const entry = (q) => flat.split(/(?= Q\d+ [A-Z])/).find((e) => e.startsWith(` Q${q} `) && e.includes(' points ')) ?? '';
    expect.soft(entry(10), 'the finding prints with its question').toContain('Our finding: partial — pen-test summary sent by the account team, provider');
    expect.soft([entry(3).includes('— adverse, weight 3'), entry(3).includes('Our finding')], `an answer without a finding prints the profile's status and no finding (${entry(3).slice(0, 160)})`).toEqual([true, false]);
    expect.soft(entry(4), 'the note prints with its question').toContain('Our note: First line of the rep call.');
    expect.soft(entry(3), 'gap evidence prints its text, not a closed heading').toContain('backups included');
    expect.soft(flat, 'print adds the committee report').toContain('Cloud provider decision, as of');
    expect.soft(flat, "with the questions to send Tencent").toContain('Questions to send: Tencent Cloud');
    const pages = Number(execFileSync('pdfinfo', [path]).toString().match(/Pages:\s+(\d+)/)[1]);
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '2', path, join(out, 'print-page')]);
    expect.soft(pages, `the report has ${pages} pages`).toBeGreaterThanOrEqual(2);
    await page.emulateMedia({ media: 'screen' });
    expect.soft(errors, 'print: no page errors').toEqual([]);
  });

  test('320 px wide: nothing clipped, radar labels readable', async ({ newContext, served }) => {
    const page = await (await newContext({ viewport: { width: 320, height: 800 } })).newPage();
    await page.goto(`${served.url}/`);
    await waitForApp(page);
    await page.waitForSelector('[data-testid=weight-input]');
    const measure = () => page.evaluate(() => {
      const wide = [...document.querySelectorAll('.cr-question, .cr-gap, .cr-domain, .cr-controls, .cr-decision, .cr-decision-row, .cr-verdict, .cr-detail-head')]
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        .map((e) => e.className);
      const label = document.querySelector('.cr-axis-name').getBoundingClientRect().height;
      return { scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, wide, label };
    });
    // The whole decision, then one provider in detail.
    for (const what of ['the whole decision', 'Tencent in detail']) {
      if (what !== 'the whole decision') {
        await page.click('[data-testid=focus-provider][data-provider=tencent-cloud]');
        await page.waitForSelector('[data-testid=overall-risk]');
      }
      const fit = await measure();
      expect.soft([fit.scroll <= fit.client, fit.wide], `320 px, ${what}: no horizontal scroll, nothing clipped (${JSON.stringify(fit)})`).toEqual([true, []]);
      expect.soft(fit.label, `320 px, ${what}: radar axis labels are ${fit.label.toFixed(1)} px tall`).toBeGreaterThanOrEqual(9);
      await page.screenshot({ path: join(out, what === 'the whole decision' ? 'narrow-320.png' : 'narrow-320-detail.png'), fullPage: false });
    }
  });

  test('forced colours draw the domain bars and the decision table\'s ranges', async ({ newContext, served }) => {
    const page = await (await newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.emulateMedia({ forcedColors: 'active' });
    await page.goto(`${served.url}/#CSPR:2/f:tencent-cloud`);
    await waitForApp(page);
    await page.waitForSelector('[data-testid=overall-risk]');
    const drawn = (sel) => page.$$eval(sel, (els) => els.map((e) => ({ w: e.getBoundingClientRect().width, bg: getComputedStyle(e).backgroundColor, border: getComputedStyle(e).borderLeftColor })));
    const visible = (b) => b.w === 0 || (b.bg !== 'rgba(0, 0, 0, 0)' && b.bg !== 'transparent');
    const bars = await drawn('.cr-bar-fill');
    expect.soft(bars.every(visible) && bars.some((b) => b.w > 0), `forced colours: domain bars are drawn (${JSON.stringify(bars)})`).toBe(true);
    const ranges = await drawn('.cr-scale-range, .cr-scale-mark');
    expect.soft(ranges.length > 0 && ranges.every(visible), `forced colours: the decision table's best–worst bars and marks are drawn (${JSON.stringify(ranges)})`).toBe(true);
  });

  test('a dark scheme keeps radar labels and text legible', async ({ newContext, served }) => {
    const page = await (await newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${served.url}/`);
    await waitForApp(page);
    await page.emulateMedia({ forcedColors: 'none', colorScheme: 'dark' });
    const dark = await page.evaluate(() => ({
      paper: getComputedStyle(document.querySelector('.cr-root')).backgroundColor,
      label: getComputedStyle(document.querySelector('.cr-axis-name')).fill,
      text: getComputedStyle(document.querySelector('.cr-q-text') || document.querySelector('.cr-help')).color,
    }));
    expect.soft(contrast(dark.paper, dark.label), `dark scheme: radar labels contrast ${contrast(dark.paper, dark.label).toFixed(1)}:1`).toBeGreaterThanOrEqual(4.5);
    expect.soft(contrast(dark.paper, dark.text), `dark scheme: text contrast ${contrast(dark.paper, dark.text).toFixed(1)}:1`).toBeGreaterThanOrEqual(4.5);
    await page.screenshot({ path: join(out, 'dark.png') });
  });

  test('the focus ring has 3:1 contrast', async ({ newContext, served }) => {
    const page = await (await newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${served.url}/`);
    await waitForApp(page);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.focus('[data-testid=preset-select]');
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const el = document.activeElement;
      return { outline: getComputedStyle(el).outlineColor, paper: getComputedStyle(document.querySelector('.cr-root')).backgroundColor };
    });
    expect.soft(contrast(ring.outline, ring.paper), `focus ring contrast ${contrast(ring.outline, ring.paper).toFixed(1)}:1 (needs 3:1)`).toBeGreaterThanOrEqual(3);
  });
});
