// Writing and editing a profile in the widget. A bundled profile
// is copied before it is edited; every field is checked as a loaded file
// would be, the problem shown beside it, and nothing invalid reaches the
// evaluation; valid edits autosave, travel in the link and undo; "Download
// profile" writes JSON that `csp-radar validate` accepts; axe finds nothing.
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { serve, launch, dist, root, out, watchErrors, check, eq, figures, waitForApp } from './lib.mjs';

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export default async function editor() {
  const server = await serve(dist);
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/`);
    await waitForApp(page);
    await page.waitForSelector('[data-testid=weight-input]');

    // A bundled profile is copied, with a new id and "(edited)" in its name.
    await page.click('[data-testid=edit-profile]');
    await page.waitForSelector('[data-testid=profile-editor]');
    eq(await page.textContent('.cr-overall-label strong'), 'Tencent Cloud (edited)', 'editing a bundled profile edits a copy');
    const options = await page.$$eval('[data-testid=provider-select] option', (os) => os.map((o) => o.value));
    check(options.includes('tencent-cloud') && options.includes('loaded:tencent-cloud-edited'), `the original stays in the picker (${options})`);
    eq((await figures(page)).overall, '56.9', 'the copy scores as the original');

    // A valid change reaches the figures at once.
    await page.click('.cr-ed-question[data-question="3"] > summary');
    await page.selectOption('.cr-ed-question[data-question="3"] [data-testid=editor-status-select]', 'documented');
    eq((await figures(page)).overall, '51.4', 'q3 documented: the overall follows (2775/54)');

    // An invalid field is said beside it and never reaches the evaluation.
    await page.fill('#cr-ed-website', 'ftp://tencent.example');
    const problem = await page.textContent('#cr-ed-website-problem');
    check(problem.includes('not an http or https URL'), `the website's problem is beside it: ${problem}`);
    eq(await page.getAttribute('#cr-ed-website', 'aria-invalid'), 'true', 'and the field is marked invalid');
    check((await page.textContent('[data-testid=editor-status]')).includes('1 field(s) need fixing'), 'the editor says how many fields need fixing');
    await page.waitForTimeout(450);
    check(!decodeURIComponent(await page.evaluate(() => localStorage.getItem('csp-radar:v1:evaluation') || '')).includes('ftp:'), 'the invalid website is not saved');
    await page.fill('#cr-ed-website', 'https://www.tencentcloud.com');
    eq(await page.$('#cr-ed-website-problem'), null, 'fixed: the message goes');

    // Sources: add, check, fix.
    await page.click('.cr-ed-question[data-question="4"] > summary');
    await page.click('.cr-ed-question[data-question="4"] [data-testid=add-citation]');
    check((await page.textContent('#cr-ed-q4-c0-title-problem')).includes('1..300'), 'a new source needs a title');
    await page.fill('#cr-ed-q4-c0-title', 'After-sales support plans');
    await page.fill('#cr-ed-q4-c0-url', 'javascript:alert(1)');
    check(!!(await page.$('#cr-ed-q4-c0-url-problem')), 'a javascript: address is refused beside its field');
    await page.fill('#cr-ed-q4-c0-url', 'https://www.tencentcloud.com/document/product/301/30393');
    await page.fill('#cr-ed-q4-c0-date', '2020-11-01');
    await page.fill('#cr-ed-q4-summary', 'Our rep says support plans set response times; we have their plan sheet.');
    await page.selectOption('.cr-ed-question[data-question="4"] [data-testid=editor-status-select]', 'partial');
    eq(await page.$$eval('[data-testid=editor-problem]', (e) => e.length), 0, 'every field valid again');
    const edited = await figures(page);
    check(await page.isVisible('#cr-q4-row .cr-citations a[href="https://www.tencentcloud.com/document/product/301/30393"]'), 'the new source shows in the question row');

    // Keyboard: the editor's fields are reachable and labelled.
    await page.focus('#cr-ed-name');
    await page.keyboard.press('Tab');
    eq(await page.evaluate(() => document.activeElement.id), 'cr-ed-id', 'Tab moves from name to id');
    const axe = await new AxeBuilder({ page }).withTags(tags).analyze();
    eq(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], 'axe: the open editor has no violations');
    await page.locator('[data-testid=profile-editor]').screenshot({ path: join(out, 'editor-1280.png') });

    // Download profile: valid JSON the CLI accepts.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-profile]')]);
    const path = join(out, download.suggestedFilename());
    await download.saveAs(path);
    eq(download.suggestedFilename(), 'tencent-cloud-edited.json', 'the download is named by the id');
    check(execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'csp-radar', '--', 'validate', path], { cwd: root }).toString().includes(': ok'), 'csp-radar validate accepts the downloaded profile');
    check(JSON.parse(await readFile(path, 'utf8')).answers[3].citations[0].date === '2020-11-01', 'with the new source');

    // Edits autosave and travel in the link; undo goes back to before the editor.
    await page.waitForTimeout(450);
    const link = await page.inputValue('[data-testid=share-link]');
    await page.reload();
    await waitForApp(page);
    await page.waitForSelector('[data-testid=weight-input]');
    eq(await figures(page), edited, 'after reload the edited profile is back (autosave)');
    const other = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const second = await other.newPage();
    watchErrors(second, errors);
    await second.goto(link);
    await waitForApp(second);
    await second.waitForSelector('[data-testid=weight-input]');
    eq(await figures(second), edited, 'the edited profile travels in the link');
    await other.close();
    // Editing the (now custom) profile again edits it in place; undo takes
    // back the editor's changes.
    await page.click('[data-testid=edit-profile]');
    eq(await page.textContent('.cr-overall-label strong'), 'Tencent Cloud (edited)', 'a custom profile is edited in place, not copied again');
    await page.click('.cr-ed-question[data-question="5"] > summary');
    await page.selectOption('.cr-ed-question[data-question="5"] [data-testid=editor-status-select]', 'adverse');
    check((await figures(page)).overall !== edited.overall, 'the edit moves the figures');
    await page.click('[data-testid=close-editor]');
    await page.click('[data-testid=undo]');
    eq(await figures(page), edited, 'undo takes the edit back');
    await page.selectOption('[data-testid=provider-select]', 'tencent-cloud');
    eq([await page.textContent('.cr-overall-label strong'), (await figures(page)).overall], ['Tencent Cloud', '56.9'], 'the bundled original is untouched');

    // New provider: from a name, every question undisclosed.
    await page.fill('[data-testid=new-provider-name]', 'Vellum Lab Cloud');
    await page.click('[data-testid=new-provider]');
    await page.waitForSelector('[data-testid=profile-editor]');
    eq([await page.textContent('.cr-overall-label strong'), (await figures(page)).overall], ['Vellum Lab Cloud', '75.0'], 'a new provider starts undisclosed (75.0)');
    eq(await page.inputValue('#cr-ed-id'), 'vellum-lab-cloud', 'its id comes from its name');
    await page.setViewportSize({ width: 400, height: 900 });
    await page.click('.cr-ed-question[data-question="1"] > summary');
    await page.locator('[data-testid=profile-editor]').screenshot({ path: join(out, 'editor-400.png') });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, `the editor fits 400 px (overflow ${overflow})`);
    eq(errors, [], 'no page errors');
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
}
