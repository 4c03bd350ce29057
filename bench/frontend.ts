import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { ROOT } from './servers.ts';

export interface AssetSize {
  file: string;
  area: string;
  raw: number;
  gzip: number;
  brotli: number;
}

const DIST = path.join(ROOT, 'web', 'dist');

/** Every built JS and CSS file with its raw, gzip and brotli size; the area is the chunk's name. */
export function assetSizes(): AssetSize[] {
  const dir = path.join(DIST, 'assets');
  return fs
    .readdirSync(dir)
    .filter((f) => /\.(js|css)$/.test(f))
    .map((file) => {
      const bytes = fs.readFileSync(path.join(dir, file));
      return {
        file,
        area: file.replace(/-[\w-]{8}\.(js|css)$/, '.$1'),
        raw: bytes.length,
        gzip: zlib.gzipSync(bytes, { level: 9 }).length,
        brotli: zlib.brotliCompressSync(bytes).length,
      };
    })
    .sort((a, b) => b.gzip - a.gzip);
}

/** JS the storefront home needs: what index.html loads, plus the lazily loaded storefront chunk. */
export function homeJsGzip(sizes: AssetSize[]): number {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const initial = new Set([...html.matchAll(/\/assets\/([^"']+\.js)/g)].map((m) => m[1]));
  return sizes.filter((s) => initial.has(s.file) || s.area === 'Storefront.js').reduce((sum, s) => sum + s.gzip, 0);
}

export interface PageLoad {
  page: string;
  transferredKb: number;
  fcpMs: number;
  lcpMs: number;
}

// Lighthouse's "slow 4G": 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up; CPU 4x slower.
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

/** Loads pages in Chromium as a cheap phone on a slow network sees them, cold cache. */
export async function measurePages(urls: { page: string; url: string }[]): Promise<PageLoad[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run'],
  });
  const results: PageLoad[] = [];
  try {
    for (const { page: name, url } of urls) {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'id-ID' });
      const page = await context.newPage();
      await page.addInitScript({
        content: `window.__lcp = 0; new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__lcp = e.startTime; }).observe({ type: 'largest-contentful-paint', buffered: true });`,
      });
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      let bytes = 0;
      cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
        bytes += event.encodedDataLength;
      });
      await page.goto(url, { waitUntil: 'networkidle' });
      await page.waitForTimeout(500);
      const timings = (await page.evaluate(
        `({ fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN, lcp: window.__lcp })`,
      )) as { fcp: number; lcp: number };
      results.push({ page: name, transferredKb: Math.round(bytes / 1024), fcpMs: Math.round(timings.fcp), lcpMs: Math.round(timings.lcp) });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return results;
}
