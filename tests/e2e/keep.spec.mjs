// Work is never lost. Every change is a version in History (IndexedDB);
// each way an earlier release lost a lab's work is replayed here against
// the release build: two tabs, a full storage, a profile full of `<`, a
// large decision file, work replaced by a paste or a link, a busy tab, an
// editor closed on an invalid draft, an embedded widget; and the controls
// that lost what was typed (notes past their limit, weights out of range).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect, root, out, watchErrors, waitForApp, paste } from './fixtures.mjs';

const fictionalPath = join(root, 'tests/fixtures/profiles/example-fictional.json');
/** Tencent Cloud alone, in detail: its question rows take findings and notes. */
const TENCENT = '#CSPR:2/p:tencent-cloud';

async function ready(page) {
  await waitForApp(page);
  await page.waitForSelector('[data-testid=weight-input]');
}

/** Waits until a change is a version: typing pauses 250 ms, then IndexedDB writes. */
const settle = (page) => page.waitForTimeout(700);

const noteField = (q) => `[data-testid=note-input][data-question="${q}"]`;
const note = (page, q) => page.inputValue(noteField(q));
const weight = (page, q) => page.inputValue(`[data-testid=weight-input][data-question="${q}"]`);
const providerNames = (page) => page.$$eval('[data-testid=focus-provider]', (bs) => bs.map((b) => b.textContent.trim()));

/** Opens History and returns its entries: the heading of their line, and what changed. */
async function history(page) {
  const panel = page.locator('[data-testid=history]');
  if (!(await panel.evaluate((d) => d.open))) await page.click('[data-testid=history-open]');
  await page.waitForSelector('[data-testid=history-entry]');
  await page.waitForTimeout(300);
  return page.$$eval('[data-testid=history-entry]', (es) => es.map((e) => ({
    line: e.closest('section').querySelector('h3').textContent,
    what: e.querySelector('.cr-history-what').textContent,
  })));
}

/** Restores the `n`th entry (0: newest) of the line whose heading starts with `line`. */
async function restore(page, line, n = 0) {
  await history(page);
  const section = page.locator('.cr-history-line', { has: page.locator('h3', { hasText: line }) }).first();
  await section.locator('[data-testid=history-restore]').nth(n).click();
  await page.waitForSelector('[data-testid=info-banner]:has-text("Restored")');
}

/** Fills this origin's local and session storage until the browser refuses more. */
async function fillStorage(page) {
  return page.evaluate(() => {
    let kept = 0;
    for (const store of [localStorage, sessionStorage]) {
      for (let size = 1 << 20; size >= 16; size >>= 1) {
        const chunk = 'x'.repeat(size);
        try {
          for (;;) {
            store.setItem(`filler-${kept++}`, chunk);
          }
        } catch {
          // full at this size: try smaller pieces
        }
      }
    }
    return kept;
  });
}

/** xorshift32 text: exact in 32-bit integers, so every run is the same. */
function randomText(seed, alphabet) {
  let s = seed >>> 0 || 1;
  return (len) => Array.from({ length: len }, () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return alphabet[s % alphabet.length];
  }).join('');
}

/** A valid profile of `perAnswer` citations per question, titles and
 *  addresses made by `text`. */
function profileOf(id, name, text, perAnswer, urlLength = 40) {
  return JSON.stringify({
    format: 'csp-risk-profile', version: 1,
    provider: { id, name },
    answers: Array.from({ length: 18 }, (_, i) => ({
      question: i + 1, status: 'partial', summary: `Said in part (${i + 1}).`, ask: 'Say more?',
      citations: Array.from({ length: perAnswer }, (_, n) => ({
        title: text(300),
        url: `https://example.com/${id}/${i + 1}/${n}/${'a'.repeat(urlLength)}`,
      })),
    })),
  });
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

  test('two tabs editing for a minute: each keeps its own work; the other tab is told, and its work is one restore away', async ({ newContext, served }) => {
    test.setTimeout(240_000);
    const context = await newContext();
    const a = await context.newPage();
    const b = await context.newPage();
    const errors = watchErrors(a);
    watchErrors(b, errors);
    await a.goto(`${served.url}/${TENCENT}`);
    await ready(a);
    await b.goto(`${served.url}/${TENCENT}`);
    await ready(b);
    // A writes notes on questions 1–9, B on 10–18, each adding to its own,
    // turn by turn for a minute; both change weights too.
    const notes = { a: {}, b: {} };
    const weights = { a: 0, b: 0 };
    const until = Date.now() + 60_000;
    for (let i = 0; Date.now() < until; i++) {
      for (const [tab, page, first] of [['a', a, 1], ['b', b, 10]]) {
        await page.bringToFront();
        const q = first + (i % 9);
        notes[tab][q] = `${notes[tab][q] ?? tab.toUpperCase()} ${i}`;
        await page.fill(noteField(q), notes[tab][q]);
        weights[tab] = i % 6;
        await page.fill(`[data-testid=weight-input][data-question="${tab === 'a' ? 2 : 17}"]`, String(weights[tab]));
        await page.waitForTimeout(150);
      }
    }
    await settle(a);
    await settle(b);
    expect.soft(await b.locator('[data-testid=follow-other-tab]').count() + await a.locator('[data-testid=follow-other-tab]').count(),
      'a tab is told when the other changed the decision it shows').toBeGreaterThan(0);
    await a.close();
    await b.reload();
    await ready(b);
    for (const [q, text] of Object.entries(notes.b)) expect.soft(await note(b, q), `B's note ${q} after its reload`).toBe(text);
    expect.soft(await weight(b, 17), "B's weight after its reload").toBe(String(weights.b));
    // A's work: the newest version of the other line.
    await restore(b, 'Another tab');
    for (const [q, text] of Object.entries(notes.a)) expect.soft(await note(b, q), `A's note ${q}, restored from History`).toBe(text);
    expect.soft(await weight(b, 2), "A's weight, restored from History").toBe(String(weights.a));
    // And B's own work is one restore away again.
    await restore(b, 'This tab', 1);
    for (const [q, text] of Object.entries(notes.b)) expect.soft(await note(b, q), `B's note ${q}, restored back`).toBe(text);
    expect.soft(errors, 'no page errors').toEqual([]);
  });

  test('storage full: said, with the file offered; what was shown is found after a reload', async ({ newContext, served }) => {
    const { page, errors } = await open(newContext, `${served.url}/${TENCENT}`);
    await page.fill(noteField(1), 'Written before the storage filled up.');
    await settle(page);
    expect.soft(await fillStorage(page), 'the storage took some filler').toBeGreaterThan(0);
    // A note longer than what the full storage could take over the old copy.
    const long = randomText(7, 'abcdefghijklmnopqrstuvwxyz ')(1900);
    for (const q of [2, 3, 4, 5]) await page.fill(noteField(q), `${q}: ${long}`);
    await settle(page);
    const banner = page.locator('[data-testid=error-banner]');
    await expect(banner, 'the full storage is said').toContainText('could not keep');
    await expect(page.locator('[data-testid=download-now]'), 'with the decision file offered').toBeVisible();
    // Another provider loaded while the storage is full: Tencent's record stays.
    await paste(page, await readFile(fictionalPath, 'utf8'));
    await page.waitForSelector('[data-testid=focus-provider][data-provider=example-fictional]');
    await settle(page);
    await page.reload();
    await ready(page);
    expect.soft(await providerNames(page), 'both providers after the reload').toEqual(expect.arrayContaining(['Tencent Cloud', 'Example Cloud (fictional)']));
    await page.click('[data-testid=focus-provider][data-provider=tencent-cloud]');
    expect.soft(await note(page, 1), 'the note from before the storage filled').toBe('Written before the storage filled up.');
    for (const q of [2, 3, 4, 5]) expect.soft(await note(page, q), `the note written into a full storage (${q})`).toBe(`${q}: ${long}`);
    await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('filler-')) localStorage.removeItem(k); });
    expect.soft(errors, 'no page errors').toEqual([]);
  });

  test('storage nearly full: said before it fails, once, with the file offered', async ({ newContext, served }) => {
    const context = await newContext();
    // The browser reports this site's storage 85% used.
    await context.addInitScript(() => {
      navigator.storage.estimate = async () => ({ usage: 85, quota: 100 });
    });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${served.url}/${TENCENT}`);
    await ready(page);
    await page.fill('[data-testid=weight-input][data-question="3"]', '5');
    const banner = page.locator('[data-testid=error-banner]');
    await expect(banner, 'the nearly full storage is said').toContainText('85% full');
    await expect(page.locator('[data-testid=download-now]'), 'with the decision file offered').toBeVisible();
    await page.click('[data-testid=error-banner] button[aria-label="Dismiss message"]');
    await page.fill('[data-testid=weight-input][data-question="3"]', '4');
    await settle(page);
    expect.soft(await banner.count(), 'said once a session, not at every change').toBe(0);
    expect.soft(errors, 'no page errors').toEqual([]);
  });

  test('a valid profile made mostly of "<" opens again after a reload', async ({ newContext, served }) => {
    const { page, errors } = await open(newContext, `${served.url}/`);
    const text = profileOf('angle-cloud', 'Angle Cloud', (n) => '<'.repeat(n), 50);
    expect(text.length, 'the profile is the size that once failed').toBeGreaterThan(350_000);
    await paste(page, text);
    await page.waitForSelector('[data-testid=focus-provider][data-provider=angle-cloud]');
    await settle(page);
    await page.reload();
    await ready(page);
    expect.soft(await providerNames(page), 'the profile is still in the decision').toContain('Angle Cloud');
    expect.soft(await page.locator('[data-testid=error-banner]').count(), 'and nothing was refused').toBe(0);
    expect.soft(errors, 'no page errors').toEqual([]);
  });

  test('five large custom profiles: the downloaded decision file opens again, in the widget and the CLI', async ({ newContext, served, cli }) => {
    test.setTimeout(300_000);
    const { page, errors } = await open(newContext, `${served.url}/${TENCENT}`);
    // Titles full of what JSON escapes; long addresses: about 1 MB each,
    // close to the most a profile may be.
    for (const id of ['north', 'south', 'east', 'west', 'centre']) {
      const text = profileOf(`${id}-cloud`, `${id} cloud`, randomText(id.length * 31, 'ab"\\<>&cd'), 25, 1880);
      expect(text.length).toBeGreaterThan(1_000_000);
      await paste(page, text);
      await page.waitForSelector(`[data-testid=focus-provider][data-provider=${id}-cloud]`);
    }
    await page.click('[data-testid=focus-provider][data-provider=north-cloud]');
    await page.fill(noteField(14), 'North sent its BAA.');
    await settle(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-json]')]);
    const file = join(out, 'large-decision.json');
    await download.saveAs(file);
    const size = (await readFile(file)).length;
    expect(size, 'the file is larger than the limit that once refused it').toBeGreaterThan(5 * 1024 * 1024);
    // The CLI reads it: every provider scored.
    const scored = JSON.parse(cli('score', file, '--format', 'json'));
    const ids = scored.providers.map((p) => p.provider);
    expect.soft(ids, 'the CLI scores all five').toEqual(expect.arrayContaining(['north-cloud', 'south-cloud', 'east-cloud', 'west-cloud', 'centre-cloud']));
    // A fresh browser opens it with the note where it was written.
    const fresh = await open(newContext, `${served.url}/`);
    await fresh.page.evaluate(() => { for (let d of document.querySelectorAll('[data-testid=providers-menu], [data-testid=load-details]')) d.open = true; });
    await fresh.page.setInputFiles('[data-testid=profile-file-input]', file);
    await fresh.page.waitForSelector('[data-testid=focus-provider][data-provider=west-cloud]', { timeout: 60_000 });
    await fresh.page.click('[data-testid=focus-provider][data-provider=north-cloud]');
    expect.soft(await note(fresh.page, 14), 'the note is North\'s, as written').toBe('North sent its BAA.');
    expect.soft([...errors, ...fresh.errors], 'no page errors').toEqual([]);
  });

  test('a pasted decision file or a changed link replaces the work on screen; the work before is in History after a reload', async ({ newContext, served, cli }) => {
    const { page, errors } = await open(newContext, `${served.url}/${TENCENT}`);
    await page.fill(noteField(7), 'Mine before the paste.');
    await settle(page);
    // A decision file of someone else's: Google alone, pasted.
    const other = cli('export', join(root, 'www/profiles/google-cloud.json'), '--format', 'json');
    await paste(page, other);
    await page.waitForSelector('[data-testid=info-banner]');
    await settle(page);
    // A link to another decision typed into the address bar.
    await page.evaluate(() => { location.hash = 'CSPR:2/p:aws'; });
    await page.waitForFunction(() => document.querySelector('.cr-overall-label')?.textContent.includes('Amazon'));
    await settle(page);
    await page.reload();
    await ready(page);
    const entries = await history(page);
    expect.soft(entries.length, 'each replacement left the work before it as a version').toBeGreaterThanOrEqual(3);
    // Tencent with the note: restore versions until it is back.
    let found = false;
    for (let n = 0; n < entries.length && !found; n++) {
      await restore(page, 'This tab', n);
      found = (await page.locator(noteField(7)).count()) > 0 && (await note(page, 7)) === 'Mine before the paste.';
    }
    expect.soft(found, 'the note from before the paste is one restore away').toBe(true);
    expect.soft(errors, 'no page errors').toEqual([]);
  });

  test('a busy tab: every version stays, the first as restorable as the last', async ({ newContext, served }) => {
    const { page, errors } = await open(newContext, `${served.url}/${TENCENT}`);
    // Twelve separate changes (not one burst of typing: each waits).
    for (let i = 0; i < 12; i++) {
      await page.fill('[data-testid=weight-input][data-question="3"]', String(i % 6));
      await page.fill(noteField(1), `version ${i}`);
      await settle(page);
    }
    await page.reload();
    await ready(page);
    const mine = (await history(page)).filter((e) => e.line === 'This tab');
    expect.soft(mine.length, 'no cap: at least one version per change').toBeGreaterThanOrEqual(12);
    // The oldest version of the note.
    const section = page.locator('.cr-history-line', { has: page.locator('h3', { hasText: 'This tab' }) });
    const all = await section.locator('[data-testid=history-restore]').count();
    for (let n = all - 1; n >= 0; n--) {
      await section.locator('[data-testid=history-restore]').nth(n).click();
      await page.waitForTimeout(200);
      if ((await note(page, 1)) === 'version 0') break;
    }
    expect.soft(await note(page, 1), 'the first version is still there').toBe('version 0');
    expect.soft(errors, 'no page errors').toEqual([]);
  });

  test('the editor asks before closing on a draft with a field to fix; undoing a rename stays undone', async ({ newContext, served }) => {
    const { page, errors } = await open(newContext, `${served.url}/`);
    await page.click('[data-testid=more-menu] > summary');
    await page.fill('[data-testid=new-provider-name]', 'Acme Lab Cloud');
    await page.click('[data-testid=new-provider]');
    await page.waitForSelector('[data-testid=profile-editor]');
    // Rename, then undo the rename; typing elsewhere must not bring it back.
    await page.fill('#cr-ed-name', 'Renamed Cloud');
    await page.waitForSelector('[data-testid=focus-provider]:has-text("Renamed Cloud")');
    await page.click('[data-testid=more-menu] > summary');
    await page.click('[data-testid=undo]');
    await page.waitForSelector('[data-testid=focus-provider]:has-text("Acme Lab Cloud")');
    expect.soft(await page.inputValue('#cr-ed-name'), 'the editor follows the undo').toBe('Acme Lab Cloud');
    await page.fill('#cr-ed-website', 'https://acme.example');
    await page.waitForTimeout(200);
    expect.soft(await providerNames(page), 'typing in another field does not bring the rename back').toContain('Acme Lab Cloud');
    expect.soft(await providerNames(page)).not.toContain('Renamed Cloud');
    // A field made invalid, then more typed: closing asks.
    await page.fill('#cr-ed-website', 'not an address');
    await page.fill('#cr-ed-name', 'Acme Lab Cloud EU');
    await page.click('[data-testid=close-editor]');
    await expect(page.locator('[data-testid=editor-close-ask]'), 'closing with a field to fix asks').toBeVisible();
    await page.click('[data-testid=keep-editing]');
    expect.soft(await page.inputValue('#cr-ed-name'), 'keeping on editing keeps what was typed').toBe('Acme Lab Cloud EU');
    await page.fill('#cr-ed-website', 'https://acme.example/eu');
    await page.click('[data-testid=close-editor]');
    await expect(page.locator('[data-testid=profile-editor]'), 'a valid draft closes at once').toHaveCount(0);
    expect.soft(await providerNames(page), 'with every change in the decision').toContain('Acme Lab Cloud EU');
    expect.soft(errors, 'no page errors').toEqual([]);
  });

  test('focus goes back to the control that opened a message or the editor', async ({ newContext, served }) => {
    const { page, errors } = await open(newContext, `${served.url}/`);
    await paste(page, '{ not json');
    await page.waitForSelector('[data-testid=error-banner]');
    await page.click('[data-testid=error-banner] button[aria-label="Dismiss message"]');
    await page.waitForTimeout(100);
    // The control's test id; the menu's, for the button of a menu.
    const focused = () => page.evaluate(() => {
      const el = document.activeElement;
      return el?.tagName === 'SUMMARY' ? `${el.parentElement.dataset.testid} button` : el?.dataset.testid ?? el?.tagName;
    });
    expect.soft(await focused(), 'Dismiss: back on the button that read the paste').toBe('profile-paste-apply');
    await page.click('[data-testid=more-menu] > summary');
    await page.fill('[data-testid=new-provider-name]', 'Focus Cloud');
    await page.click('[data-testid=new-provider]');
    await page.waitForSelector('[data-testid=profile-editor]');
    await page.click('[data-testid=close-editor]');
    await page.waitForTimeout(100);
    // The menu closed when its action was taken: its button opened the editor.
    expect.soft(await focused(), 'Close editor: back on the menu that opened it').toBe('more-menu button');
    expect.soft(errors, 'no page errors').toEqual([]);
  });

  test('an embedded widget keeps its work per host page; one told not to save says so at its top and warns before leaving', async ({ newContext, served }) => {
    const host = (attrs) => `<!doctype html><html><head><meta charset="utf-8"><title>Host</title></head><body>
<h1>Providers</h1><div class="csp-radar" data-profile="tencent-cloud" ${attrs}></div>
<script src="/embed.js"></script></body></html>`;
    served.routes['/keep-a.html'] = ['text/html', host('')];
    served.routes['/keep-b.html'] = ['text/html', host('')];
    served.routes['/keep-off.html'] = ['text/html', host('data-save="off"')];
    const context = await newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${served.url}/keep-a.html`);
    await page.waitForSelector(noteField(14));
    await page.fill(noteField(14), 'Kept with page A.');
    await settle(page);
    await page.reload();
    await page.waitForSelector(noteField(14));
    await expect.poll(() => note(page, 14), { message: 'the note is back after the host page reloads' }).toBe('Kept with page A.');
    await page.goto(`${served.url}/keep-b.html`);
    await page.waitForSelector(noteField(14));
    await page.waitForTimeout(500);
    expect.soft(await note(page, 14), 'another host page has its own work').toBe('');
    // data-save="off": said near the top, and a warning before leaving.
    await page.goto(`${served.url}/keep-off.html`);
    await page.waitForSelector(noteField(14));
    const said = page.locator('[data-testid=no-autosave-top]');
    await expect(said, 'says it keeps nothing').toBeVisible();
    expect.soft((await said.boundingBox()).y, 'where the lab sees it first').toBeLessThan(400);
    // A real click first: browsers ask before leaving only a page the user
    // has interacted with.
    await page.click(noteField(14));
    await page.keyboard.type('Not kept.');
    await page.waitForTimeout(300);
    const dialogs = [];
    page.on('dialog', async (d) => { dialogs.push(d.type()); await d.dismiss(); });
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => dialogs, { message: 'leaving with changes asks first' }).toContain('beforeunload');
    expect.soft(errors, 'no page errors').toEqual([]);
  });

  test('notes over 2,000 characters: the room left is shown; more is refused in words, never cut', async ({ newContext, served }) => {
    const { page, errors } = await open(newContext, `${served.url}/${TENCENT}`);
    const field = noteField(9);
    const height = () => page.$eval(field, (el) => el.getBoundingClientRect().height);
    const empty = await height();
    await page.fill(field, 'A first line.\nA second.\nA third.\nA fourth.');
    expect.soft(await height(), 'the note box grows with its text').toBeGreaterThan(empty * 2);
    await page.fill(field, 'x'.repeat(1995));
    expect.soft(await page.textContent('[data-testid=note-room] >> nth=8'), 'the room left is shown').toContain('5 of 2000');
    await page.click(field);
    // The end of the text (the box is several lines tall by now).
    await page.keyboard.press('Control+End');
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

  test('weights outside 0..5 are said, and put back when the field is left', async ({ newContext, served }) => {
    const { page, errors } = await open(newContext, `${served.url}/${TENCENT}`);
    const overall = () => page.getAttribute('[data-testid=overall-risk]', 'data-value');
    const before = await overall();
    for (const bad of ['9', '-1', '2.5', '']) {
      await page.fill('[data-testid=weight-input][data-question="3"]', bad);
      expect.soft(await page.locator('[data-testid=weight-problem]').isVisible(), `weight "${bad}": a message beside the field`).toBe(true);
      expect.soft(await overall(), `weight "${bad}": the figures keep the valid weight`).toBe(before);
    }
    await page.click('.cr-title');
    expect.soft(await weight(page, 3), 'leaving the field puts the weight in use back').toBe('3');
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
