// axe-core finds no WCAG 2.2 A/AA or best-practice violations on the default
// page (the whole decision), a provider added and in detail with the
// Providers menu open, an error state, the gap list expanded, a profile
// with a known provider's id asking first, and an imported provider page.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, replay, root, watchErrors, openMenu, openLoad } from './fixtures.mjs';

/** Types text into the load box and reads it. */
async function paste(page, text) {
  await openLoad(page);
  await page.fill('[data-testid=profile-paste]', text);
  await page.click('[data-testid=profile-paste-apply]');
}

// WCAG 2.2 A/AA and axe's best practices.
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function audit(page, name, ex = expect.soft) {
  const result = await new AxeBuilder({ page }).withTags(tags).analyze();
  const found = result.violations.map((v) => `${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  ex(result.violations.map((v) => v.id), `${name}: no WCAG 2.2 A/AA or best-practice violations\n  ${found.join('\n  ')}`).toEqual([]);
}

// The states audited, one after another on one page: each step's test
// replays the steps before it (without their audits).
const steps = [
  {
    name: 'a provider added and in detail, the Providers menu open, the radar as a table',
    async run(s) {
      const { page } = s;
      await openLoad(page);
      await page.setInputFiles('[data-testid=profile-file-input]', join(root, 'tests/fixtures/profiles/example-fictional.json'));
      await page.waitForFunction(() => document.querySelector('.cr-overall-label strong')?.textContent.includes('fictional'));
      await page.click('.cr-table-details summary');
    },
  },
  {
    name: 'error state',
    async run(s) {
      await paste(s.page, '{"format": "csp-risk-profile", "version": 3}');
      await s.page.waitForSelector('[data-testid=error-banner]');
    },
  },
  {
    name: 'gap list expanded',
    async run(s) {
      await s.page.$$eval('.cr-gap details', (all) => all.forEach((d) => { d.open = true; }));
    },
  },
  {
    name: "a page for a provider with the lab's record asks first",
    async run(s) {
      const { page } = s;
      await page.selectOption('[data-testid=provider-select]', 'tencent-cloud');
      await page.fill('[data-testid=note-input][data-question="2"]', 'A note that stays with Tencent.');
      await paste(page, await readFile(join(root, 'tests/fixtures/pages/tencent-cloud.txt'), 'utf8'));
      await page.waitForSelector('[data-testid=keep-both]');
    },
  },
  {
    name: 'imported page with suggestions',
    async run(s) {
      await s.page.click('[data-testid=keep-both]');
      await s.page.waitForSelector('.cr-question [data-testid=suggested]');
    },
  },
];

test.describe('a11y', () => {
  const open = async (page, served) => {
    const errors = watchErrors(page);
    await page.goto(`${served.url}/`);
    await page.waitForSelector('[data-testid=weight-input]');
    return errors;
  };

  test('axe: default page', async ({ page, served }) => {
    const errors = await open(page, served);
    await audit(page, 'default page');
    expect.soft(errors, 'no page errors').toEqual([]);
  });

  test('every control is reachable by keyboard and shows where focus is', async ({ page, served }) => {
    await open(page, served);
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { tag: el.tagName, outline: style.outlineStyle, width: style.outlineWidth };
    });
    expect.soft(focus.tag !== 'BODY' && focus.outline !== 'none', `focus is visible (${JSON.stringify(focus)})`).toBe(true);
  });

  test('the radar has a text alternative', async ({ page, served }) => {
    // The whole decision: every provider drawn is named, with its figures.
    await open(page, served);
    const many = await page.$eval('[data-testid=radar]', (el) => ({
      role: el.getAttribute('role'),
      title: el.querySelector('title')?.textContent ?? '',
      desc: el.querySelector('desc')?.textContent ?? '',
      drawn: [...el.querySelectorAll('[data-testid=radar-series]')].map((g) => g.dataset.provider),
      names: [...document.querySelectorAll('.cr-legend li')].map((li) => li.textContent.trim()),
    }));
    expect.soft(many.role, 'the radar of the whole decision is an image').toBe('img');
    expect.soft(many.drawn.length, 'it draws the four bundled providers').toBe(4);
    for (const name of many.names) expect.soft(many.title, `its name names ${name}`).toContain(name);
    const unnamed = many.names.filter((name) => !many.desc.includes(name));
    expect.soft(unnamed, `its description says whose figures it gives, for each provider drawn (${many.desc})`).toEqual([]);
    // One provider: its figures in words (a link, so not this tab's own decision).
    await page.goto(`${served.url}/#CSPR:2/p:tencent-cloud`);
    await page.waitForSelector('[data-testid=weight-input]');
    const svg = await page.$eval('[data-testid=radar]', (el) => ({ role: el.getAttribute('role'), label: el.getAttribute('aria-labelledby'), desc: el.querySelector('desc')?.textContent }));
    expect.soft(svg.role === 'img' && !!svg.desc && svg.desc.includes('Availability & support: 83.3'), `the radar has a text alternative (${JSON.stringify(svg)})`).toBe(true);
  });

  for (const [i, step] of steps.entries()) {
    test(`axe: ${step.name}`, async ({ page, served }) => {
      const errors = await open(page, served);
      const s = { page };
      await replay(steps, i, s);
      await step.run(s);
      await audit(page, step.name);
      expect.soft(errors, 'no page errors').toEqual([]);
    });
  }
});
