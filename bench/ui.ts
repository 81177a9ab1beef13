// `npx tsx bench/ui.ts`: what a person feels in the built explorer, measured in headless Chromium
// (software rendering; compare runs on one machine, not with other machines). Builds the app,
// serves it with `vite preview`, opens the semicircles preset with its pretrained model and
// measures a slider move: keydown → store → React → canvas draws, until the task ends. Prints
// median and 90th percentile over 80 moves.
import { spawn, spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';

const port = 4179;
if (spawnSync('npx', ['vite', 'build'], { stdio: 'ignore' }).status !== 0) throw new Error('vite build failed');
const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore' });
try {
  await new Promise((r) => setTimeout(r, 2500));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // tsx keeps function names with a helper (__name) that the page lacks: give it one.
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => document.querySelector('[data-testid=output-view]')?.getAttribute('data-checksum'), null, { timeout: 120_000 });
  await page.waitForTimeout(3000);
  const result = await page.evaluate(async () => {
    const slider = document.querySelector('[role=slider]') as HTMLElement;
    slider.focus();
    // The synchronous work of a move (store, React commit, canvas draws) is done by the next task.
    const nextTask = () => new Promise<void>((r) => setTimeout(r, 0));
    const frame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const times: number[] = [];
    for (let i = 0; i < 80; i++) {
      const key = i % 20 < 10 ? 'ArrowRight' : 'ArrowLeft';
      await frame();
      const t0 = performance.now();
      slider.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      await nextTask();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { median: times[40], p90: times[72] };
  });
  console.log(
    `slider move (keydown to the end of its synchronous work: store, React, canvas draws): median ${result.median.toFixed(2)} ms, p90 ${result.p90.toFixed(2)} ms`,
  );
  await browser.close();
} finally {
  server.kill();
}
