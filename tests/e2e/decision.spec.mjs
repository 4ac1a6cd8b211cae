// A decision of several providers, each with its own record: a finding and
// a note made for one provider stay that provider's through focus changes,
// a reload, the share link in a fresh browser, the downloaded decision file
// and the CLI; and every provider's figure equals an independent
// computation from its profile, the weights and its own findings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, root, out, waitForApp, openMenu, openLoad } from './fixtures.mjs';

const CLINICAL = [3, 3, 4, 4, 5, 5, 5, 4, 4, 4, 4, 4, 4, 5, 4, 4, 4, 3];
const RISK = { documented: 0, partial: 50, undisclosed: 75, adverse: 100 };
const profile = (id) => JSON.parse(readFileSync(join(root, 'www/profiles', `${id}.json`), 'utf8'));

/** The overall figure as csp-radar shows it, computed here on its own:
 *  Σ w·r / Σ w over the profile's statuses with the lab's findings in their
 *  place, rounded half away from zero to one decimal in whole numbers. */
function overall(id, weights, findings = {}) {
  const statuses = Object.fromEntries(profile(id).answers.map((a) => [a.question, a.status]));
  let num = 0;
  let den = 0;
  weights.forEach((w, i) => {
    const status = findings[i + 1] ?? statuses[i + 1] ?? 'undisclosed';
    num += w * RISK[status];
    den += w;
  });
  const tenths = Math.floor((num * 20 + den) / (2 * den));
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

const PROVIDERS = ['aws', 'microsoft-azure', 'google-cloud', 'tencent-cloud'];
/** The lab's one finding: AWS sent a signed BAA (Q14). */
const AWS_FINDINGS = { 14: 'documented' };
const expected = (id) => overall(id, CLINICAL, id === 'aws' ? AWS_FINDINGS : {});

const q14 = (what) => `[data-testid=${what}][data-question="14"]`;

async function focus(page, id) {
  await page.selectOption('[data-testid=provider-select]', id);
  await expect(page.locator('[data-testid=provider-select]')).toHaveValue(id);
}

/** What the page says of one provider: its figure and its Q14 record. */
async function record(page, id) {
  await focus(page, id);
  return {
    overall: await page.getAttribute('[data-testid=overall-risk]', 'data-value'),
    finding: await page.inputValue(q14('finding-status')),
    note: await page.inputValue(q14('note-input')),
    label: (await page.textContent('label[for=cr-q14-finding]')).trim(),
  };
}

/** Every provider as it must be: AWS with its finding and note, the others
 *  with none, each figure the independent computation's. */
async function expectDecision(page) {
  for (const id of PROVIDERS) {
    const r = await record(page, id);
    expect(r.overall, `${id}'s figure`).toBe(expected(id));
    if (id === 'aws') {
      expect(r).toMatchObject({ finding: 'documented', note: 'Signed BAA received from AWS legal, 2026-12-07' });
      expect(r.label).toContain('Amazon Web Services');
      await expect(page.locator(q14('finding-basis'))).toHaveValue('provider');
      await expect(page.locator(q14('finding-reference'))).toHaveValue('signed BAA, ref. 2026-114');
    } else {
      expect(r, `${id} has no record of AWS's`).toMatchObject({ finding: '', note: '' });
      expect(r.label).not.toContain('Amazon Web Services');
    }
  }
}

test.describe('decision', () => {
  test('a finding recorded for AWS stays AWS\'s everywhere it goes', async ({ served, app, newContext, cli }) => {
    const start = `${served.url}/index.html#CSPR:2/s:clinical`;
    const { page } = await app(start);
    await focus(page, 'microsoft-azure');
    const azureBefore = await page.getAttribute('[data-testid=overall-risk]', 'data-value');
    expect(azureBefore).toBe(expected('microsoft-azure'));

    await focus(page, 'aws');
    await page.selectOption(q14('finding-status'), 'documented');
    await page.selectOption(q14('finding-basis'), 'provider');
    await page.fill(q14('finding-date'), '2026-12-07');
    await page.dispatchEvent(q14('finding-date'), 'change');
    await page.fill(q14('finding-reference'), 'signed BAA, ref. 2026-114');
    await page.fill(q14('note-input'), 'Signed BAA received from AWS legal, 2026-12-07');
    await expect(page.locator('[data-testid=finding-words]')).toContainText(
      'Amazon Web Services, Q14: documented — signed BAA, ref. 2026-114, provider, 2026-12-07');
    // AWS's public pages already say documented: no change, and it says so.
    await expect(page.locator('[data-testid=finding-words]')).toContainText('No change to the figure');

    // Switching focus to Azure and to Tencent moves nothing.
    await expectDecision(page);
    await focus(page, 'microsoft-azure');
    expect(await page.getAttribute('[data-testid=overall-risk]', 'data-value')).toBe(azureBefore);

    // Reload: autosaved.
    await page.waitForTimeout(500);
    await page.reload();
    await waitForApp(page);
    await page.waitForSelector('[data-testid=weight-input]');
    await expectDecision(page);

    // The link, in a browser that never saw it.
    const link = await page.inputValue('[data-testid=share-link]');
    expect(link).toContain('#CSPR:2/');
    const fresh = await newContext();
    const other = await fresh.newPage();
    await other.goto(link);
    await waitForApp(other);
    await other.waitForSelector('[data-testid=weight-input]');
    await expectDecision(other);

    // The decision file: downloaded, reopened in another fresh browser.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-json]')]);
    const file = join(out, 'decision-aws-baa.json');
    await download.saveAs(file);
    const third = await (await newContext()).newPage();
    await third.goto(`${served.url}/index.html`);
    await waitForApp(third);
    await third.waitForSelector('[data-testid=weight-input]');
    await third.setInputFiles('[data-testid=profile-file-input]', file);
    await expect(third.locator('[data-testid=info-banner]')).toContainText('exactly as it was saved');
    await expectDecision(third);

    // The CLI scores the same file: every provider, the same figures.
    const scored = JSON.parse(cli('score', file, '--format', 'json'));
    const byId = Object.fromEntries(scored.providers.map((p) => [p.provider, p]));
    for (const id of PROVIDERS) expect(String(byId[id].overall.toFixed(1)), `CLI ${id}`).toBe(expected(id));
    expect(byId.aws.confirm_in_writing).not.toContain(14);
    expect(byId['microsoft-azure'].confirm_in_writing).toEqual([5, 6, 7, 14]);
  });

  test('controls show the decision after a file is opened and after undo', async ({ served, app }) => {
    const { page } = await app(`${served.url}/index.html#CSPR:2/p:tencent-cloud`);
    await page.selectOption('[data-testid=preset-select]', 'clinical');
    await page.selectOption('[data-testid=finding-status][data-question="3"]', 'documented');
    // A plain decision file: balanced, no finding.
    const plain = JSON.stringify({
      format: 'csp-radar-decision', version: 2, preset: 'research',
      providers: [{ profile: profile('tencent-cloud') }],
    });
    await openLoad(page);
    await page.fill('[data-testid=profile-paste]', plain);
    await page.click('[data-testid=profile-paste-apply]');
    // Fields left out are named, never "exactly as it was saved".
    const said = page.locator('[data-testid=info-banner]');
    await expect(said).toContainText('"stale_after" is not in the file');
    await expect(said).not.toContainText('exactly as it was saved');
    await expect(page.locator('[data-testid=preset-select]')).toHaveValue('research');
    await expect(page.locator('[data-testid=finding-status][data-question="3"]')).toHaveValue('');
    expect(await page.getAttribute('[data-testid=overall-risk]', 'data-value'))
      .toBe(overall('tencent-cloud', [3, 4, 3, 3, 3, 3, 2, 3, 3, 3, 3, 2, 2, 0, 4, 4, 5, 2]));
    await openMenu(page, 'more-menu');
    await page.click('[data-testid=undo]');
    await expect(page.locator('[data-testid=preset-select]')).toHaveValue('clinical');
    await expect(page.locator('[data-testid=finding-status][data-question="3"]')).toHaveValue('documented');
    expect(await page.getAttribute('[data-testid=overall-risk]', 'data-value'))
      .toBe(overall('tencent-cloud', CLINICAL, { 3: 'documented' }));
  });

  test('a different profile under an id with a record asks first and keeps both when unsure', async ({ served, app }) => {
    const { page } = await app(`${served.url}/index.html#CSPR:2/p:aws`);
    await page.fill('[data-testid=note-input][data-question="7"]', 'Dedicated hosts quoted');
    const other = profile('aws');
    other.provider.name = 'AWS (a profile from elsewhere)';
    other.answers = other.answers.map((a) => ({ ...a, status: 'adverse' }));
    await openLoad(page);
    await page.fill('[data-testid=profile-paste]', JSON.stringify(other));
    await page.click('[data-testid=profile-paste-apply]');
    await expect(page.locator('[data-testid=keep-both]')).toBeVisible();
    await page.click('[data-testid=keep-both]');
    const options = await page.$$eval('[data-testid=provider-select] option', (os) => os.map((o) => o.textContent));
    expect(options.some((o) => o.includes('(another profile)'))).toBe(true);
    await page.selectOption('[data-testid=provider-select]', 'aws');
    await expect(page.locator('[data-testid=note-input][data-question="7"]')).toHaveValue('Dedicated hosts quoted');
  });
});
