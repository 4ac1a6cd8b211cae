// Finishes dist/ after `trunk build` (Trunk has no single-file mode and no
// prerendering):
// 1. writes dist/csp-radar.html, the whole widget in one file that works
//    from file:// with no network;
// 2. prerenders the default decision into it and into dist/index.html;
// 3. shortens the names between the wasm and its glue, and minifies the
//    glue with terser, in dist/ and in the offline file (the glue is half
//    comments and long local names).
//
// The offline file:
// - the wasm-bindgen glue becomes an inline module script;
// - the wasm rides along gzipped and base64-encoded in a data block, and the
//   browser's own DecompressionStream inflates it while it compiles;
// - a Content-Security-Policy allows exactly these scripts (by hash) and wasm.
//
// The prerender: the default decision (the four bundled providers, balanced), as the
// app draws it, so a reader sees the decision table, its verdicts and the radar as
// soon as the HTML is parsed, as fast as a static page, and even with
// scripts off. The app takes it over part by part when it starts
// (src/page.rs, src/ui/app.rs; ARCHITECTURE.md, "The start").
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch } from './chromium.mjs';

const require = createRequire(new URL('../../tests/package.json', import.meta.url));
// Zopfli writes ordinary gzip, about 5% smaller than zlib's best.
const zopfli = require('@gfx/zopfli');
const terser = require('terser');

/** A served script (the glue, embed.js) as the browser needs it: no
 *  comments, short local names. Property names and exports keep theirs
 *  (wasm and the pages refer to them). */
async function minified(code, { module = true } = {}) {
  const out = await terser.minify(code, { module, ecma: 2020, compress: { passes: 2 }, format: { comments: false } });
  return out.code;
}

const dist = join(dirname(fileURLToPath(import.meta.url)), '../../dist');
const target = join(dist, 'csp-radar.html');
const indexFile = join(dist, 'index.html');
const sha384 = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
// index.html preloads these with integrity hashes, which must follow.
const preloaded = ['csp-radar.js', 'csp-radar_bg.wasm'];
const trunkHashes = preloaded.map((name) => sha384(readFileSync(join(dist, name))));

/** wasm-bindgen names every import and export after its Rust path plus a
 *  hash (`__wbg_setAttribute_f75317b2b5cabfb4`, 150-character closure
 *  shims), and those names travel twice, in the wasm and in the glue. Here
 *  binaryen renames them to one or two letters and the glue follows its
 *  map: about 3 KB gzipped. */
function shortenInterface(stem) {
  const wasmFile = join(dist, `${stem}_bg.wasm`);
  const glueFile = join(dist, `${stem}.js`);
  const map = JSON.parse(execFileSync('wasm-opt', [wasmFile, '--minify-imports-and-exports-and-modules', '-o', wasmFile], { encoding: 'utf8', maxBuffer: 1 << 24 }));
  let glue = readFileSync(glueFile, 'utf8');
  // The import module (the glue's own file name) is renamed too.
  const modules = new Set(WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasmFile))).map((i) => i.module));
  const oldModule = JSON.stringify(`./${stem}_bg.js`);
  if (modules.size !== 1 || !glue.includes(`${oldModule}: import0`)) {
    throw new Error(`postbuild.mjs: expected one import module, ${oldModule}, in ${stem}`);
  }
  glue = glue.replace(`${oldModule}: import0`, `${JSON.stringify([...modules][0])}: import0`);
  for (const [, from, to] of map.imports) {
    const renamed = glue.replace(new RegExp(`\\b${from}\\b`, 'g'), () => to);
    // Every import is something the glue provides: a name it does not hold
    // means the glue's shape changed, and the page would fail to start.
    if (renamed === glue) throw new Error(`postbuild.mjs: ${stem}.js does not provide the import ${from}`);
    glue = renamed;
  }
  for (const [from, to] of map.exports) glue = glue.replace(new RegExp(`\\bwasm\\.${from}\\b`, 'g'), () => `wasm.${to}`);
  writeFileSync(glueFile, glue);
}
shortenInterface('csp-radar');
shortenInterface('csp-radar-embed');
const glue = readFileSync(join(dist, 'csp-radar.js'), 'utf8');
const wasm = readFileSync(join(dist, 'csp-radar_bg.wasm'));

// The glue's exports become plain declarations; nothing imports this file.
const body = glue
  .replace(/^export \{[^}]*\};?\s*$/gm, '')
  .replace(/^export (async function|function|class|const|let) /gm, '$1 ');
if (/^\s*(export|import)\s/m.test(body)) {
  throw new Error('postbuild.mjs: the wasm-bindgen glue has an export/import form this script does not know');
}

const packed = Buffer.from(await zopfli.gzipAsync(wasm, { numiterations: 15 })).toString('base64');

// A promise that settles once the prerendered page's paint is reported,
// so nothing is fetched or decoded before it. Not merely the task after
// the next animation frame, although that starts the app about 50 ms
// sooner: the paint is reported when its frame is presented, and a fetch
// begun before that is one Lighthouse counts as holding up the paint (3
// of 29 runs put the largest contentful paint at 4.6 s, after the wasm's
// simulated download, instead of 1.1 s). Where the browser reports no
// paint entries, the next frame; a page opened with a link or a saved
// evaluation hides the prerender (cr-restoring) and starts at once; a
// hidden tab paints nothing, so after a second it starts anyway.
const afterPaint = `new Promise((painted) => {
  const types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
  const type = ['largest-contentful-paint', 'paint'].find((t) => types.includes(t));
  if (document.documentElement.classList.contains('cr-restoring')) return painted();
  if (!type) return requestAnimationFrame(() => setTimeout(painted));
  new PerformanceObserver((_, seen) => { seen.disconnect(); setTimeout(painted); }).observe({ type, buffered: true });
  setTimeout(painted, 1000);
})`;

// Once the prerendered page is on screen, inflates and compiles the wasm;
// the glue, a module script, picks the module up. Not before: decoding
// the 300 KB of base64 on the main thread while the page is parsed
// measurably delayed its first paint (1.15x the floor against 1.06x).
const start = `window.cspRadarModule = ${afterPaint}.then(() => (async () => {
  const b64 = document.getElementById('csp-radar-wasm').textContent.trim();
  // Uint8Array.fromBase64 decodes natively (Chromium 140+, Firefox 133+);
  // the atob loop is the fallback for older browsers.
  const gz = Uint8Array.fromBase64 ? Uint8Array.fromBase64(b64) : Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const wasm = new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'));
  return WebAssembly.compileStreaming(new Response(wasm, { headers: { 'content-type': 'application/wasm' } }));
})());`;

const boot = await minified(`${body}
try {
  await __wbg_init({ module_or_path: await window.cspRadarModule });
} catch (error) {
  const note = document.createElement('p');
  note.setAttribute('role', 'alert');
  note.dataset.testid = 'start-failed';
  note.style.cssText = 'margin:0;padding:.5rem 1rem;background:#fee2e2;color:#7f1d1d;font:14px system-ui,sans-serif';
  note.textContent = 'csp-radar could not start in this browser (' + error + '). What you see is the default decision (the four bundled providers), drawn when this file was built; weighting, loading profiles and sharing need a browser with WebAssembly and DecompressionStream.';
  document.body.prepend(note);
  document.documentElement.classList.remove('cr-restoring');
  throw error;
}
`);

// Opened with a shared link or a saved evaluation, or compact in a wiki's
// iframe, the page will not show the prerendered default: hide it until the
// app draws, rather than flash the wrong provider, weights or layout.
const restoring = `try { if (location.hash.length > 1 || /[?&]embed=1(&|$)/.test(location.search) || sessionStorage.getItem('csp-radar:v2:current') !== null || localStorage.getItem('csp-radar:v2:decision') !== null || localStorage.getItem('csp-radar:v1:evaluation') !== null) document.documentElement.classList.add('cr-restoring'); } catch (e) { document.documentElement.classList.add('cr-restoring'); }`;
const headPrerender = `<style>.cr-restoring #csp-radar-app[data-prerendered] { display: none; }</style>
<script>${restoring}</script>`;
// A <main> landmark: the widget is the page's main content.
const plainApp = '<main id="csp-radar-app"><noscript>csp-radar needs JavaScript and WebAssembly.</noscript></main>';

/** The app's element holding the prerendered markup. Each part's holder
 *  is `inert` (see prerender()) until the app draws that part. */
function prerenderedApp(markup, drawn) {
  return `<noscript><p style="margin:0;padding:.5rem 1rem;background:#fef3c7;font:14px system-ui,sans-serif">This is the default decision of the four bundled providers, drawn ${drawn}. Weighting, loading profiles and sharing need JavaScript and WebAssembly.</p></noscript>
<main id="csp-radar-app" data-prerendered>${markup}</main>`;
}

function offlinePage(prerendered) {
  for (const s of [start, boot, restoring]) {
    if (s.includes('</script')) throw new Error('postbuild.mjs: a script would close its own tag');
  }
  const sha = (s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
  const csp = [
    "default-src 'none'",
    `script-src ${sha(start)} ${sha(boot)} ${sha(restoring)} 'wasm-unsafe-eval'`,
    "style-src 'unsafe-inline'",
    "img-src data:",
    // Same origin only, and the scripts (fixed by hash) fetch nothing: this
    // lets a crawler or Lighthouse that fetches the site's robots.txt through
    // the page do so when the file is served.
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const wasmBlock = `<script type="application/octet-stream" id="csp-radar-wasm">${packed}</script>
<script>${start}</script>`;
  const app = prerendered === null ? plainApp : prerenderedApp(prerendered, 'when this file was built');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>csp-radar: cloud provider risk for your lab (offline)</title>
<meta name="description" content="Weigh the 18 questions a laboratory should ask a cloud service provider, score a provider's public profile, and see what to ask. Works offline.">
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Cpath d='M16 2 26 6 30 16 26 26 16 30 6 26 2 16 6 6Z' fill='%23fff' stroke='%231e3a8a' stroke-width='2'/%3E%3Cpath d='M16 7 22 12 25 16 20 21 16 23 10 22 8 16 11 10Z' fill='%23dc2626' fill-opacity='.5' stroke='%23b91c1c'/%3E%3C/svg%3E">
${headPrerender}
</head>
<body>
${app}
${wasmBlock}
<script type="module">${boot}</script>
</body>
</html>
`;
}

/** Opens the file in headless Chromium and takes the default decision's
 *  markup, with what the app set as properties written back as attributes. */
async function prerender() {
  const browser = await launch();
  try {
    const context = await browser.newContext({ offline: true });
    const tab = await context.newPage();
    const problems = [];
    tab.on('pageerror', (e) => problems.push(String(e)));
    await tab.goto(pathToFileURL(target).href);
    await tab.waitForFunction(() => document.querySelectorAll('[data-testid=weight-input]').length === 18, null, { timeout: 20000 });
    if (problems.length) throw new Error(`postbuild.mjs: the app failed while prerendering: ${problems.join('; ')}`);
    return await tab.evaluate(() => {
      const root = document.getElementById('csp-radar-app');
      for (const input of root.querySelectorAll('input')) {
        if (input.type === 'checkbox' || input.type === 'radio') input.toggleAttribute('checked', input.checked);
        else if (input.type !== 'file') input.setAttribute('value', input.value);
      }
      for (const option of root.querySelectorAll('option')) option.toggleAttribute('selected', option.selected);
      for (const area of root.querySelectorAll('textarea')) area.textContent = area.value;
      // The app draws the question rows just after its first paint; the
      // prerender matches that first paint (and stays small).
      root.querySelector('.cr-questions')?.remove();
      // The committee report prints; on screen it is hidden, and the app
      // draws it last.
      root.querySelector('.cr-report')?.remove();
      // The app takes the page over part by part (src/ui/app.rs, TAKEOVER):
      // a part's prerendered controls cannot be used until the app has
      // drawn it there to act on them. The header and footer hold none.
      const parts = root.querySelectorAll('.cr-part[data-part]');
      if (parts.length !== 8) throw new Error(`postbuild.mjs: the prerender has ${parts.length} parts, the app draws 8`);
      for (const part of parts) part.setAttribute('inert', '');
      // The share link names wherever the file was built; the app fills in
      // the reader's own address when it starts.
      for (const link of root.querySelectorAll('[data-testid=share-link]')) link.setAttribute('value', '');
      return root.innerHTML;
    });
  } finally {
    await browser.close();
  }
}

// First the plain offline page, which the prerender step opens; then the
// final one, and the served page with the same markup.
writeFileSync(target, offlinePage(null));
const markup = await prerender();
if (markup.includes('file://') || markup.includes(dist)) throw new Error('postbuild.mjs: the prerendered markup names a local path');
const html = offlinePage(markup);
writeFileSync(target, html);

// The served scripts, minified: the glue (ES modules) and embed.js, a
// classic script whose usage notes stay in www/embed.js and the READMEs.
for (const [name, module] of [['csp-radar.js', true], ['csp-radar-embed.js', true], ['embed.js', false]]) {
  const file = join(dist, name);
  writeFileSync(file, await minified(readFileSync(file, 'utf8'), { module }));
}
let index = readFileSync(indexFile, 'utf8');
preloaded.forEach((name, i) => {
  if (!index.includes(trunkHashes[i])) throw new Error(`postbuild.mjs: dist/index.html does not carry ${name}'s integrity hash`);
});

// Trunk's page preloads the glue and the wasm and instantiates the wasm as
// soon as the page is parsed. On a fast connection that is before the first
// frame, so the prerendered page waits for the app to start and render
// before it is painted; on a slow one the 240 KB download shares the line
// with the page itself. Instead nothing is fetched until the prerender is
// on screen (afterPaint; at once when it is hidden for a link or a saved
// evaluation); then the glue loads while the wasm compiles off the main
// thread. Both keep their integrity hashes: the glue's in an import map.
const trunkPreloads = /<link rel="modulepreload" href="\.\/csp-radar\.js"[^>]*><link rel="preload" href="\.\/csp-radar_bg\.wasm"[^>]*>/;
const trunkStart = /<script type="module">\s*import init, \* as bindings from '\.\/csp-radar\.js';[\s\S]*?<\/script>/;
if (!trunkStart.test(index) || !trunkPreloads.test(index)) throw new Error("postbuild.mjs: dist/index.html has no start script and preloads of trunk's shape");
const [glueIntegrity, wasmIntegrity] = preloaded.map((name) => sha384(readFileSync(join(dist, name))));
index = index.replace(trunkPreloads, '').replace(trunkStart, () => `<script type="importmap">{"integrity":{"./csp-radar.js":"${glueIntegrity}"}}</script>
<script type="module">
await ${afterPaint};
const [{ default: init }, compiled] = await Promise.all([
  import('./csp-radar.js'),
  WebAssembly.compileStreaming(fetch('./csp-radar_bg.wasm', { integrity: '${wasmIntegrity}' })),
]);
await init({ module_or_path: compiled });
</script>`);
if (!index.includes(plainApp) || !index.includes('</head>')) {
  throw new Error('postbuild.mjs: dist/index.html is not the one trunk writes from index.html; run `make dist`');
}
writeFileSync(indexFile, index.replace('</head>', `${headPrerender}\n</head>`).replace(plainApp, prerenderedApp(markup, 'when this page was built')));
console.log(`postbuild.mjs: wrote dist/csp-radar.html (${html.length} bytes, wasm ${wasm.length} → ${packed.length} gzip+base64) and prerendered ${markup.length} bytes of markup into it and dist/index.html`);
