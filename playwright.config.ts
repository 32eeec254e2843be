import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);
// localhost, not 127.0.0.1: Next hands route handlers a localhost URL, and the OIDC redirect URI must match.
const baseURL = `http://localhost:${PORT}`;

/**
 * End-to-end tests against the production build (`next build` first), served by
 * scripts/e2e-server.mjs on a throwaway data folder. Chromium comes from Debian (`/usr/bin/chromium`):
 * Playwright's own browser download is not reachable here.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  // Two cores: one browser at a time, and the server needs the other core.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  outputDir: 'test-results',
  reporter: [['list'], ['json', { outputFile: 'tests/.reports/playwright.json' }]],
  use: {
    baseURL,
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    command: 'node scripts/e2e-server.mjs',
    url: `${baseURL}/api/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    // Let scripts/e2e-server.mjs stop next's whole process group (the default SIGKILLs only the wrapper's).
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
