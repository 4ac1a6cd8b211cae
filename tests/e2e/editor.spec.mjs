// Writing and editing a profile in the widget. A bundled profile
// is copied before it is edited; every field is checked as a loaded file
// would be, the problem shown beside it, and nothing invalid reaches the
// evaluation; valid edits autosave, travel in the link and undo; "Download
// profile" writes JSON that `csp-radar validate` accepts; axe finds nothing.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, replay, out, watchErrors, figures, waitForApp } from './fixtures.mjs';

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

// One editing session on one page: each step's test replays the steps before it.
const steps = [
  {
    name: 'editing a bundled profile edits a copy, the original stays',
    async run(s, ex) {
      const { page } = s;
      await page.click('[data-testid=edit-profile]');
      await page.waitForSelector('[data-testid=profile-editor]');
      ex(await page.textContent('.cr-overall-label strong'), 'editing a bundled profile edits a copy').toBe('Tencent Cloud (edited)');
      const options = await page.$$eval('[data-testid=provider-select] option', (os) => os.map((o) => o.value));
      ex(options.includes('tencent-cloud') && options.includes('loaded:tencent-cloud-edited'), `the original stays in the picker (${options})`).toBe(true);
      ex((await figures(page)).overall, 'the copy scores as the original').toBe('56.9');
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
      await page.fill('#cr-ed-website', 'ftp://tencent.example');
      const problem = await page.textContent('#cr-ed-website-problem');
      ex(problem, `the website's problem is beside it: ${problem}`).toContain('not an http or https URL');
      ex(await page.getAttribute('#cr-ed-website', 'aria-invalid'), 'and the field is marked invalid').toBe('true');
      ex(await page.textContent('[data-testid=editor-status]'), 'the editor says how many fields need fixing').toContain('1 field(s) need fixing');
      await page.waitForTimeout(450);
      ex(decodeURIComponent(await page.evaluate(() => localStorage.getItem('csp-radar:v1:evaluation') || '')), 'the invalid website is not saved').not.toContain('ftp:');
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
      await page.click('[data-testid=edit-profile]');
      ex(await page.textContent('.cr-overall-label strong'), 'a custom profile is edited in place, not copied again').toBe('Tencent Cloud (edited)');
      await page.click('.cr-ed-question[data-question="5"] > summary');
      await page.selectOption('.cr-ed-question[data-question="5"] [data-testid=editor-status-select]', 'adverse');
      ex((await figures(page)).overall, 'the edit moves the figures').not.toBe(s.edited.overall);
      await page.click('[data-testid=close-editor]');
      await page.click('[data-testid=undo]');
      ex(await figures(page), 'undo takes the edit back').toEqual(s.edited);
      await page.selectOption('[data-testid=provider-select]', 'tencent-cloud');
      ex([await page.textContent('.cr-overall-label strong'), (await figures(page)).overall], 'the bundled original is untouched').toEqual(['Tencent Cloud', '56.9']);
    },
  },
  {
    name: 'a new provider starts from a name, every question undisclosed, and its editor fits 400 px',
    async run(s, ex) {
      const { page } = s;
      await page.fill('[data-testid=new-provider-name]', 'Vellum Lab Cloud');
      await page.click('[data-testid=new-provider]');
      await page.waitForSelector('[data-testid=profile-editor]');
      ex([await page.textContent('.cr-overall-label strong'), (await figures(page)).overall], 'a new provider starts undisclosed (75.0)').toEqual(['Vellum Lab Cloud', '75.0']);
      ex(await page.inputValue('#cr-ed-id'), 'its id comes from its name').toBe('vellum-lab-cloud');
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
