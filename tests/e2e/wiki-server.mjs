// A REAL MediaWiki for wiki.spec.mjs: Debian's
// `mediawiki` 1.39 with PHP's built-in server and SQLite, installed the way
// www/mediawiki/README.md tells an admin: dist/ served at /csp-radar/ beside
// index.php, Gadgets enabled, MediaWiki:Gadget-csp-radar.js and
// MediaWiki:Gadgets-definition pasted from www/mediawiki/, then pages with
// <div class="csp-radar">. Also the Extension:Widgets route (not packaged, so
// its template is rendered here with the same substitutions Widgets' Smarty
// would make). `startWiki()` is the worker-scoped `wiki` fixture.
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
import { dist, root } from './lib.mjs';

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
# --- csp-radar e2e (tests/e2e/wiki-server.mjs) ---
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


/**
 * Installs (or reuses) the wiki, pastes the gadget and the test pages, renders
 * the Widgets template twice into /csp-radar-test/widget.html, and starts
 * `php -S` on a free port. `stop()` ends the server.
 */
export async function startWiki() {
  const t0 = Date.now();
  const fresh = install();
  const setup = `${fresh ? 'installed' : 'reused'} ${cache} (${((Date.now() - t0) / 1000).toFixed(1)} s)`;

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

  const server = await startPhp(port, env);
  return { ...server, port, setup, widgetA, widgetB };
}
