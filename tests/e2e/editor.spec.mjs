// Writing and editing a profile in the widget. A bundled profile
// is copied before it is edited (the copy joins the decision as a provider
// of its own); every field is checked as a loaded file would be, the
// problem shown beside it, and nothing invalid reaches the evaluation (closing
// the editor then asks first); valid edits autosave, travel in the link and
// undo; "Download profile" writes JSON that `csp-radar validate` accepts;
// axe finds nothing.
import { inflateRawSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, replay, out, watchErrors, figures, waitForApp, goldenTencent, openMenu } from './fixtures.mjs';

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** After one of the More menu's actions: the menu has closed (open, it lies
 *  over the editor it opened). Closed here if not, so the steps after this
 *  check still run. */
async function moreClosed(page, ex, what) {
  const open = await page.locator('[data-testid=more-menu]').evaluate((d) => d.open);
  ex(open, `the More menu closes once ${what} (open, it lies over what it opened)`).toBe(false);
  if (open) await page.locator('[data-testid=more-menu] > summary').click();
}

/** Puts a provider in detail by its name in the decision table. */
async function focusProvider(page, id) {
  await page.click(`[data-testid=focus-provider][data-provider="${id}"]`);
  await expect(page.locator('[data-testid=provider-select]')).toHaveValue(id);
}

/** The decision this tab keeps (its quick copy in sessionStorage, and the
 *  browser's in localStorage), with every custom profile unpacked from its
 *  deflate + base64url form, so what they hold can be read. */
async function keptText(page) {
  const kept = await page.evaluate(() => [sessionStorage.getItem('csp-radar:v2:current'), localStorage.getItem('csp-radar:v2:decision')]);
  return kept.map((t) => (t || '').replace(/~([A-Za-z0-9_-]+)/g, (_, b) => inflateRawSync(Buffer.from(b, 'base64url')).toString('utf8')));
}

// One editing session on one page: each step's test replays the steps before it.
const steps = [
  {
    name: 'editing a bundled profile edits a copy, the original stays',
    async run(s, ex) {
      const { page } = s;
      await focusProvider(page, 'tencent-cloud');
      const original = (await figures(page)).overall;
      ex(original, 'Tencent Cloud in detail, balanced weights: the golden figure').toBe(goldenTencent.overall);
      await openMenu(page, 'more-menu');
      await page.click('[data-testid=edit-profile]');
      await page.waitForSelector('[data-testid=profile-editor]');
      await moreClosed(page, ex, 'the editor is opened');
      ex(await page.textContent('.cr-overall-label strong'), 'editing a bundled profile edits a copy, shown in detail').toBe('Tencent Cloud (edited)');
      const options = await page.$$eval('[data-testid=provider-select] option', (os) => os.map((o) => o.value));
      ex(options.includes('tencent-cloud') && options.includes('loaded:tencent-cloud-edited'), `the original stays in the picker (${options})`).toBe(true);
      const rows = await page.$$eval('[data-testid=decision-row]', (rs) => rs.map((r) => r.dataset.provider));
      ex(rows.includes('tencent-cloud') && rows.includes('tencent-cloud-edited'), `the original and the copy are both in the decision (${rows})`).toBe(true);
      ex((await figures(page)).overall, 'the copy scores as the original').toBe(original);
    },
  },
  {
    name: 'a valid change reaches the figures at once',
    async run(s, ex) {
      const { page } = s;
      await page.click('.cr-ed-question[data-question="3"] > summary');
      await page.selectOption('.cr-ed-question[data-question="3"] [data-testid=editor-status-select]', 'documented');
      ex((await figures(page)).overall, 'q3 documented: the overall follows (2775/54)').toBe('51.4');
    },
  },
  {
    name: 'an invalid field is said beside it and never reaches the evaluation',
    async run(s, ex) {
      const { page } = s;
      // What is kept holds the copy's valid website before the bad edit.
      const keptCopy = async () => (await keptText(page)).every((t) => t.includes('"name":"Tencent Cloud (edited)"') && t.includes('https://www.tencentcloud.com'));
      for (let i = 0; i < 30 && !(await keptCopy()); i++) await page.waitForTimeout(100);
      ex(await keptCopy(), 'the copy, with its website, is kept in this tab and this browser').toBe(true);
      const overall = (await figures(page)).overall;
      await page.fill('#cr-ed-website', 'ftp://tencent.example');
      const problem = await page.textContent('#cr-ed-website-problem');
      ex(problem, `the website's problem is beside it: ${problem}`).toContain('not an http or https URL');
      ex(await page.getAttribute('#cr-ed-website', 'aria-invalid'), 'and the field is marked invalid').toBe('true');
      ex(await page.textContent('[data-testid=editor-status]'), 'the editor says how many fields need fixing').toContain('1 field(s) need fixing');
      ex((await figures(page)).overall, 'the figures stay those of the last valid version').toBe(overall);
      await page.waitForTimeout(450);
      const kept = await keptText(page);
      ex(kept.map((t) => t.includes('ftp:')), 'the invalid website is not saved (tab, browser)').toEqual([false, false]);
      ex(kept.map((t) => t.includes('https://www.tencentcloud.com')), 'the last valid website stays saved').toEqual([true, true]);
      // Closing now asks first; keeping on editing keeps the editor and the draft.
      await page.click('[data-testid=close-editor]');
      ex(await page.isVisible('[data-testid=editor-close-ask]'), 'closing with a field to fix asks first').toBe(true);
      ex(await page.textContent('[data-testid=editor-close-ask]'), 'and says how many fields need fixing').toContain('1 field(s) still need fixing');
      await page.click('[data-testid=keep-editing]');
      ex(await page.$('[data-testid=editor-close-ask]'), 'keep editing: the question goes').toBeNull();
      ex(await page.inputValue('#cr-ed-website'), 'keep editing: the editor stays open with what was typed').toBe('ftp://tencent.example');
      await page.fill('#cr-ed-website', 'https://www.tencentcloud.com');
      ex(await page.$('#cr-ed-website-problem'), 'fixed: the message goes').toBeNull();
    },
  },
  {
    name: 'sources: added, checked, fixed',
    async run(s, ex) {
      const { page } = s;
      await page.click('.cr-ed-question[data-question="4"] > summary');
      await page.click('.cr-ed-question[data-question="4"] [data-testid=add-citation]');
      ex(await page.textContent('#cr-ed-q4-c0-title-problem'), 'a new source needs a title').toContain('1..300');
      await page.fill('#cr-ed-q4-c0-title', 'After-sales support plans');
      await page.fill('#cr-ed-q4-c0-url', 'javascript:alert(1)');
      ex(await page.$('#cr-ed-q4-c0-url-problem'), 'a javascript: address is refused beside its field').not.toBeNull();
      await page.fill('#cr-ed-q4-c0-url', 'https://www.tencentcloud.com/document/product/301/30393');
      await page.fill('#cr-ed-q4-c0-date', '2020-11-01');
      await page.fill('#cr-ed-q4-summary', 'Our rep says support plans set response times; we have their plan sheet.');
      await page.selectOption('.cr-ed-question[data-question="4"] [data-testid=editor-status-select]', 'partial');
      ex(await page.$$eval('[data-testid=editor-problem]', (e) => e.length), 'every field valid again').toBe(0);
      s.edited = await figures(page);
      ex(await page.isVisible('#cr-q4-row .cr-citations a[href="https://www.tencentcloud.com/document/product/301/30393"]'), 'the new source shows in the question row').toBe(true);
    },
  },
  {
    name: "keyboard: the editor's fields are reachable and labelled; axe finds no violations",
    async run(s, ex) {
      const { page } = s;
      await page.focus('#cr-ed-name');
      await page.keyboard.press('Tab');
      ex(await page.evaluate(() => document.activeElement.id), 'Tab moves from name to id').toBe('cr-ed-id');
      if (s.replaying) return;
      const axe = await new AxeBuilder({ page }).withTags(tags).analyze();
      ex(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), 'axe: the open editor has no violations').toEqual([]);
      await page.locator('[data-testid=profile-editor]').screenshot({ path: join(out, 'editor-1280.png') });
    },
  },
  {
    name: 'Download profile writes JSON that csp-radar validate accepts',
    async run(s, ex) {
      const { page } = s;
      if (s.replaying) return;
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-profile]')]);
      const path = join(out, download.suggestedFilename());
      await download.saveAs(path);
      ex(download.suggestedFilename(), 'the download is named by the id').toBe('tencent-cloud-edited.json');
      ex(s.cli('validate', path), 'csp-radar validate accepts the downloaded profile').toContain(': ok');
      ex(JSON.parse(await readFile(path, 'utf8')).answers[3].citations[0].date, 'with the new source').toBe('2020-11-01');
    },
  },
  {
    name: 'edits autosave and travel in the link',
    async run(s, ex) {
      const { page } = s;
      await page.waitForTimeout(450);
      const link = await page.inputValue('[data-testid=share-link]');
      await page.reload();
      await waitForApp(page);
      await page.waitForSelector('[data-testid=weight-input]');
      ex(await figures(page), 'after reload the edited profile is back (autosave)').toEqual(s.edited);
      if (s.replaying) return;
      const second = await (await s.newContext()).newPage();
      watchErrors(second, s.errors);
      await second.goto(link);
      await waitForApp(second);
      await second.waitForSelector('[data-testid=weight-input]');
      ex(await figures(second), 'the edited profile travels in the link').toEqual(s.edited);
    },
  },
  {
    name: "a custom profile is edited in place; undo takes the editor's changes back; the bundled original is untouched",
    async run(s, ex) {
      const { page } = s;
      const count = await page.locator('[data-testid=decision-row]').count();
      await openMenu(page, 'more-menu');
      await page.click('[data-testid=edit-profile]');
      await page.waitForSelector('[data-testid=profile-editor]');
      await moreClosed(page, ex, 'the editor is opened');
      ex(await page.textContent('.cr-overall-label strong'), 'a custom profile is edited in place, not copied again').toBe('Tencent Cloud (edited)');
      ex(await page.locator('[data-testid=decision-row]').count(), 'no new provider joins the decision').toBe(count);
      await page.click('.cr-ed-question[data-question="5"] > summary');
      await page.selectOption('.cr-ed-question[data-question="5"] [data-testid=editor-status-select]', 'adverse');
      const moved = await figures(page);
      ex(moved.overall, 'the edit moves the figures').not.toBe(s.edited.overall);
      // A field left invalid: closing asks, and closing anyway keeps the last valid version.
      await page.fill('#cr-ed-website', 'not a web address');
      await page.click('[data-testid=close-editor]');
      ex(await page.isVisible('[data-testid=editor-close-ask]'), 'closing with a field to fix asks first').toBe(true);
      await page.click('[data-testid=close-anyway]');
      ex(await page.$('[data-testid=profile-editor]'), 'close anyway: the editor closes').toBeNull();
      ex(await figures(page), 'and the decision keeps the last valid version').toEqual(moved);
      await openMenu(page, 'more-menu');
      await page.click('[data-testid=undo]');
      await moreClosed(page, ex, 'undo is taken');
      ex(await figures(page), "undo takes the editor's changes back").toEqual(s.edited);
      await focusProvider(page, 'tencent-cloud');
      ex([await page.textContent('.cr-overall-label strong'), (await figures(page)).overall], 'the bundled original is untouched').toEqual(['Tencent Cloud', goldenTencent.overall]);
    },
  },
  {
    name: 'a new provider starts from a name, every question undisclosed, and its editor fits 400 px',
    async run(s, ex) {
      const { page } = s;
      await openMenu(page, 'more-menu');
      await page.fill('[data-testid=new-provider-name]', 'Vellum Lab Cloud');
      await page.click('[data-testid=new-provider]');
      await page.waitForSelector('[data-testid=profile-editor]');
      await moreClosed(page, ex, 'a new provider is started');
      ex([await page.textContent('.cr-overall-label strong'), (await figures(page)).overall], 'a new provider starts undisclosed (75.0)').toEqual(['Vellum Lab Cloud', '75.0']);
      ex(await page.inputValue('#cr-ed-id'), 'its id comes from its name').toBe('vellum-lab-cloud');
      ex(await page.$$eval('[data-testid=decision-row]', (rs) => rs.map((r) => r.dataset.provider)), 'it joins the decision').toContain('vellum-lab-cloud');
      await page.setViewportSize({ width: 400, height: 900 });
      await page.click('.cr-ed-question[data-question="1"] > summary');
      await page.locator('[data-testid=profile-editor]').screenshot({ path: join(out, 'editor-400.png') });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      ex(overflow, `the editor fits 400 px (overflow ${overflow})`).toBeLessThanOrEqual(0);
    },
  },
];

test.describe('editor', () => {
  for (const [i, step] of steps.entries()) {
    test(step.name, async ({ page, served, cli, newContext }) => {
      const errors = watchErrors(page);
      await page.goto(`${served.url}/`);
      await waitForApp(page);
      await page.waitForSelector('[data-testid=weight-input]');
      const s = { page, cli, newContext, errors };
      await replay(steps, i, s);
      await step.run(s, expect.soft);
      expect.soft(errors, 'no page errors').toEqual([]);
    });
  }
});
