// csp-radar in a REAL MediaWiki (Debian's `mediawiki` 1.39,
// PHP's built-in server, SQLite), installed the way www/mediawiki/README.md
// tells an admin: dist/ served at /csp-radar/ beside index.php, Gadgets
// enabled, MediaWiki:Gadget-csp-radar.js and MediaWiki:Gadgets-definition
// pasted from www/mediawiki/, then two <div class="csp-radar"> in a page.
// Also the Extension:Widgets route (not packaged, so its template is
// rendered here with the same substitutions Widgets' Smarty would make).
//
// The installed wiki is kept in target/mediawiki/ and reused while its stamp
// matches (a second run skips install.php). LocalSettings.php stays there:
// MediaWiki reads it through the MW_CONFIG_FILE environment variable, so
// nothing under /etc or /var/lib is touched.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { launch, dist, root, out, watchErrors, check, eq, figures, goldenTencent } from './lib.mjs';

const MW = '/usr/share/mediawiki';
const cache = join(root, 'target/mediawiki');
const settingsFile = join(cache, 'LocalSettings.php');
const dataDir = join(cache, 'data');
const pagesDir = join(cache, 'pages');
const stampFile = join(cache, 'stamp');
const router = join(root, 'tests/e2e/wiki-router.php');
const files = join(root, 'www/mediawiki');
const password = 'csp-radar-e2e-admin-password-not-secret-2026';

// Appended to the generated LocalSettings.php. Changing it reinstalls.
const extraSettings = `
# --- csp-radar e2e (tests/e2e/wiki.mjs) ---
# The port is chosen per run; the URL comes from the environment.
$wgServer = getenv( 'CSP_WIKI_SERVER' ) ?: $wgServer;
wfLoadExtension( 'Gadgets' );
# Provider research pages cite with <ref>, as LIMSWiki's do.
wfLoadExtension( 'Cite' );
$wgRawHtml = false;
$wgEnableUploads = false;
$wgEnableEmail = false;
# No object caches: every request sees the pages edit.php just saved.
$wgMainCacheType = CACHE_NONE;
$wgParserCacheType = CACHE_NONE;
$wgMessageCacheType = CACHE_NONE;
$wgShowExceptionDetails = true;
`;

function php(args, { input, env } = {}) {
  const r = spawnSync('php', args, { input, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120000 });
  if (r.status !== 0 || r.error) {
    throw new Error(`php ${args.join(' ')} failed (${r.status ?? r.error}):\n${(r.stdout || '').slice(-2000)}\n${(r.stderr || '').slice(-2000)}`);
  }
  return r.stdout;
}

function mwVersion() {
  const m = readFileSync(join(MW, 'includes/Defines.php'), 'utf8').match(/MW_VERSION', '([^']+)'/);
  return m ? m[1] : 'unknown';
}

/** Installs the wiki into target/mediawiki unless a valid install is there. */
function install() {
  if (!existsSync(join(MW, 'maintenance/install.php'))) {
    throw new Error(`no MediaWiki in ${MW}: apt-get install -y mediawiki php-sqlite3 php-cli (or bash .ci/setup)`);
  }
  const stamp = createHash('sha256').update(`${mwVersion()}\n${extraSettings}`).digest('hex');
  const valid = existsSync(settingsFile) && existsSync(join(dataDir, 'wiki.sqlite'))
    && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp;
  if (valid) return false;
  rmSync(cache, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  php([join(MW, 'maintenance/install.php'), '--dbtype', 'sqlite', '--dbpath', dataDir, '--dbname', 'wiki',
    '--server', 'http://127.0.0.1:8931', '--scriptpath', '', '--confpath', cache, '--pass', password,
    'TestWiki', 'admin']);
  appendFileSync(settingsFile, extraSettings);
  writeFileSync(stampFile, stamp);
  return true;
}

/** edit.php, as an admin would paste the page in the browser. */
function edit(title, text, env) {
  const output = php([join(MW, 'maintenance/edit.php'), '--user', 'admin', '--summary', 'csp-radar e2e', title], { input: text, env });
  if (!/done/.test(output)) throw new Error(`edit.php ${title}: ${output}`);
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
  });
}

/** php -S with the router, in its own process group (it forks workers). */
async function startPhp(port, env) {
  const log = [];
  const child = spawn('php', [
    '-d', 'display_errors=stderr', '-d', 'error_reporting=E_ALL & ~E_DEPRECATED & ~E_USER_DEPRECATED',
    '-S', `127.0.0.1:${port}`, '-t', MW, router,
  ], { env: { ...process.env, ...env, PHP_CLI_SERVER_WORKERS: '3' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk) => {
    log.push(...String(chunk).split('\n').filter((l) => l && !/ (Accepted|Closing)$/.test(l)));
    if (log.length > 400) log.splice(0, log.length - 400);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.on('exit', (code, signal) => { exited = `exit ${code ?? signal}`; });
  const stop = async () => {
    if (exited) return;
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    await new Promise((ok) => { if (exited) ok(); else { child.once('exit', ok); setTimeout(ok, 3000); } });
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20000;
  for (;;) {
    if (exited) throw new Error(`php -S ${exited}:\n${log.join('\n')}`);
    try {
      const r = await fetch(`${url}/index.php?title=Main_Page`);
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) { await stop(); throw new Error(`php -S did not serve the Main Page in 20 s:\n${log.join('\n')}`); }
    await new Promise((ok) => setTimeout(ok, 200));
  }
  return { url, log, stop };
}

/**
 * Renders a Widget: page the way Extension:Widgets does: <noinclude> parts
 * dropped, <includeonly> tags removed, then Smarty with `<!--{` `}-->`
 * delimiters. Only what Widget-CspRadar.wiki uses is implemented; any other
 * tag fails the test.
 */
function renderWidget(source, params) {
  const modifiers = {
    // Widgets' validate: url keeps http(s) and protocol-relative URLs, int keeps integers; else ''.
    validate: (v, type = 'url') => {
      if (v === undefined || v === null) return '';
      const s = String(v);
      if (type === 'url') {
        const u = s.replace(/'/g, '%27').replace(/"/g, '%22').replace(/</g, '%3C');
        return /^(?:https?:\/\/|\/\/)\S+$/i.test(u) ? u : '';
      }
      if (type === 'int') return /^\s*[+-]?(?:0|[1-9]\d*)\s*$/.test(s) ? s : '';
      throw new Error(`validate:${type} not modelled`);
    },
    default: (v, d) => (v === undefined || v === null || v === '' ? d : v),
    escape: (v, how = 'html') => {
      const s = String(v ?? '');
      if (how === 'html') return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#039;');
      if (how === 'url') return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
      throw new Error(`escape:${how} not modelled`);
    },
    replace: (v, from, to) => String(v ?? '').split(from).join(to),
  };
  const unquote = (a) => a.replace(/^'(.*)'$/, '$1');
  let code = source.replace(/<noinclude>[\s\S]*?<\/noinclude>/g, '').replace(/<\/?includeonly>/g, '');
  code = code.replace(/<!--\{if !empty\(\$(\w+)\)\}-->([\s\S]*?)<!--\{\/if\}-->/g, (_, name, body) => (params[name] ? body : ''));
  code = code.replace(/<!--\{\$(\w+)((?:\|[^}]*)?)\}-->/g, (_, name, chain) => {
    let v = params[name];
    for (const step of chain.split('|').slice(1)) {
      const [fn, ...args] = step.match(/'[^']*'|[^:]+/g);
      if (!modifiers[fn]) throw new Error(`Smarty modifier ${fn} not modelled`);
      v = modifiers[fn](v, ...args.map(unquote));
    }
    return v ?? '';
  });
  if (code.includes('<!--{')) throw new Error(`unrendered Smarty tag: ${code.slice(code.indexOf('<!--{'), code.indexOf('<!--{') + 60)}`);
  return code;
}

const testPage = `A page about '''choosing a cloud provider''' for a laboratory. The radars below
are csp-radar widgets mounted by the csp-radar gadget.

== Balanced weights ==
<div class="csp-radar" data-profile="tencent-cloud" data-preset="balanced"></div>

== Clinical weights ==
<div class="csp-radar" data-profile="tencent-cloud" data-preset="clinical"></div>

Back to the [[Main Page]].
`;

export default async function wiki() {
  const t0 = Date.now();
  const fresh = install();
  console.log(`  wiki: ${fresh ? 'installed' : 'reused'} ${cache} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  const port = await freePort();
  const env = {
    MW_CONFIG_FILE: settingsFile,
    CSP_WIKI_SERVER: `http://127.0.0.1:${port}`,
    CSP_RADAR_DIST: dist,
    CSP_RADAR_TEST_PAGES: pagesDir,
  };
  // What the README tells the admin to paste, pasted.
  edit('MediaWiki:Gadgets-definition', readFileSync(join(files, 'Gadgets-definition.txt'), 'utf8'), env);
  edit('MediaWiki:Gadget-csp-radar.js', readFileSync(join(files, 'Gadget-csp-radar.js'), 'utf8'), env);
  edit('MediaWiki:Gadget-csp-radar', 'Shows <code>div.csp-radar</code> elements as csp-radar widgets.', env);
  edit('CSP radar test', testPage, env);
  // A profile kept on the wiki as a JSON page, and a page that shows it.
  const fictional = readFileSync(join(root, 'tests/fixtures/profiles/example-fictional.json'), 'utf8');
  edit('MediaWiki:CspRadar/acme-cloud.json', fictional, env);
  edit('CSP radar wiki profile', 'A profile kept on this wiki:\n<div class="csp-radar" data-profile-url="/index.php?title=MediaWiki:CspRadar/acme-cloud.json&action=raw"></div>\n', env);
  // A provider research page (Tencent Cloud's, as wikitext) that evaluates itself.
  const research = readFileSync(join(root, 'tests/fixtures/pages/tencent-cloud.wikitext'), 'utf8')
    .replace('==Provider research==', '<div class="csp-radar" data-profile="this-page"></div>\n\n==Provider research==');
  edit('Tencent Cloud', research, env);

  // The Widgets route: Widget:CspRadar rendered into a static page on the same server.
  mkdirSync(pagesDir, { recursive: true });
  const template = readFileSync(join(files, 'Widget-CspRadar.wiki'), 'utf8');
  const widgetA = renderWidget(template, { base: `http://127.0.0.1:${port}/csp-radar/`, link: 'CSPR:1/s:clinical' });
  const widgetB = renderWidget(template, { base: 'javascript:alert(1)//', height: '300px;background:red' });
  writeFileSync(join(pagesDir, 'widget.html'), `<!doctype html><html><head><meta charset="utf-8"><title>Widget host</title></head>
<body><h1 id="host">A wiki page with two {{#widget:CspRadar}}</h1>${widgetA}<p>Between the widgets.</p>${widgetB}</body></html>`);
  check(widgetA.includes(`src="http://127.0.0.1:${port}/csp-radar/index.html?embed=1#CSPR%3A1%2Fs%3Aclinical"`), `widget iframe src: ${widgetA.slice(0, 160)}`);
  check(widgetA.includes('height:900px'), 'widget default height 900');
  check(widgetB.includes('src="/csp-radar/index.html?embed=1"'), 'a javascript: base falls back to /csp-radar/');
  check(widgetB.includes('height:900px'), 'a non-integer height falls back to 900');

  const server = await startPhp(port, env);
  let browser;
  let ok = false;
  try {
    const api = await (await fetch(`${server.url}/api.php?action=query&list=gadgets&gaprop=id|metadata&format=json&formatversion=2`)).json();
    const gadget = api.query?.gadgets?.find((g) => g.id === 'csp-radar');
    eq(gadget && [gadget.metadata.settings.default, gadget.metadata.settings.legacyscripts, gadget.metadata.module.scripts], [true, false, ['MediaWiki:Gadget-csp-radar.js']],
      'Gadgets reads the definition: on by default, a ResourceLoader module with the pasted script');
    browser = await launch();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));

    // Skin styles on a page without widgets, to compare with.
    await page.goto(`${server.url}/index.php?title=Main_Page`);
    const skinStyle = () => page.evaluate(() => {
      const s = (sel) => { const c = getComputedStyle(document.querySelector(sel)); return `${c.fontFamily} ${c.fontSize} ${c.color}`; };
      return { heading: s('#firstHeading'), content: s('#mw-content-text'), body: s('body') };
    });
    const plain = await skinStyle();
    check(!requests.some((u) => u.includes('/csp-radar/')), 'a page without csp-radar divs does not load embed.js');

    await page.goto(`${server.url}/index.php?title=CSP_radar_test#Clinical_weights`);
    await page.waitForFunction(() => {
      const divs = document.querySelectorAll('#mw-content-text div.csp-radar');
      return divs.length === 2 && [...divs].every((d) => d.shadowRoot?.querySelector('[data-testid=overall-risk]')?.dataset.value);
    }, null, { timeout: 30000, polling: 250 });

    // Opened at #Clinical_weights: the section stays in view although the first widget grew above it.
    const inView = await page.waitForFunction(() => {
      const top = document.getElementById('Clinical_weights').getBoundingClientRect().top;
      return top >= -1 && top < 200; // -1: sub-pixel rounding
    }, null, { timeout: 5000 }).then(() => true, () => false);
    check(inView, `a section link lands on its section: top ${await page.evaluate(() => document.getElementById('Clinical_weights').getBoundingClientRect().top)}`);
    eq(await page.textContent('#firstHeading'), 'CSP radar test', 'the wiki page heading');
    check((await page.textContent('#mw-content-text')).includes('choosing a cloud provider'), 'the wiki text is there');
    eq(await page.evaluate(() => mw.loader.getState('ext.gadget.csp-radar')), 'ready', 'the gadget module ran (ResourceLoader)');
    eq(await page.evaluate(() => document.querySelectorAll('script[src$="/csp-radar/embed.js"]').length), 1, 'embed.js loaded once');
    eq(await page.evaluate(() => [...document.querySelectorAll('div.csp-radar')].map((d) => [d.dataset.profile, d.dataset.preset])),
      [['tencent-cloud', 'balanced'], ['tencent-cloud', 'clinical']], 'the sanitizer kept the data-* attributes');

    const shadow = (i) => page.evaluateHandle((n) => document.querySelectorAll('div.csp-radar')[n].shadowRoot, i);
    const first = await figures(await shadow(0));
    eq({ overall: first.overall, band: first.band, coverage: first.coverage, domains: first.domains }, goldenTencent, 'first widget: golden Tencent figures');
    eq(first.gaps.length, 16, 'first widget: 16 gaps');
    eq((await figures(await shadow(1))).overall, '57.2', 'second widget: clinical overall');

    // The skin's CSS stays out, ours stays in.
    const inside = await page.evaluate(() => {
      const r = document.querySelectorAll('div.csp-radar')[0].shadowRoot;
      const c = (sel) => getComputedStyle(r.querySelector(sel));
      return { size: c('.cr-q-text').fontSize, radar: c('[data-testid=radar]').display, btn: c('.cr-btn').borderTopLeftRadius };
    });
    eq(inside, { size: '15px', radar: 'block', btn: '6px' }, 'widget styles inside the wiki skin');
    eq(await skinStyle(), plain, 'the skin looks the same with widgets on the page');
    const width = await page.evaluate(() => {
      const d = document.querySelectorAll('div.csp-radar')[0];
      return { div: Math.round(d.getBoundingClientRect().width), content: Math.round(document.querySelector('#mw-content-text').getBoundingClientRect().width), scroll: document.documentElement.scrollWidth };
    });
    check(width.div <= width.content && width.scroll <= 1280, `the widget fits the content column: ${JSON.stringify(width)}`);

    // Content added later (live preview, other gadgets) mounts through the hook.
    await page.evaluate(() => {
      const box = document.createElement('div');
      box.id = 'later';
      box.innerHTML = '<div class="csp-radar" data-profile="tencent-cloud" data-preset="research"></div>';
      document.querySelector('#mw-content-text').append(box);
      mw.hook('wikipage.content').fire($(box));
    });
    await page.waitForFunction(() => document.querySelector('#later div.csp-radar').shadowRoot?.querySelector('[data-testid=overall-risk]')?.dataset.value, null, { timeout: 15000 });
    eq(await page.evaluate(() => document.querySelectorAll('div.csp-radar').length === 3 && !!document.querySelector('#later div.csp-radar').cspRadar), true, 'wikipage.content mounts added content');
    eq(await page.evaluate(() => document.querySelectorAll('script[src$="/csp-radar/embed.js"]').length), 1, 'still one embed.js');
    await page.evaluate(() => document.getElementById('later').remove());

    // The wiki-kept profile: MediaWiki serves it as JSON, the widget evaluates it.
    const info = await (await fetch(`${server.url}/api.php?action=query&prop=info&titles=MediaWiki:CspRadar/acme-cloud.json&format=json&formatversion=2`)).json();
    eq(info.query?.pages?.[0]?.contentmodel, 'json', 'MediaWiki keeps the profile page with its JSON content model');
    const kept = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const keptErrors = watchErrors(kept);
    await kept.goto(`${server.url}/index.php?title=CSP_radar_wiki_profile`);
    await kept.waitForFunction(() => document.querySelector('div.csp-radar')?.shadowRoot?.querySelector('.cr-overall-label strong')?.textContent.includes('fictional'), null, { timeout: 30000 });
    const keptFigures = await figures(await kept.evaluateHandle(() => document.querySelector('div.csp-radar').shadowRoot));
    eq(keptFigures.overall, '29.2', 'data-profile-url: the profile kept on the wiki is evaluated (Example Cloud, balanced)');
    eq(keptErrors, [], 'no page errors on the wiki-kept profile page');
    // The provider research page evaluates itself.
    await kept.goto(`${server.url}/index.php?title=Tencent_Cloud`);
    await kept.waitForFunction(() => document.querySelector('div.csp-radar')?.shadowRoot?.querySelector('.cr-notice'), null, { timeout: 30000 });
    const said = await kept.evaluate(() => document.querySelector('div.csp-radar').shadowRoot.querySelector('.cr-notice').textContent);
    check(said.includes('Imported'), `this-page: the widget imports the page (${said.slice(0, 300)})`);
    const own = await kept.evaluate(() => {
      const r = document.querySelector('div.csp-radar').shadowRoot;
      return {
        notice: r.querySelector('[data-testid=info-banner]').textContent,
        name: r.querySelector('.cr-overall-label strong').textContent,
        rows: r.querySelectorAll('.cr-question').length,
        suggested: r.querySelectorAll('.cr-question [data-testid=suggested]').length,
        cited: r.querySelectorAll('.cr-question .cr-citations li').length,
      };
    });
    check(own.notice.includes('Imported Tencent Cloud from this wiki page') && own.notice.includes('18 answers'), `this-page: ${own.notice.slice(0, 120)}`);
    eq([own.name, own.rows, own.suggested], ['Tencent Cloud', 18, 18], 'this-page: Tencent Cloud\'s 18 imported answers, each suggested');
    check(own.cited >= 17, `this-page: the answers carry their <ref> citations (${own.cited})`);
    check(await kept.evaluate(() => !!document.querySelector('.mw-references-wrap, ol.references')), 'the page itself renders its references (Cite)');
    await kept.screenshot({ path: join(out, 'wiki-this-page.png') });
    eq(keptErrors, [], 'no page errors on the provider page');
    await kept.close();

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(out, 'wiki.png') });
    await page.screenshot({ path: join(out, 'wiki-full.png'), fullPage: true });
    eq(errors, [], 'no page errors in the wiki page');

    // Iframe route.
    const framePage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const frameErrors = watchErrors(framePage);
    await framePage.goto(`${server.url}/csp-radar-test/widget.html`);
    // loading="lazy": the second iframe loads when scrolled near.
    for (const i of [0, 1]) {
      await framePage.evaluate((n) => document.querySelectorAll('iframe.csp-radar-frame')[n].scrollIntoView(), i);
      await framePage.waitForFunction((n) => document.querySelectorAll('iframe.csp-radar-frame')[n].style.height !== '900px', i, { timeout: 30000 });
    }
    // The widget posts again as its rows lay out; wait until the sizes settle.
    const sizes = () => framePage.evaluate(() => JSON.stringify([...document.querySelectorAll('iframe.csp-radar-frame')]
      .map((f) => [f.style.height, f.contentDocument.documentElement.scrollHeight])));
    for (let last = '', stable = 0, deadline = Date.now() + 15000; stable < 3 && Date.now() < deadline;) {
      await framePage.waitForTimeout(250);
      const now = await sizes();
      stable = now === last ? stable + 1 : 0;
      last = now;
    }
    const frames = await framePage.evaluate(() => [...document.querySelectorAll('iframe.csp-radar-frame')].map((f) => ({
      height: parseFloat(f.style.height), doc: f.contentDocument.documentElement.scrollHeight,
      compact: !!f.contentDocument.querySelector('.cr-root[data-layout=compact]'),
      overall: f.contentDocument.querySelector('[data-testid=overall-risk]')?.dataset.value,
    })));
    eq(frames.map((f) => f.compact), [true, true], 'iframes use the compact layout');
    eq(frames.map((f) => f.overall), ['57.2', '56.9'], 'the link reaches the first iframe (clinical), the second is balanced');
    check(frames.every((f) => f.height > 900 && Math.abs(f.height - f.doc) <= 1), `each iframe resized to its own content: ${JSON.stringify(frames)}`);
    eq(await framePage.evaluate(() => document.documentElement.scrollWidth <= 1280), true, 'no horizontal scroll');
    // Only the iframe that posted is resized (event.source is checked).
    const before = await framePage.evaluate(() => [...document.querySelectorAll('iframe.csp-radar-frame')].map((f) => f.style.height));
    const second = await (await framePage.$$('iframe.csp-radar-frame'))[1].contentFrame();
    // A full-width disclosure, so the page must grow (a radar-column one may
    // fit beside the taller gap list).
    await second.click('[data-testid=load-details] > summary');
    await framePage.waitForFunction((h) => document.querySelectorAll('iframe.csp-radar-frame')[1].style.height !== h, before[1]);
    const after = await framePage.evaluate(() => [...document.querySelectorAll('iframe.csp-radar-frame')].map((f) => f.style.height));
    check(after[0] === before[0] && parseFloat(after[1]) > parseFloat(before[1]), `opening a disclosure in the second iframe grows only that one: ${before} -> ${after}`);
    await framePage.evaluate(() => window.scrollTo(0, 0));
    await framePage.screenshot({ path: join(out, 'wiki-iframe.png') });
    eq(frameErrors, [], 'no page errors in the widget host page');
    await framePage.close();

    const fatal = server.log.filter((l) => /PHP (Fatal|Parse|Warning)|Fatal error|Uncaught/.test(l));
    eq(fatal, [], 'no PHP errors in the server log');
    ok = true;
  } finally {
    if (browser) await browser.close();
    await server.stop();
    if (!ok) console.error(`  php -S log (last 40 lines):\n    ${server.log.slice(-40).join('\n    ')}`);
  }
}
