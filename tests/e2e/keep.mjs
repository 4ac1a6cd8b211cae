// Work is never lost silently. Each way an earlier release lost a
// lab's work is replayed here against the release build: two tabs, a full
// storage, a link over the 64 KiB limit, loading another profile, an
// unanswered restore offer, an overlong note; and the controls that showed
// one thing while the figures used another.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, launch, dist, root, out, watchErrors, check, eq, figures, waitForApp, paste } from './lib.mjs';

const fictionalPath = join(root, 'tests/fixtures/profiles/example-fictional.json');

async function ready(page) {
  await waitForApp(page);
  await page.waitForSelector('[data-testid=weight-input]');
}

/** Waits for autosave (it waits 250 ms for edits to pause). */
const settle = (page) => page.waitForTimeout(450);

const note = (page, q) => page.inputValue(`[data-testid=note-input][data-question="${q}"]`);
const weight = (page, q) => page.inputValue(`[data-testid=weight-input][data-question="${q}"]`);
const provider = (page) => page.textContent('.cr-overall-label strong');

/** A profile with `n` characters of incompressible text per summary. */
function bigProfile(id, name, n) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ,.;';
  // xorshift32: exact in 32-bit integers (a float LCG loses precision and repeats).
  let seed = (id.length * 7919) >>> 0 || 1;
  const random = (len) => Array.from({ length: len }, () => {
    seed ^= seed << 13; seed >>>= 0;
    seed ^= seed >>> 17;
    seed ^= seed << 5; seed >>>= 0;
    return alphabet[seed % alphabet.length];
  }).join('');
  return JSON.stringify({
    format: 'csp-risk-profile', version: 1,
    provider: { id, name },
    answers: Array.from({ length: 18 }, (_, i) => ({ question: i + 1, status: 'partial', summary: random(n), ask: random(500) })),
  });
}

export default async function keep() {
  const server = await serve(dist);
  const browser = await launch();
  const fictional = await readFile(fictionalPath, 'utf8');
  try {
    // 1. Two tabs: neither overwrites the other's work silently.
    {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const a = await context.newPage();
      const b = await context.newPage();
      const errors = watchErrors(a);
      watchErrors(b, errors);
      await a.goto(`${server.url}/`);
      await ready(a);
      await b.goto(`${server.url}/`);
      await ready(b);
      await a.fill('[data-testid=note-input][data-question="1"]', "A's note");
      await a.fill('[data-testid=weight-input][data-question="3"]', '5');
      await settle(a);
      await b.bringToFront();
      await b.fill('[data-testid=weight-input][data-question="5"]', '0');
      await b.fill('[data-testid=note-input][data-question="2"]', "B's note");
      await settle(b);
      await a.waitForSelector('[data-testid=restore-offer][data-because=other-tab]', { timeout: 3000 });
      check(true, 'tab A is told another tab saved a different evaluation');
      const aFigures = await figures(a);
      await a.bringToFront();
      await a.reload();
      await ready(a);
      eq(await note(a, 1), "A's note", 'after reload, tab A still shows its own note');
      eq(await weight(a, 3), '5', 'and its own weight');
      eq(await figures(a), aFigures, 'and its own figures');
      await a.waitForSelector('[data-testid=restore-offer][data-because=other-tab]');
      await a.click('[data-testid=restore-saved]');
      eq([await note(a, 2), await weight(a, 5)], ["B's note", '0'], "opening the offer brings tab B's evaluation");
      await a.click('[data-testid=undo]');
      eq(await note(a, 1), "A's note", "and undo brings A's back");
      eq(errors, [], 'two tabs: no page errors');
      await context.close();
    }

    // 2. Storage full: said once, visibly; the address bar wins on reload.
    {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${server.url}/`);
      await ready(page);
      // Fill the origin's storage to the last character.
      await page.evaluate(() => {
        for (const size of [256 * 1024, 16 * 1024, 1024, 64, 1]) {
          const chunk = 'x'.repeat(size);
          for (let i = 0; ; i++) {
            try { localStorage.setItem(`filler-${size}-${i}`, chunk); } catch { break; }
          }
        }
      });
      await page.fill('[data-testid=weight-input][data-question="3"]', '0');
      const banner = page.locator('[data-testid=error-banner]');
      await banner.waitFor({ timeout: 3000 });
      check((await banner.textContent()).includes('Autosave failed'), 'a full storage is said at once');
      await page.click('[data-testid=error-banner] button');
      await page.fill('[data-testid=weight-input][data-question="4"]', '0');
      await settle(page);
      eq(await page.$('[data-testid=error-banner]'), null, 'and said once, not at every edit');
      const shown = await figures(page);
      await page.reload();
      await ready(page);
      eq(await figures(page), shown, 'after reload the newer evaluation (the address bar) wins over the stale saved copy');
      eq([await weight(page, 3), await weight(page, 4)], ['0', '0'], 'with both edits');
      eq(errors, [], 'storage full: no page errors');
      await context.close();
    }

    // 3. Over the 64 KiB link limit: warned, saved anyway, never unopenable.
    {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${server.url}/`);
      await ready(page);
      await paste(page, bigProfile('big-cloud', 'Big Cloud', 2000));
      await page.waitForFunction(() => document.querySelector('.cr-overall-label strong').textContent.includes('Big Cloud'));
      check(await page.locator('[data-testid=link-warning]').isVisible(), 'a long link is warned about while it grows');
      for (let q = 1; q <= 18; q++) {
        const text = Array.from({ length: 2000 }, (_, i) => String.fromCharCode(0x4e00 + ((q * 7919 + i * 104729 + i * i * 31) % 20000))).join('');
        await page.$eval(`[data-testid=note-input][data-question="${q}"]`, (el, t) => {
          el.value = t;
          el.dispatchEvent(new InputEvent('input', { bubbles: true }));
        }, text.slice(0, 2000));
      }
      await page.locator('[data-testid=link-too-long]').waitFor({ timeout: 3000 });
      check((await page.textContent('[data-testid=link-too-long]')).includes('evaluation file'), 'too long to share: said plainly, the evaluation file offered');
      check(await page.isDisabled('[data-testid=copy-link]'), 'Copy link is disabled, so nothing says "Copied."');
      await settle(page);
      eq(await page.evaluate(() => location.hash), '', 'the address bar holds no link that could not be opened again');
      check(await page.evaluate(() => (localStorage.getItem('csp-radar:v1:evaluation') || '').length > 65536), 'autosave keeps it all, past the link limit');
      const built = { figures: await figures(page), notes: await page.$$eval('[data-testid=note-input]', (els) => els.map((e) => e.value)) };
      await page.reload();
      await ready(page);
      const again = { figures: await figures(page), notes: await page.$$eval('[data-testid=note-input]', (els) => els.map((e) => e.value)) };
      eq(again, built, 'after reload the whole evaluation comes back from storage');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-json]')]);
      const file = join(out, 'large-evaluation.json');
      await download.saveAs(file);
      const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const other = await fresh.newPage();
      watchErrors(other, errors);
      await other.goto(`${server.url}/`);
      await ready(other);
      await other.setInputFiles('[data-testid=profile-file-input]', file);
      await other.waitForFunction(() => document.querySelector('.cr-overall-label strong').textContent.includes('Big Cloud'));
      const reopened = { figures: await figures(other), notes: await other.$$eval('[data-testid=note-input]', (els) => els.map((e) => e.value)) };
      eq(reopened, built, 'the evaluation file opens again exactly, in another browser profile');
      check((await other.textContent('[data-testid=info-banner]')).includes('evaluation file'), 'and the widget says it read an evaluation file');
      eq(errors, [], 'over the limit: no page errors');
      await fresh.close();
      await context.close();
    }

    // 4. Loading a profile keeps or sets aside notes and findings, never drops them.
    {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${server.url}/`);
      await ready(page);
      await page.fill('[data-testid=note-input][data-question="4"]', 'Tencent rep: 24x7 support in English.');
      await page.selectOption('[data-testid=status-override][data-question="4"]', 'documented');
      const tencent = JSON.parse(await readFile(join(root, 'www/profiles/tencent-cloud.json'), 'utf8'));
      tencent.answers[0].summary = 'A newer summary of the same provider.';
      await paste(page, JSON.stringify(tencent));
      await page.waitForSelector('[data-testid=info-banner]');
      check((await page.textContent('[data-testid=info-banner]')).includes('same provider'), 'the same provider loaded again: said, and');
      eq([await note(page, 4), await page.inputValue('[data-testid=status-override][data-question="4"]')], ['Tencent rep: 24x7 support in English.', 'documented'], 'its notes and findings are kept');
      await paste(page, fictional);
      await page.waitForFunction(() => document.querySelector('.cr-overall-label strong').textContent.includes('fictional'));
      check((await page.textContent('[data-testid=info-banner]')).includes('set aside'), 'another provider: says the notes were set aside');
      eq(await note(page, 4), '', 'the other provider starts without them');
      await settle(page);
      await page.reload();
      await ready(page);
      await page.waitForSelector('[data-testid=restore-offer][data-because=profile-loaded]');
      check(true, 'what was set aside is still offered after a reload');
      await page.click('[data-testid=restore-saved]');
      eq([await provider(page), await note(page, 4)], ['Tencent Cloud', 'Tencent rep: 24x7 support in English.'], 'and comes back whole');
      eq(errors, [], 'loading: no page errors');
      await context.close();
    }

    // 5. The restore offer lasts until it is answered, and says its whole sentence.
    {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const mine = await context.newPage();
      const errors = watchErrors(mine);
      await mine.goto(`${server.url}/`);
      await ready(mine);
      await mine.fill('[data-testid=note-input][data-question="7"]', 'Our own finding.');
      await settle(mine);
      await mine.close();
      const shared = await context.newPage();
      watchErrors(shared, errors);
      await shared.goto(`${server.url}/#CSPR:1/s:research`);
      await ready(shared);
      const offer = await shared.locator('[data-testid=restore-offer]').textContent();
      check(/is kept and not changed\./.test(offer), `the offer's sentence is whole ("${offer.slice(0, 120)}")`);
      await settle(shared);
      await shared.close();
      const later = await context.newPage();
      watchErrors(later, errors);
      await later.goto(`${server.url}/#CSPR:1/s:research`);
      await ready(later);
      await later.waitForSelector('[data-testid=restore-offer][data-because=shared-link]');
      check(true, 'a tab closed without answering: the lab\'s own evaluation is still offered');
      await later.click('[data-testid=restore-saved]');
      eq(await note(later, 7), 'Our own finding.', 'and restoring it brings back its note');
      await later.click('[data-testid=discard-kept]').catch(() => {});
      eq(errors, [], 'restore offer: no page errors');
      await context.close();
    }

    // 6. Notes over 2,000 characters: the room left is shown; more is refused in words, never cut.
    {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${server.url}/`);
      await ready(page);
      const field = '[data-testid=note-input][data-question="9"]';
      await page.fill(field, 'x'.repeat(1995));
      check((await page.textContent('[data-testid=note-room] >> nth=8')).includes('5 of 2000'), 'the room left is shown');
      await page.click(field);
      await page.keyboard.press('End');
      await page.keyboard.type('abcdefghij');
      const typed = await note(page, 9);
      eq(typed.length, 2000, 'typing at the end fills the note to 2,000 and no further');
      check(await page.locator('[data-testid=note-refused]').isVisible(), 'and what did not fit is refused in words');
      eq(await page.$eval(field, (el) => el.selectionStart), 2000, 'the caret stays at the end');
      await page.fill(field, 'short note');
      await page.$eval(field, (el) => {
        el.setSelectionRange(5, 5);
        el.setRangeText('y'.repeat(100000), 5, 5, 'end');
        el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
      });
      eq(await note(page, 9), 'short note', 'pasting 100,000 characters changes nothing and cuts nothing');
      eq(await page.$eval(field, (el) => el.selectionStart), 5, 'and the caret stays where it was');
      check((await page.textContent('[data-testid=note-refused]')).includes('100010'), 'the refusal says how long it would be');
      await settle(page);
      await page.reload();
      await ready(page);
      eq(await note(page, 9), 'short note', 'what is shown is what is kept');
      eq(errors, [], 'notes: no page errors');
      await context.close();
    }

    // Controls that showed one thing while the figures used another.
    {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${server.url}/`);
      await ready(page);
      // Weights outside 0..5 are said, and put back when the field is left.
      const before = await figures(page);
      for (const bad of ['9', '-1', '2.5', '']) {
        await page.fill('[data-testid=weight-input][data-question="3"]', bad);
        check(await page.locator('[data-testid=weight-problem]').isVisible(), `weight "${bad}": a message beside the field`);
        eq(await figures(page), before, `weight "${bad}": the figures keep the valid weight`);
      }
      await page.click('.cr-title');
      eq(await weight(page, 3), '3', 'leaving the field puts the weight in use back');
      // Three loaded profiles: the picker always names the one scored, in a steady order.
      for (const id of ['alpha', 'beta', 'gamma', 'delta']) {
        const p = JSON.parse(fictional);
        p.provider.id = `${id}-cloud`;
        p.provider.name = `${id[0].toUpperCase()}${id.slice(1)} Cloud (fictional)`;
        await paste(page, JSON.stringify(p));
        await page.waitForFunction((n) => document.querySelector('.cr-overall-label strong').textContent === n, p.provider.name);
      }
      const order = await page.$$eval('[data-testid=provider-select] option', (os) => os.map((o) => o.value));
      for (const key of ['loaded:alpha-cloud', 'tencent-cloud', 'loaded:beta-cloud', 'loaded:gamma-cloud', 'loaded:delta-cloud']) {
        await page.selectOption('[data-testid=provider-select]', key);
        await page.waitForTimeout(50);
        const shown = await page.$eval('[data-testid=provider-select]', (s) => s.options[s.selectedIndex].textContent);
        check(shown.startsWith(await provider(page)), `picking ${key}: the picker reads "${shown}", the figures are for "${await provider(page)}"`);
        eq(await page.$eval('[data-testid=provider-select]', (s) => s.value), key, `picking ${key}: the picker keeps it`);
      }
      eq(await page.$$eval('[data-testid=provider-select] option', (os) => os.map((o) => o.value)), order, 'the options keep their order');
      // A 4th compare choice is refused in words, not highlighted and dropped.
      const all = await page.$$eval('[data-testid=compare-select] option', (os) => os.map((o) => o.value));
      await page.selectOption('[data-testid=compare-select]', all.slice(0, 4));
      await page.waitForSelector('[data-testid=compare-problem]');
      eq(await page.$$eval('[data-testid=compare-select] option:checked', (os) => os.length), 3, 'three stay selected');
      eq(await page.$$eval('[data-testid=radar-series]', (s) => s.length), 4, 'and the radar shows exactly those');
      // A Latin-1 file loads with a warning; two dropped files are refused in words.
      const latin1 = Buffer.from(fictional.replace('Example Cloud (fictional)', 'Exemple Cloud (fictif, \u00e9t\u00e9)'), 'latin1');
      await writeFile(join(out, 'latin1.json'), latin1);
      await page.setInputFiles('[data-testid=profile-file-input]', join(out, 'latin1.json'));
      await page.waitForSelector('[data-testid=info-banner]');
      check((await page.textContent('[data-testid=info-banner]')).includes('not UTF-8'), 'a Latin-1 file: says it is not UTF-8');
      await page.evaluate(() => {
        const dt = new DataTransfer();
        dt.items.add(new File(['{}'], 'one.json', { type: 'application/json' }));
        dt.items.add(new File(['{}'], 'two.json', { type: 'application/json' }));
        document.querySelector('[data-testid=widget]').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      });
      await page.waitForSelector('[data-testid=error-banner]');
      check((await page.textContent('[data-testid=error-banner]')).includes('2 files were dropped'), 'two dropped files: said, nothing loaded');
      eq(errors, [], 'controls: no page errors');
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}
