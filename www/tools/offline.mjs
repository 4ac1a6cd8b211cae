// Writes dist/csp-radar.html: the whole widget in one file that works from
// file:// with no network. Trunk has no single-file mode, so this runs after
// `trunk build`: the wasm-bindgen glue is turned from an ES module into an
// inline module script, the wasm rides along as base64, and a
// Content-Security-Policy allows exactly that script (by hash) and wasm.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '../../dist');
const glue = readFileSync(join(dist, 'csp-radar.js'), 'utf8');
const wasm = readFileSync(join(dist, 'csp-radar_bg.wasm'));

// The glue's exports become plain declarations; nothing imports this file.
const body = glue
  .replace(/^export \{[^}]*\};?\s*$/gm, '')
  .replace(/^export (async function|function|class|const|let) /gm, '$1 ');
if (/^\s*(export|import)\s/m.test(body)) {
  throw new Error('offline.mjs: the wasm-bindgen glue has an export/import form this script does not know');
}

const script = `${body}
const __cspRadarB64 = ${JSON.stringify(wasm.toString('base64'))};
// Uint8Array.fromBase64 decodes natively (Chromium 140+, Firefox 133+);
// the atob loop is the fallback for older browsers.
const __cspRadarWasm = Uint8Array.fromBase64 ? Uint8Array.fromBase64(__cspRadarB64) : Uint8Array.from(atob(__cspRadarB64), (c) => c.charCodeAt(0));
__wbg_init({ module_or_path: __cspRadarWasm });
`;
if (script.includes('</script')) throw new Error('offline.mjs: the script would close its own tag');
const hash = createHash('sha256').update(script).digest('base64');
const csp = [
  "default-src 'none'",
  `script-src 'sha256-${hash}' 'wasm-unsafe-eval'`,
  "style-src 'unsafe-inline'",
  "img-src data:",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>csp-radar: cloud provider risk for your lab (offline)</title>
</head>
<body>
<div id="csp-radar-app"><noscript>csp-radar needs JavaScript and WebAssembly.</noscript></div>
<script type="module">${script}</script>
</body>
</html>
`;
writeFileSync(join(dist, 'csp-radar.html'), html);
console.log(`offline.mjs: wrote dist/csp-radar.html (${html.length} bytes)`);
