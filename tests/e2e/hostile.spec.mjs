// The hostile corpus through the widget — file load, paste and
// saved state. Each input gives a visible, located message or is shown
// inertly as text (in the provider's detail and its row of the decision
// table); no panic, no script runs, the decision stays.
//
// The corpus is tests/hostile/expect.tsv (shared with tests/hostile.rs): a
// file is looked up in tests/hostile/, then the profile fuzz seeds, then
// target/hostile/ (the two too large to commit, written here).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect, root, watchErrors, figures, waitForApp, paste, goldenTencent } from './fixtures.mjs';

const dirs = ['tests/hostile', 'tests/fuzz/seeds/profile', 'target/hostile'].map((d) => join(root, d));
const generated = dirs[2];

const corpus = readFileSync(join(dirs[0], 'expect.tsv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => {
  const [file, outcome] = l.split('\t');
  return { file, outcome, path: () => dirs.map((d) => join(d, file)).find(existsSync) };
});

function writeGenerated() {
  mkdirSync(generated, { recursive: true });
  const big = '{"notes": "' + 'x'.repeat(1024 * 1024 + 1 - 13) + '"}';
  if (big.length !== 1024 * 1024 + 1) throw new Error(`too-big.json is ${big.length} bytes`);
  writeFileSync(join(generated, 'too-big.json'), big);
  writeFileSync(join(generated, 'deep-nesting.json'), '['.repeat(100000) + ']'.repeat(100000));
}

/** The decision as the page shows it: every provider's row of the decision
 *  table, the provider in detail and its figures. */
async function shown(page) {
  return {
    rows: await page.$$eval('[data-testid=decision-row]', (rs) => rs.map((r) => ({ ...r.dataset }))),
    inDetail: await page.inputValue('[data-testid=provider-select]'),
    figures: await figures(page),
  };
}

test.describe('hostile', () => {
  test.beforeAll(writeGenerated);

  /** The page at Tencent Cloud alone, clinical weights, the lab's finding
   *  "documented" on Q3, watched for errors and dialogs (a dialog is script
   *  from profile text running). */
  const open = async (page, served) => {
    const errors = watchErrors(page);
    const dialogs = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
    await page.goto(`${served.url}/#CSPR:2/p:tencent-cloud/s:clinical/o:0.3d`);
    await waitForApp(page);
    const kept = await shown(page);
    expect(kept.inDetail, 'the link opens Tencent Cloud in detail').toBe('tencent-cloud');
    expect(await page.inputValue('[data-testid=finding-status][data-question="3"]'), "with the lab's finding on Q3").toBe('documented');
    return { errors, dialogs, kept };
  };

  for (const { file, outcome, path } of corpus) {
    for (const via of ['file', 'paste']) {
      test(`${file} via ${via}: ${outcome === 'error' ? 'a located message, the decision kept' : 'shown literally, undo brings the decision back'}`, async ({ page, served }) => {
        const { errors, dialogs, kept } = await open(page, served);
        const at = path();
        expect(at, `${file}: named in tests/hostile/expect.tsv but in none of ${dirs.join(', ')}`).toBeTruthy();
        if (via === 'file') {
          await page.setInputFiles('[data-testid=profile-file-input]', at);
        } else {
          await paste(page, await readFile(at, 'utf8'));
        }
        if (outcome === 'error') {
          const banner = page.locator('[data-testid=error-banner]');
          await banner.waitFor({ timeout: 5000 });
          const text = await banner.textContent();
          // Pasted text that is not JSON is read as a provider page (the importer), and
          // refused as one; a file named .json is always read as JSON.
          const located = file === 'too-big.json' ? text.includes('1 MiB')
            : (via === 'paste' && file === 'not-json.json') ? text.includes('found none of the 18 questions')
            : /line \d+, column \d+/.test(text);
          expect.soft(located, `${file} via ${via}: located message (${text.slice(0, 100)})`).toBe(true);
          expect.soft(await shown(page), `${file} via ${via}: decision kept`).toEqual(kept);
          await page.click('[data-testid=error-banner] button');
        } else {
          await page.waitForFunction(() => !document.querySelector('.cr-overall-label strong').textContent.includes('Tencent'));
          const seen = await page.evaluate(() => ({
            imgs: document.querySelectorAll('#csp-radar-app img, #csp-radar-app script').length,
            name: document.querySelector('.cr-overall-label strong').textContent,
            row: document.querySelector('[data-testid=decision-row][data-focused] [data-testid=focus-provider]')?.textContent,
          }));
          expect.soft(seen.imgs, `${file} via ${via}: no element made from profile text`).toBe(0);
          expect.soft((seen.name.includes('Cloud') || seen.name.includes('duolC')) && (file !== 'markup-everywhere.json' || seen.name.includes('<img')), `${file} via ${via}: text shown literally (${seen.name})`).toBe(true);
          expect.soft(seen.row, `${file} via ${via}: its row of the decision table names it literally too`).toBe(seen.name);
          await page.locator('[data-testid=more-menu] > summary').click();
          await page.click('[data-testid=undo]');
          expect.soft(await shown(page), `${file} via ${via}: undo brings the decision back`).toEqual(kept);
        }
        expect.soft(dialogs, 'no script from profile text ever ran').toEqual([]);
        expect.soft(errors, 'no page errors, no panics').toEqual([]);
      });
    }
  }

  // Corrupt saved state: a notice and a working widget, never a dead one.
  // The browser's saved decision, this tab's own copy, and the saved
  // evaluation an earlier version left.
  const corrupt = [
    ...['garbage', 'CSPR:9/s:x', 'CSPR:2/x:!!!!', `CSPR:2/r:${'A'.repeat(70000)}`, '\u0000\uffff'].map((t) => ['localStorage', 'csp-radar:v2:decision', t]),
    ['sessionStorage', 'csp-radar:v2:current', 'CSPR:2/p:nobody-at-all'],
    ...['CSPR:1/x:!!!!', `CSPR:1/n:${'A'.repeat(70000)}`].map((t) => ['localStorage', 'csp-radar:v1:evaluation', t]),
  ];
  for (const [where, key, saved] of corrupt) {
    test(`corrupt saved state ${JSON.stringify(saved.slice(0, 12))} in ${key}: a notice and the bundled providers`, async ({ page, served }) => {
      const { errors, dialogs } = await open(page, served);
      // Leave the app first (it would save over the corrupt copy), then
      // corrupt its storage, with nothing else kept there.
      await page.goto(`${served.url}/not-the-app`);
      await page.evaluate(([w, k, s]) => { sessionStorage.clear(); localStorage.clear(); window[w].setItem(k, s); }, [where, key, saved]);
      await page.goto(`${served.url}/`);
      await page.waitForSelector('[data-testid=error-banner]');
      await waitForApp(page);
      const what = `corrupt saved state ${JSON.stringify(saved.slice(0, 12))} in ${key}`;
      const now = await shown(page);
      expect.soft(now.rows.map((r) => r.provider).sort(), `${what}: the bundled providers`).toEqual(['aws', 'google-cloud', 'microsoft-azure', 'tencent-cloud']);
      expect.soft(now.inDetail, `${what}: none singled out`).toBe('');
      expect.soft(now.rows.find((r) => r.provider === 'tencent-cloud')?.value, `${what}: balanced weights, no finding`).toBe(goldenTencent.overall);
      expect.soft(await page.textContent('[data-testid=error-banner]'), `${what}: the notice says where the unreadable copy is kept`).toContain('csp-radar:v1:unreadable');
      expect.soft(await page.evaluate(() => localStorage.getItem('csp-radar:v1:unreadable')), 'the unreadable copy is kept as it was').toBe(saved);
      expect.soft(dialogs, 'no script from profile text ever ran').toEqual([]);
      expect.soft(errors, 'no page errors, no panics').toEqual([]);
    });
  }
});
