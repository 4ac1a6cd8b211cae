// axe-core finds no WCAG 2.2 A/AA or best-practice violations on the default
// page, the comparison view, an error state, the gap list expanded, an
// imported provider page and the kept-evaluation offer.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { serve, launch, dist, root, watchErrors, check, eq, paste } from './lib.mjs';

// WCAG 2.2 A/AA and axe's best practices.
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function audit(page, name) {
  const result = await new AxeBuilder({ page }).withTags(tags).analyze();
  for (const v of result.violations) {
    console.error(`  ${name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }
  eq(result.violations.map((v) => v.id), [], `${name}: no WCAG 2.2 A/AA or best-practice violations`);
}

export default async function a11y() {
  const server = await serve(dist);
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/`);
    await page.waitForSelector('[data-testid=weight-input]');
    await audit(page, 'default page');

    // Every control is reachable by keyboard and shows where focus is.
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { tag: el.tagName, outline: style.outlineStyle, width: style.outlineWidth };
    });
    check(focus.tag !== 'BODY' && focus.outline !== 'none', `focus is visible (${JSON.stringify(focus)})`);
    const svg = await page.$eval('[data-testid=radar]', (el) => ({ role: el.getAttribute('role'), label: el.getAttribute('aria-labelledby'), desc: el.querySelector('desc')?.textContent }));
    check(svg.role === 'img' && svg.desc.includes('Availability & support: 83.3'), 'the radar has a text alternative');

    await page.setInputFiles('[data-testid=profile-file-input]', join(root, 'tests/fixtures/profiles/example-fictional.json'));
    await page.waitForFunction(() => document.querySelector('.cr-overall-label strong').textContent.includes('fictional'));
    await page.selectOption('[data-testid=compare-select]', ['tencent-cloud']);
    await page.click('.cr-table-details summary');
    await audit(page, 'comparison view');

    await paste(page, '{"format": "csp-risk-profile", "version": 3}');
    await page.waitForSelector('[data-testid=error-banner]');
    await audit(page, 'error state');

    await page.$$eval('.cr-gap details', (all) => all.forEach((d) => { d.open = true; }));
    await audit(page, 'gap list expanded');

    await page.fill('[data-testid=note-input][data-question="2"]', 'A note to set aside.');
    await paste(page, await readFile(join(root, 'tests/fixtures/pages/tencent-cloud.txt'), 'utf8'));
    await page.waitForSelector('.cr-question [data-testid=suggested]');
    await page.waitForSelector('[data-testid=restore-offer]');
    await audit(page, 'imported page with suggestions, and a kept evaluation offered');
    eq(errors, [], 'no page errors');
  } finally {
    await browser.close();
    await server.close();
  }
}
