// End-to-end tests: the built site (dist/) in Debian's Chromium. Nothing is downloaded.
import { defineConfig } from '@playwright/test';
import { CHROMIUM } from './tests/e2e/chromium.mjs';

const PORT = Number(process.env.E2E_PORT || 8123);

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.mjs',
  outputDir: 'target/playwright',
  reporter: 'list',
  workers: 1,
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    acceptDownloads: true,
    launchOptions: CHROMIUM,
  },
  webServer: {
    command: `python3 tests/e2e/serve.py ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
  },
});
