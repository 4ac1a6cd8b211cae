// Runs every browser journey in order against the `make dist` build.
// Usage: node tests/e2e/run.mjs [name...]
import { mkdirSync } from 'node:fs';
import { out, finish } from './lib.mjs';

const all = ['journey', 'share', 'keep', 'look', 'import', 'editor', 'confidence', 'offline', 'embed', 'wiki', 'hostile', 'a11y'];
const chosen = process.argv.length > 2 ? process.argv.slice(2) : all;
mkdirSync(out, { recursive: true });
for (const name of chosen) {
  const started = Date.now();
  console.log(`— ${name}`);
  try {
    const suite = await import(`./${name}.mjs`);
    await suite.default();
  } catch (e) {
    console.error(`  FAIL ${name} threw: ${e.stack || e}`);
    process.exitCode = 1;
  }
  console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
finish('e2e');
