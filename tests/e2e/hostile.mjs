// Issue 6: the hostile corpus (tests/hostile/) through the widget — file
// load, paste and saved state. Each input gives a visible, located message
// or is shown inertly as text; no panic, no script runs, the evaluation stays.
import { readFile, readdir, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, launch, dist, root, watchErrors, check, eq, figures, waitForApp, paste } from './lib.mjs';

async function corpus() {
  const dir = join(root, 'tests/hostile');
  const generated = join(root, 'target/hostile');
  await mkdir(generated, { recursive: true });
  const big = '{"notes": "' + 'x'.repeat(1024 * 1024 + 1 - 13) + '"}';
  if (big.length !== 1024 * 1024 + 1) throw new Error(`too-big.json is ${big.length} bytes`);
  await writeFile(join(generated, 'too-big.json'), big);
  await writeFile(join(generated, 'deep-nesting.json'), '['.repeat(100000) + ']'.repeat(100000));
  const seeds = join(root, 'tests/fuzz/seeds/profile');
  const [files, seeded] = [new Set(await readdir(dir)), new Set(await readdir(seeds))];
  const lines = (await readFile(join(dir, 'expect.tsv'), 'utf8')).split('\n').filter((l) => l && !l.startsWith('#'));
  return lines.map((l) => {
    const [file, outcome] = l.split('\t');
    return { file, outcome, path: files.has(file) ? join(dir, file) : seeded.has(file) ? join(seeds, file) : join(generated, file) };
  });
}

export default async function hostile() {
  const server = await serve(dist);
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    const dialogs = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
    await page.goto(`${server.url}/#CSPR:1/s:clinical/o:3d`);
    await waitForApp(page);
    const kept = await figures(page);

    for (const { file, outcome, path } of await corpus()) {
      for (const via of ['file', 'paste']) {
        if (via === 'file') {
          await page.setInputFiles('[data-testid=profile-file-input]', path);
        } else {
          await paste(page, await readFile(path, 'utf8'));
        }
        if (outcome === 'error') {
          const banner = page.locator('[data-testid=error-banner]');
          await banner.waitFor({ timeout: 5000 });
          const text = await banner.textContent();
          // Pasted text that is not JSON is read as a provider page (SPEC 13.1), and
          // refused as one; a file named .json is always read as JSON.
          const located = file === 'too-big.json' ? text.includes('1 MiB')
            : (via === 'paste' && file === 'not-json.json') ? text.includes('found none of the 18 questions')
            : /line \d+, column \d+/.test(text);
          check(located, `${file} via ${via}: located message (${text.slice(0, 100)})`);
          eq(await figures(page), kept, `${file} via ${via}: evaluation kept`);
          await page.click('[data-testid=error-banner] button');
        } else {
          await page.waitForFunction(() => !document.querySelector('.cr-overall-label strong').textContent.includes('Tencent'));
          const shown = await page.evaluate(() => ({
            imgs: document.querySelectorAll('#csp-radar-app img, #csp-radar-app script').length,
            name: document.querySelector('.cr-overall-label strong').textContent,
          }));
          eq(shown.imgs, 0, `${file} via ${via}: no element made from profile text`);
          check((shown.name.includes('Cloud') || shown.name.includes('duolC')) && (file !== 'markup-everywhere.json' || shown.name.includes('<img')), `${file} via ${via}: text shown literally (${shown.name})`);
          await page.click('[data-testid=undo]');
          eq(await figures(page), kept, `${file} via ${via}: undo brings the evaluation back`);
        }
      }
    }

    // Corrupt saved state: a notice and a working widget, never a dead one.
    for (const saved of ['garbage', 'CSPR:9/s:x', 'CSPR:1/x:!!!!', `CSPR:1/n:${'A'.repeat(70000)}`, '\u0000\uffff']) {
      // Leave the app first (it saves on leaving), then corrupt its storage.
      await page.goto(`${server.url}/not-the-app`);
      await page.evaluate((s) => { localStorage.setItem('csp-radar:v1:evaluation', s); }, saved);
      await page.goto(`${server.url}/`);
      await page.waitForSelector('[data-testid=error-banner]');
      eq((await figures(page)).overall, '56.9', `corrupt saved state ${JSON.stringify(saved.slice(0, 12))}: default evaluation`);
      eq(await page.evaluate(() => localStorage.getItem('csp-radar:v1:unreadable') !== null), true, 'the unreadable copy is kept');
    }
    eq(dialogs, [], 'no script from profile text ever ran');
    eq(errors, [], 'no page errors, no panics');
  } finally {
    await browser.close();
    await server.close();
  }
}
