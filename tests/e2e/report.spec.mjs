// The committee report, as printed (Letter and A4): page 1 is the decision
// (every provider, the verdicts, the weights and what changed from the
// preset, the confirm-in-writing set, the as-of date, where each
// profile's facts come from); then a page of questions to send per bundled
// provider, asks only; then the evidence, without half-empty pages. The
// PDF's text is read with pdftotext (poppler).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test, expect, out } from './fixtures.mjs';

const NAMES = ['Google Cloud', 'Microsoft Azure', 'Amazon Web Services', 'Tencent Cloud'];

/** The text of each page of a PDF, in reading order. */
function pages(file) {
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return text.split('\f').filter((p, i, all) => i < all.length - 1 || p.trim() !== '');
}

test.describe('committee report', () => {
  for (const format of ['Letter', 'A4']) {
    test(`printed on ${format}: the decision on page 1, a page of questions per provider, then the evidence`, async ({ app, served }) => {
      const { page, errors } = await app(`${served.url}/`);
      // The lab's own choices, which page 1 must say: a preset, one weight
      // changed from it, a question to confirm in writing, and a finding.
      await page.selectOption('[data-testid=preset-select]', 'clinical');
      await page.fill('[data-testid=weight-input][data-question="3"]', '5');
      await page.click('[data-testid=focus-provider][data-provider=aws]');
      await page.selectOption('[data-testid=finding-status][data-question="14"]', 'documented');
      await page.click('[data-testid=unfocus]');
      await page.waitForTimeout(300);
      const file = join(out, `report-${format}.pdf`);
      await page.emulateMedia({ media: 'print' });
      await page.pdf({ path: file, format, margin: { top: '14mm', bottom: '14mm', left: '12mm', right: '12mm' } });
      const all = pages(file);
      const first = all[0];
      for (const name of NAMES) expect.soft(first, `page 1 names ${name}`).toContain(name);
      expect.soft(first, 'page 1 has the verdicts between neighbours').toMatch(/less risky than|too close to call/);
      expect.soft(first, 'page 1 says the preset').toMatch(/Clinical/);
      expect.soft(first, 'and the weight changed from it').toMatch(/Q3 4 → 5/);
      expect.soft(first, 'page 1 says the evidence date').toContain('Evidence as of');
      expect.soft(first, 'page 1 says what to confirm in writing').toContain('Confirm in writing');
      expect.soft(first, 'page 1 says where the facts come from').toContain('Where the facts come from');
      expect.soft(first, 'page 1 holds no questions yet').not.toContain('Questions to send');
      // Pages 2–5: one provider's questions each, starting its page.
      const asks = all.slice(1, 1 + NAMES.length);
      for (const [i, text] of asks.entries()) {
        expect.soft(text.trimStart(), `page ${i + 2} starts one provider's questions`).toMatch(/^Questions to send: /);
        expect.soft((text.match(/Questions to send: /g) ?? []).length, `page ${i + 2} holds one provider's questions`).toBe(1);
        expect.soft(text, `page ${i + 2}: asks, not the evidence`).toContain('Ask:');
      }
      const order = asks.map((t) => t.trimStart().split('\n')[0].replace('Questions to send: ', '').trim());
      expect.soft([...order].sort(), 'every provider has its page of questions').toEqual([...NAMES].sort());
      // Then the evidence; no page but the last is half empty.
      const rest = all.slice(1 + NAMES.length);
      expect.soft(rest[0] ?? '', 'the evidence follows').toContain('Evidence');
      const lines = (t) => t.split('\n').filter((l) => l.trim()).length;
      const full = Math.max(...rest.map(lines));
      for (const [i, text] of rest.slice(0, -1).entries()) {
        const next = rest[i + 1].trimStart();
        // A page may end early only where a provider's evidence ends.
        if (!/^[A-Z][^\n]*\(\w+\)\s*\n/.test(next)) {
          expect.soft(lines(text), `evidence page ${i + 6} is not half empty`).toBeGreaterThan(full / 2);
        }
      }
      expect.soft(errors, 'no page errors').toEqual([]);
    });
  }
});
