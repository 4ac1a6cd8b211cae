// The hostile corpus through the widget — file load, paste and
// saved state. Each input gives a visible, located message or is shown
// inertly as text; no panic, no script runs, the evaluation stays.
//
// The corpus is tests/hostile/expect.tsv (shared with tests/hostile.rs): a
// file is looked up in tests/hostile/, then the profile fuzz seeds, then
// target/hostile/ (the two too large to commit, written here).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect, root, watchErrors, figures, waitForApp, paste } from './fixtures.mjs';

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

test.describe('hostile', () => {
  test.beforeAll(writeGenerated);

  /** The page at a clinical evaluation with q3 documented, watched for
   *  errors and dialogs (a dialog is script from profile text running). */
  const open = async (page, served) => {
    const errors = watchErrors(page);
    const dialogs = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
    await page.goto(`${served.url}/#CSPR:1/s:clinical/o:3d`);
    await waitForApp(page);
    return { errors, dialogs, kept: await figures(page) };
  };

  for (const { file, outcome, path } of corpus) {
    for (const via of ['file', 'paste']) {
      test(`${file} via ${via}: ${outcome === 'error' ? 'a located message, the evaluation kept' : 'shown literally, undo brings the evaluation back'}`, async ({ page, served }) => {
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
          expect.soft(await figures(page), `${file} via ${via}: evaluation kept`).toEqual(kept);
          await page.click('[data-testid=error-banner] button');
        } else {
          await page.waitForFunction(() => !document.querySelector('.cr-overall-label strong').textContent.includes('Tencent'));
          const shown = await page.evaluate(() => ({
            imgs: document.querySelectorAll('#csp-radar-app img, #csp-radar-app script').length,
            name: document.querySelector('.cr-overall-label strong').textContent,
          }));
          expect.soft(shown.imgs, `${file} via ${via}: no element made from profile text`).toBe(0);
          expect.soft((shown.name.includes('Cloud') || shown.name.includes('duolC')) && (file !== 'markup-everywhere.json' || shown.name.includes('<img')), `${file} via ${via}: text shown literally (${shown.name})`).toBe(true);
          await page.click('[data-testid=undo]');
          expect.soft(await figures(page), `${file} via ${via}: undo brings the evaluation back`).toEqual(kept);
        }
        expect.soft(dialogs, 'no script from profile text ever ran').toEqual([]);
        expect.soft(errors, 'no page errors, no panics').toEqual([]);
      });
    }
  }

  // Corrupt saved state: a notice and a working widget, never a dead one.
  for (const saved of ['garbage', 'CSPR:9/s:x', 'CSPR:1/x:!!!!', `CSPR:1/n:${'A'.repeat(70000)}`, '\u0000\uffff']) {
    test(`corrupt saved state ${JSON.stringify(saved.slice(0, 12))}: a notice and the default evaluation`, async ({ page, served }) => {
      const { errors, dialogs } = await open(page, served);
      // Leave the app first (it saves on leaving), then corrupt its storage.
      await page.goto(`${served.url}/not-the-app`);
      await page.evaluate((s) => { localStorage.setItem('csp-radar:v1:evaluation', s); }, saved);
      await page.goto(`${served.url}/`);
      await page.waitForSelector('[data-testid=error-banner]');
      expect.soft((await figures(page)).overall, `corrupt saved state ${JSON.stringify(saved.slice(0, 12))}: default evaluation`).toBe('56.9');
      expect.soft(await page.evaluate(() => localStorage.getItem('csp-radar:v1:unreadable') !== null), 'the unreadable copy is kept').toBe(true);
      expect.soft(dialogs, 'no script from profile text ever ran').toEqual([]);
      expect.soft(errors, 'no page errors, no panics').toEqual([]);
    });
  }
});
