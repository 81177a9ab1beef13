import { defineConfig } from '@playwright/test';

// Debian's Chromium (Playwright cannot download its own browsers here); override with CHROMIUM_PATH.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// E2E_PORT runs a second suite beside the first (its own build folder and server).
const port = Number(process.env.E2E_PORT ?? 4173);
const suffix = port === 4173 ? '' : `-e2e-${port}`;
const outDir = `dist${suffix}`;

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  outputDir: `test-results${suffix}`,
  reporter: [['list'], ['html', { open: 'never', outputFolder: `playwright-report${suffix}` }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath,
      args: ['--enable-unsafe-webgpu', '--disable-quic', '--no-sandbox', '--disable-gpu-sandbox'],
    },
  },
  webServer: {
    command: `npx vite build --outDir ${outDir} && npx vite preview --outDir ${outDir} --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    timeout: 180_000,
    reuseExistingServer: !process.env.CI,
  },
});
