// The browser suites (tests/e2e/*.spec.mjs) against the `make dist` build:
// `make test-e2e`, or `cd tests && npx playwright test [file or -g title]`.
// The browser is the system Chromium with the flags every build step uses
// (www/tools/chromium.mjs); `npx playwright install` is never needed.
import { defineConfig } from '@playwright/test';
import { chromiumArgs } from '../www/tools/chromium.mjs';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.mjs',
  // Screenshots, PDFs and downloads the suites keep go to tests/out/ by name;
  // Playwright's own (traces of failed tests) to a folder per test below it.
  outputDir: 'out/playwright',
  // Two cores: a file's tests run in order in one worker, two files at once.
  workers: 2,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 120_000,
  expect: { timeout: 5_000 },
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: chromiumArgs },
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    // As playwright-core's own default (what the suites had before): a
    // selector that never appears fails in 30 s, not at the test timeout.
    actionTimeout: 30_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
  },
});
