// `make bench`: a benchmark report, not a timed test. Writes
// target/bench/report.json and prints a readable summary.
import { readFile, writeFile, mkdir, stat } from 'node:fs/promises';
import { execFileSync, spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, dist, root, waitForApp, paste } from '../e2e/lib.mjs';

const outDir = join(root, 'target/bench');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

async function sizes() {
  const files = {
    wasm: 'csp-radar_bg.wasm', js: 'csp-radar.js', offline: 'csp-radar.html',
    embed: 'embed.js', embed_wasm: 'csp-radar-embed_bg.wasm', embed_js: 'csp-radar-embed.js',
  };
  const out = {};
  for (const [k, f] of Object.entries(files)) {
    const bytes = await readFile(join(dist, f));
    out[k] = { file: f, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  }
  // The stylesheet is compiled into the wasm, minified (so shadow roots and
  // the offline file carry it); its own size is reported for reference, as
  // the app draws it into the prerendered index.html.
  const index = await readFile(join(dist, 'index.html'), 'utf8');
  const drawn = /id="csp-radar-app"[^>]*><style>([\s\S]*?)<\/style>/.exec(index);
  if (!drawn) throw new Error('bench.mjs: no stylesheet in the prerendered dist/index.html');
  const css = Buffer.from(drawn[1]);
  out.css = { file: 'www/style.css, minified (inside the wasm)', raw: css.length, gzip: gzipSync(css, { level: 9 }).length };
  // What a visitor downloads: index.html loads the app; a wiki or host page
  // loads embed.js and the embed bundle (the app plus the mount API) instead.
  out.app = { raw: out.wasm.raw + out.js.raw, gzip: out.wasm.gzip + out.js.gzip, target_gzip: 150 * 1024 };
  const embedded = [out.embed, out.embed_wasm, out.embed_js];
  out.embedded = { raw: embedded.reduce((n, f) => n + f.raw, 0), gzip: embedded.reduce((n, f) => n + f.gzip, 0), target_gzip: 150 * 1024 };
  out.offline.target_gzip = 200 * 1024;
  return out;
}

/** Records, in ms after navigation start: the radar in the DOM, the radar
 *  drawn (the first paint after that: a task queued from the next animation
 *  frame runs once that frame is painted), and the app running (the offline
 *  file shows a prerendered copy before the app replaces it). */
const radarProbe = () => {
  const mark = () => {
    const root = document.getElementById('csp-radar-app');
    const radar = document.querySelector('[data-testid=radar-series]');
    if (!window.__radarAt && radar) {
      window.__radarAt = performance.now();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => { window.__drawnAt = performance.now(); };
        channel.port2.postMessage(null);
      });
    }
    if (!window.__liveAt && radar && root && !root.hasAttribute('data-prerendered')) window.__liveAt = performance.now();
  };
  new MutationObserver(mark).observe(document, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', mark);
};

/** Loads `url` n times in fresh offline contexts. */
async function loads(browser, url, n, { app }) {
  const t = { dom: [], drawn: [], live: [], fcp: [] };
  for (let i = 0; i < n; i++) {
    const context = await browser.newContext({ offline: true });
    await context.addInitScript(radarProbe);
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction((app) => window.__drawnAt !== undefined && (!app || window.__liveAt !== undefined), app, { timeout: 20000 });
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 20000 });
    const m = await page.evaluate(() => ({ dom: window.__radarAt, drawn: window.__drawnAt, live: window.__liveAt, fcp: performance.getEntriesByName('first-contentful-paint')[0].startTime }));
    for (const k of Object.keys(t)) if (k !== 'live' || app) t[k].push(m[k]);
    await context.close();
  }
  return t;
}

async function redraws(browser, n) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(pathToFileURL(join(dist, 'csp-radar.html')).href);
  await waitForApp(page);
  const fictional = await readFile(join(root, 'tests/fixtures/profiles/example-fictional.json'), 'utf8');
  for (const id of ['example-b', 'example-c', 'example-fictional']) {
    await paste(page, fictional.replace('"example-fictional"', `"${id}"`));
  }
  await page.selectOption('[data-testid=provider-select]', 'tencent-cloud');
  await page.selectOption('[data-testid=compare-select]', ['loaded:example-b', 'loaded:example-c', 'loaded:example-fictional']);
  const series = await page.$$eval('[data-testid=radar-series]', (e) => e.length);
  const times = await page.evaluate(async (count) => {
    const channel = new MessageChannel();
    const macrotask = () => new Promise((r) => { channel.port1.onmessage = () => r(); channel.port2.postMessage(0); });
    const input = document.querySelector('[data-testid=weight-input][data-question="3"]');
    const out = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      input.value = String(i % 2 ? 5 : 1);
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      await macrotask(); // Yew renders in a microtask: done before this resolves.
      void document.body.offsetHeight; // include style and layout
      out.push(performance.now() - t0);
    }
    return out;
  }, n);
  const overall = await page.getAttribute('[data-testid=overall-risk]', 'data-value');
  await page.close();
  return { series, times, overall };
}

async function linkLengths(browser) {
  const page = await browser.newPage();
  const spec = 'CSPR:1/s:clinical/w:445500055555505554/o:3d,7p,10a,14d,18p';
  await page.goto(`${pathToFileURL(join(dist, 'csp-radar.html')).href}#${spec}`);
  await page.waitForSelector('[data-testid=overall-risk]');
  const fragment = async () => (await page.inputValue('[data-testid=share-link]')).split('#')[1];
  const specLink = await fragment();
  const tencent = await readFile(join(root, 'www/profiles/tencent-cloud.json'), 'utf8');
  await paste(page, tencent.replace('"tencent-cloud"', '"tencent-copy"'));
  await page.waitForFunction(() => document.querySelector('[data-testid=share-link]').value.includes('/x:'));
  const custom = await fragment();
  await page.close();
  return { spec_case: specLink.length, spec_case_link: specLink, spec_target: 160, custom_profile_tencent_size: custom.length, custom_profile_json_bytes: tencent.length };
}

function cli() {
  const bin = join(root, 'target/release/csp-radar');
  const file = join(root, 'www/profiles/tencent-cloud.json');
  const n = 2000;
  const args = ['validate', ...Array(n).fill(file)];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`validate failed: ${r.stderr}`);
  const runs = 50;
  const s0 = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) execFileSync(bin, ['score', file, '--format', 'json']);
  const scoreSeconds = Number(process.hrtime.bigint() - s0) / 1e9;
  return {
    profiles_validated_per_second: Math.round(n / seconds),
    score_processes_per_second: Math.round(runs / scoreSeconds),
    binary_bytes: null,
  };
}

await mkdir(outDir, { recursive: true });
const report = { generated: new Date().toISOString(), machine: '2 cores, headless Chromium' };
report.sizes = await sizes();
const browser = await launch();
try {
  // The floor: the same rendered markup as static HTML, no script. It is
  // the offline file itself with its scripts, the wasm and the no-script
  // note taken out: exactly what the file shows before the app starts.
  const offlineHtml = await readFile(join(dist, 'csp-radar.html'), 'utf8');
  const staticHtml = offlineHtml
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<noscript>[\s\S]*?<\/noscript>/g, '')
    .replace(/<meta http-equiv[^>]*>/, '');
  const staticFile = join(outDir, 'static-floor.html');
  await writeFile(staticFile, staticHtml);

  const offline = await loads(browser, pathToFileURL(join(dist, 'csp-radar.html')).href, 20, { app: true });
  const floor = await loads(browser, pathToFileURL(staticFile).href, 20, { app: false });
  const ms = (xs) => +median(xs).toFixed(1);
  report.load = {
    offline_median_ms: ms(offline.drawn),
    static_floor_median_ms: ms(floor.drawn),
    ratio: +(median(offline.drawn) / median(floor.drawn)).toFixed(2),
    target_ms: 150,
    target_ratio: 1.5,
    offline_radar_in_dom_median_ms: ms(offline.dom),
    static_floor_radar_in_dom_median_ms: ms(floor.dom),
    offline_first_contentful_paint_median_ms: ms(offline.fcp),
    static_floor_first_contentful_paint_median_ms: ms(floor.fcp),
    offline_app_running_median_ms: ms(offline.live),
    samples: 20,
  };
  const r = await redraws(browser, 200);
  report.weight_change = { providers_compared: r.series, median_ms: +median(r.times).toFixed(2), p95_ms: +[...r.times].sort((a, b) => a - b)[189].toFixed(2), target_ms: 8, samples: r.times.length };
  report.share_link = await linkLengths(browser);
} finally {
  await browser.close();
}
report.cli = cli();
report.cli.binary_bytes = (await stat(join(root, 'target/release/csp-radar'))).size;
await writeFile(join(outDir, 'report.json'), JSON.stringify(report, null, 2) + '\n');

const s = report.sizes;
const ok = (v) => (v ? 'ok' : 'MISSED');
console.log(`csp-radar benchmark report (target/bench/report.json)
sizes (KB = 1024 bytes)  raw        gzip
  wasm      ${kb(s.wasm.raw).padStart(10)} ${kb(s.wasm.gzip).padStart(10)}
  js glue   ${kb(s.js.raw).padStart(10)} ${kb(s.js.gzip).padStart(10)}
  css*      ${kb(s.css.raw).padStart(10)} ${kb(s.css.gzip).padStart(10)}   (*inside the wasm)
  app       ${kb(s.app.raw).padStart(10)} ${kb(s.app.gzip).padStart(10)}   target <= 150 KB gzip: ${ok(s.app.gzip <= s.app.target_gzip)} (${s.app.gzip} bytes)
  embedded  ${kb(s.embedded.raw).padStart(10)} ${kb(s.embedded.gzip).padStart(10)}   target <= 150 KB gzip: ${ok(s.embedded.gzip <= s.embedded.target_gzip)} (${s.embedded.gzip} bytes)
            (host pages: embed.js ${kb(s.embed.gzip)} + glue ${kb(s.embed_js.gzip)} + wasm ${kb(s.embed_wasm.gzip)}, gzip)
  offline   ${kb(s.offline.raw).padStart(10)} ${kb(s.offline.gzip).padStart(10)}   target <= 200 KB gzip: ${ok(s.offline.gzip <= s.offline.target_gzip)}
load (offline file, navigation start -> radar drawn (painted), median of 20)
  csp-radar.html ${report.load.offline_median_ms} ms   static floor ${report.load.static_floor_median_ms} ms   ratio ${report.load.ratio}   targets <= 150 ms: ${ok(report.load.offline_median_ms <= 150)}, ratio <= 1.5: ${ok(report.load.ratio <= 1.5)}
  radar in the DOM ${report.load.offline_radar_in_dom_median_ms} ms (floor ${report.load.static_floor_radar_in_dom_median_ms} ms); first contentful paint ${report.load.offline_first_contentful_paint_median_ms} ms (floor ${report.load.static_floor_first_contentful_paint_median_ms} ms)
  the app running (interactive): ${report.load.offline_app_running_median_ms} ms
weight change -> radar + gap list redrawn, ${report.weight_change.providers_compared} providers, median of 200
  ${report.weight_change.median_ms} ms (p95 ${report.weight_change.p95_ms} ms)   target <= 8 ms: ${ok(report.weight_change.median_ms <= 8)}
share link
  SPEC section 7 case: ${report.share_link.spec_case} characters after # (target <= 160: ${ok(report.share_link.spec_case <= 160)})
  custom profile the size of Tencent's (${report.share_link.custom_profile_json_bytes} bytes of JSON): ${report.share_link.custom_profile_tencent_size} characters
cli (release, ${kb(report.cli.binary_bytes)})
  validate: ${report.cli.profiles_validated_per_second} profiles/s in one process; score: ${report.cli.score_processes_per_second} runs/s (process start included)`);
