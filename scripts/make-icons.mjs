#!/usr/bin/env node
// Renders the tray and app icons from the SVGs in assets/ with the system Chromium:
//   node scripts/make-icons.mjs
// The PNGs are committed; run this again after changing an SVG.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const assets = join(import.meta.dirname, '../assets');
const svg = (name) => readFileSync(join(assets, name), 'utf8');

// Glyph colours: macOS template images must be black plus alpha (the menu bar tints them);
// elsewhere one variant per panel theme, named for the panel (a light panel gets a dark glyph).
const COLOURS = { template: '#000000', light: '#1f2328', dark: '#f2f2f2' };
// macOS menu bar: 16 pt (32 px @2x). Linux and Windows trays scale a 32 px image well.
const jobs = [];
for (const [locked, source] of [
  [false, 'tray-unlocked.svg'],
  [true, 'tray-locked.svg'],
]) {
  const mac = locked ? 'trayLockedTemplate' : 'trayTemplate';
  jobs.push({ source, colour: COLOURS.template, size: 16, out: `tray/${mac}.png` });
  jobs.push({ source, colour: COLOURS.template, size: 32, out: `tray/${mac}@2x.png` });
  for (const theme of ['light', 'dark']) {
    const base = `tray/tray-${locked ? 'locked-' : ''}${theme}`;
    jobs.push({ source, colour: COLOURS[theme], size: 32, out: `${base}.png` });
    jobs.push({ source, colour: COLOURS[theme], size: 64, out: `${base}@2x.png` });
  }
}
jobs.push({ source: 'icon.svg', colour: '#000000', size: 512, out: 'icon.png' });

const browser = await chromium.launch({
  executablePath: process.env.LATCH_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  mkdirSync(join(assets, 'tray'), { recursive: true });
  for (const job of jobs) {
    await page.setViewportSize({ width: job.size, height: job.size });
    const body = svg(job.source).replace('<svg ', `<svg width="${job.size}" height="${job.size}" `);
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent;color:${job.colour}">${body}</body></html>`,
    );
    const png = await page.screenshot({
      omitBackground: true,
      clip: { x: 0, y: 0, width: job.size, height: job.size },
    });
    writeFileSync(join(assets, job.out), png);
    console.log(`${job.out}: ${job.size}x${job.size}`);
  }
} finally {
  await browser.close();
}
