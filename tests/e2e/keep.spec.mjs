// Work is never lost silently. Each way an earlier release lost a
// lab's work is replayed here against the release build: two tabs, a full
// storage, a link over the 64 KiB limit, loading another profile, an
// unanswered restore offer, an overlong note; and the controls that showed
// one thing while the figures used another.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect, root, out, watchErrors, figures, waitForApp, paste } from './fixtures.mjs';

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

/** Four more copies of the fictional profile pasted, each under its own id and name. */
async function pasteFour(page) {
  const fictional = await readFile(fictionalPath, 'utf8');
  for (const id of ['alpha', 'beta', 'gamma', 'delta']) {
    const p = JSON.parse(fictional);
    p.provider.id = `${id}-cloud`;
    p.provider.name = `${id[0].toUpperCase()}${id.slice(1)} Cloud (fictional)`;
    await paste(page, JSON.stringify(p));
    await page.waitForFunction((n) => document.querySelector('.cr-overall-label strong').textContent === n, p.provider.name);
  }
}

test.describe('keep', () => {
  /** A page of its own at the app, ready, with its errors watched. */
  const open = async (newContext, url) => {
    const context = await newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(url);
    await ready(page);
    return { context, page, errors };
  };

  // 1.
  test("two tabs: neither overwrites the other's work silently", async ({ newContext, served }) => {
    const context = await newContext();
    const a = await context.newPage();
    const b = await context.newPage();
    const errors = watchErrors(a);
    watchErrors(b, errors);
    await a.goto(`${served.url}/`);
    await ready(a);
    await b.goto(`${served.url}/`);
    await ready(b);
    await a.fill('[data-testid=note-input][data-question="1"]', "A's note");
    await a.fill('[data-testid=weight-input][data-question="3"]', '5');
    await settle(a);
    await b.bringToFront();
    await b.fill('[data-testid=weight-input][data-question="5"]', '0');
    await b.fill('[data-testid=note-input][data-question="2"]', "B's note");
    await settle(b);
    await expect(a.locator('[data-testid=restore-offer][data-because=other-tab]'), 'tab A is told another tab saved a different evaluation').toBeVisible({ timeout: 3000 });
    const aFigures = await figures(a);
    await a.bringToFront();
    await a.reload();
    await ready(a);
    expect.soft(await note(a, 1), 'after reload, tab A still shows its own note').toBe("A's note");
    expect.soft(await weight(a, 3), 'and its own weight').toBe('5');
    expect.soft(await figures(a), 'and its own figures').toEqual(aFigures);
    await a.waitForSelector('[data-testid=restore-offer][data-because=other-tab]');
    await a.click('[data-testid=restore-saved]');
    expect.soft([await note(a, 2), await weight(a, 5)], "opening the offer brings tab B's evaluation").toEqual(["B's note", '0']);
    await a.click('[data-testid=undo]');
    expect.soft(await note(a, 1), "and undo brings A's back").toBe("A's note");
    expect.soft(errors, 'two tabs: no page errors').toEqual([]);
  });

  // 2.
  test('storage full: said once, visibly; the address bar wins on reload', async ({ newContext, served }) => {
    const { page, errors } = await open(newContext, `${served.url}/`);
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
    expect.soft(await banner.textContent(), 'a full storage is said at once').toContain('Autosave failed');
    await page.click('[data-testid=error-banner] button');
    await page.fill('[data-testid=weight-input][data-question="4"]', '0');
    await settle(page);
    expect.soft(await page.$('[data-testid=error-banner]'), 'and said once, not at every edit').toBeNull();
    const shown = await figures(page);
    await page.reload();
    await ready(page);
    expect.soft(await figures(page), 'after reload the newer evaluation (the address bar) wins over the stale saved copy').toEqual(shown);
    expect.soft([await weight(page, 3), await weight(page, 4)], 'with both edits').toEqual(['0', '0']);
    expect.soft(errors, 'storage full: no page errors').toEqual([]);
  });

  // 3.
  test('over the 64 KiB link limit: warned, saved anyway, never unopenable', async ({ newContext, served }) => {
    const { page, errors } = await open(newContext, `${served.url}/`);
    await paste(page, bigProfile('big-cloud', 'Big Cloud', 2000));
    await page.waitForFunction(() => document.querySelector('.cr-overall-label strong').textContent.includes('Big Cloud'));
    expect.soft(await page.locator('[data-testid=link-warning]').isVisible(), 'a long link is warned about while it grows').toBe(true);
    for (let q = 1; q <= 18; q++) {
      const text = Array.from({ length: 2000 }, (_, i) => String.fromCharCode(0x4e00 + ((q * 7919 + i * 104729 + i * i * 31) % 20000))).join('');
      await page.$eval(`[data-testid=note-input][data-question="${q}"]`, (el, t) => {
        el.value = t;
        el.dispatchEvent(new InputEvent('input', { bubbles: true }));
      }, text.slice(0, 2000));
    }
    await page.locator('[data-testid=link-too-long]').waitFor({ timeout: 3000 });
    expect.soft(await page.textContent('[data-testid=link-too-long]'), 'too long to share: said plainly, the evaluation file offered').toContain('evaluation file');
    expect.soft(await page.isDisabled('[data-testid=copy-link]'), 'Copy link is disabled, so nothing says "Copied."').toBe(true);
    await settle(page);
    expect.soft(await page.evaluate(() => location.hash), 'the address bar holds no link that could not be opened again').toBe('');
    expect.soft(await page.evaluate(() => (localStorage.getItem('csp-radar:v1:evaluation') || '').length), 'autosave keeps it all, past the link limit').toBeGreaterThan(65536);
    const built = { figures: await figures(page), notes: await page.$$eval('[data-testid=note-input]', (els) => els.map((e) => e.value)) };
    await page.reload();
    await ready(page);
    const again = { figures: await figures(page), notes: await page.$$eval('[data-testid=note-input]', (els) => els.map((e) => e.value)) };
    expect.soft(again, 'after reload the whole evaluation comes back from storage').toEqual(built);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-json]')]);
    const file = join(out, 'large-evaluation.json');
    await download.saveAs(file);
    const fresh = await newContext();
    const other = await fresh.newPage();
    watchErrors(other, errors);
    await other.goto(`${served.url}/`);
    await ready(other);
    await other.setInputFiles('[data-testid=profile-file-input]', file);
    await other.waitForFunction(() => document.querySelector('.cr-overall-label strong').textContent.includes('Big Cloud'));
    const reopened = { figures: await figures(other), notes: await other.$$eval('[data-testid=note-input]', (els) => els.map((e) => e.value)) };
    expect.soft(reopened, 'the evaluation file opens again exactly, in another browser profile').toEqual(built);
    expect.soft(await other.textContent('[data-testid=info-banner]'), 'and the widget says it read an evaluation file').toContain('evaluation file');
    expect.soft(errors, 'over the limit: no page errors').toEqual([]);
  });

  // 4.
  test('loading a profile keeps or sets aside notes and findings, never drops them', async ({ newContext, served }) => {
    const fictional = await readFile(fictionalPath, 'utf8');
    const { page, errors } = await open(newContext, `${served.url}/`);
    await page.fill('[data-testid=note-input][data-question="4"]', 'Tencent rep: 24x7 support in English.');
    await page.selectOption('[data-testid=status-override][data-question="4"]', 'documented');
    const tencent = JSON.parse(await readFile(join(root, 'www/profiles/tencent-cloud.json'), 'utf8'));
    tencent.answers[0].summary = 'A newer summary of the same provider.';
    await paste(page, JSON.stringify(tencent));
    await page.waitForSelector('[data-testid=info-banner]');
    expect.soft(await page.textContent('[data-testid=info-banner]'), 'the same provider loaded again: said, and').toContain('same provider');
    expect.soft([await note(page, 4), await page.inputValue('[data-testid=status-override][data-question="4"]')], 'its notes and findings are kept').toEqual(['Tencent rep: 24x7 support in English.', 'documented']);
    await paste(page, fictional);
    await page.waitForFunction(() => document.querySelector('.cr-overall-label strong').textContent.includes('fictional'));
    expect.soft(await page.textContent('[data-testid=info-banner]'), 'another provider: says the notes were set aside').toContain('set aside');
    expect.soft(await note(page, 4), 'the other provider starts without them').toBe('');
    await settle(page);
    await page.reload();
    await ready(page);
    await expect(page.locator('[data-testid=restore-offer][data-because=profile-loaded]'), 'what was set aside is still offered after a reload').toBeVisible();
    await page.click('[data-testid=restore-saved]');
    expect.soft([await provider(page), await note(page, 4)], 'and comes back whole').toEqual(['Tencent Cloud', 'Tencent rep: 24x7 support in English.']);
    expect.soft(errors, 'loading: no page errors').toEqual([]);
  });

  // 5.
  test('the restore offer lasts until it is answered, and says its whole sentence', async ({ newContext, served }) => {
    const context = await newContext();
    const mine = await context.newPage();
    const errors = watchErrors(mine);
    await mine.goto(`${served.url}/`);
    await ready(mine);
    await mine.fill('[data-testid=note-input][data-question="7"]', 'Our own finding.');
    await settle(mine);
    await mine.close();
    const shared = await context.newPage();
    watchErrors(shared, errors);
    await shared.goto(`${served.url}/#CSPR:1/s:research`);
    await ready(shared);
    const offer = await shared.locator('[data-testid=restore-offer]').textContent();
    expect.soft(offer, `the offer's sentence is whole ("${offer.slice(0, 120)}")`).toMatch(/is kept and not changed\./);
    await settle(shared);
    await shared.close();
    const later = await context.newPage();
    watchErrors(later, errors);
    await later.goto(`${served.url}/#CSPR:1/s:research`);
    await ready(later);
    await expect(later.locator('[data-testid=restore-offer][data-because=shared-link]'), "a tab closed without answering: the lab's own evaluation is still offered").toBeVisible();
    await later.click('[data-testid=restore-saved]');
    expect.soft(await note(later, 7), 'and restoring it brings back its note').toBe('Our own finding.');
    await later.click('[data-testid=discard-kept]').catch(() => {});
    expect.soft(errors, 'restore offer: no page errors').toEqual([]);
  });

  // 6.
  test('notes over 2,000 characters: the room left is shown; more is refused in words, never cut', async ({ newContext, served }) => {
    const { page, errors } = await open(newContext, `${served.url}/`);
    const field = '[data-testid=note-input][data-question="9"]';
    await page.fill(field, 'x'.repeat(1995));
    expect.soft(await page.textContent('[data-testid=note-room] >> nth=8'), 'the room left is shown').toContain('5 of 2000');
    await page.click(field);
    await page.keyboard.press('End');
    await page.keyboard.type('abcdefghij');
    const typed = await note(page, 9);
    expect.soft(typed.length, 'typing at the end fills the note to 2,000 and no further').toBe(2000);
    expect.soft(await page.locator('[data-testid=note-refused]').isVisible(), 'and what did not fit is refused in words').toBe(true);
    expect.soft(await page.$eval(field, (el) => el.selectionStart), 'the caret stays at the end').toBe(2000);
    await page.fill(field, 'short note');
    await page.$eval(field, (el) => {
      el.setSelectionRange(5, 5);
      el.setRangeText('y'.repeat(100000), 5, 5, 'end');
      el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    });
    expect.soft(await note(page, 9), 'pasting 100,000 characters changes nothing and cuts nothing').toBe('short note');
    expect.soft(await page.$eval(field, (el) => el.selectionStart), 'and the caret stays where it was').toBe(5);
    expect.soft(await page.textContent('[data-testid=note-refused]'), 'the refusal says how long it would be').toContain('100010');
    await settle(page);
    await page.reload();
    await ready(page);
    expect.soft(await note(page, 9), 'what is shown is what is kept').toBe('short note');
    expect.soft(errors, 'notes: no page errors').toEqual([]);
  });

  // Controls that showed one thing while the figures used another.
  test('weights outside 0..5 are said, and put back when the field is left', async ({ newContext, served }) => {
    const { page, errors } = await open(newContext, `${served.url}/`);
    const before = await figures(page);
    for (const bad of ['9', '-1', '2.5', '']) {
      await page.fill('[data-testid=weight-input][data-question="3"]', bad);
      expect.soft(await page.locator('[data-testid=weight-problem]').isVisible(), `weight "${bad}": a message beside the field`).toBe(true);
      expect.soft(await figures(page), `weight "${bad}": the figures keep the valid weight`).toEqual(before);
    }
    await page.click('.cr-title');
    expect.soft(await weight(page, 3), 'leaving the field puts the weight in use back').toBe('3');
    expect.soft(errors, 'controls: no page errors').toEqual([]);
  });

  test('with several loaded profiles the picker always names the one scored, in a steady order', async ({ newContext, served }) => {
    const { page, errors } = await open(newContext, `${served.url}/`);
    await pasteFour(page);
    const order = await page.$$eval('[data-testid=provider-select] option', (os) => os.map((o) => o.value));
    for (const key of ['loaded:alpha-cloud', 'tencent-cloud', 'loaded:beta-cloud', 'loaded:gamma-cloud', 'loaded:delta-cloud']) {
      await page.selectOption('[data-testid=provider-select]', key);
      await page.waitForTimeout(50);
      const shown = await page.$eval('[data-testid=provider-select]', (s) => s.options[s.selectedIndex].textContent);
      const scored = await provider(page);
      expect.soft(shown.startsWith(scored), `picking ${key}: the picker reads "${shown}", the figures are for "${scored}"`).toBe(true);
      expect.soft(await page.$eval('[data-testid=provider-select]', (s) => s.value), `picking ${key}: the picker keeps it`).toBe(key);
    }
    expect.soft(await page.$$eval('[data-testid=provider-select] option', (os) => os.map((o) => o.value)), 'the options keep their order').toEqual(order);
    expect.soft(errors, 'controls: no page errors').toEqual([]);
  });

  test('a 4th compare choice is refused in words, not highlighted and dropped', async ({ newContext, served }) => {
    const { page, errors } = await open(newContext, `${served.url}/`);
    await pasteFour(page);
    const all = await page.$$eval('[data-testid=compare-select] option', (os) => os.map((o) => o.value));
    await page.selectOption('[data-testid=compare-select]', all.slice(0, 4));
    await page.waitForSelector('[data-testid=compare-problem]');
    expect.soft(await page.$$eval('[data-testid=compare-select] option:checked', (os) => os.length), 'three stay selected').toBe(3);
    expect.soft(await page.$$eval('[data-testid=radar-series]', (s) => s.length), 'and the radar shows exactly those').toBe(4);
    expect.soft(errors, 'controls: no page errors').toEqual([]);
  });

  test('a Latin-1 file loads with a warning; two dropped files are refused in words', async ({ newContext, served }) => {
    const fictional = await readFile(fictionalPath, 'utf8');
    const { page, errors } = await open(newContext, `${served.url}/`);
    const latin1 = Buffer.from(fictional.replace('Example Cloud (fictional)', 'Exemple Cloud (fictif, \u00e9t\u00e9)'), 'latin1');
    await writeFile(join(out, 'latin1.json'), latin1);
    await page.setInputFiles('[data-testid=profile-file-input]', join(out, 'latin1.json'));
    await page.waitForSelector('[data-testid=info-banner]');
    expect.soft(await page.textContent('[data-testid=info-banner]'), 'a Latin-1 file: says it is not UTF-8').toContain('not UTF-8');
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['{}'], 'one.json', { type: 'application/json' }));
      dt.items.add(new File(['{}'], 'two.json', { type: 'application/json' }));
      document.querySelector('[data-testid=widget]').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await page.waitForSelector('[data-testid=error-banner]');
    expect.soft(await page.textContent('[data-testid=error-banner]'), 'two dropped files: said, nothing loaded').toContain('2 files were dropped');
    expect.soft(errors, 'controls: no page errors').toEqual([]);
  });
});
