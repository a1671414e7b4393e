// Lighthouse audit of the reader site: starts the test site (fresh database, demo content),
// launches Debian's Chromium through chrome-launcher and audits the home page and a story page
// with Lighthouse's mobile default and its desktop preset. Prints the four category scores per
// page as `name: value` lines, writes the HTML and JSON reports to test-output/lighthouse/, and exits 1
// when any score is below the bar (95 by default; `--min=90` to change it).
//
//   npm run audit:lighthouse
//
// Runs over http://127.0.0.1, so HTTPS-only checks (HTTP/2, HSTS) say little about production.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Config, type Flags, type RunnerResult } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { demoContent } from '../src/demo/content.js';
import { startTestSite } from '../test/helpers/site.js';

const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';
process.env.CHROME_PATH = chromePath;
const chromeFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const minArg = process.argv.find((a) => a.startsWith('--min='));
const minimum = minArg ? Number(minArg.slice('--min='.length)) : 95;
const outDir = join('test-output', 'lighthouse');

const story = [...demoContent.articles].sort((a, b) => a.hoursAgo - b.hoursAgo)[0]!;
const pages = [
  { name: 'home', path: '/' },
  { name: 'article', path: `/${story.section}/${story.slug}` },
];
const presets: { name: string; config?: Config }[] = [{ name: 'mobile' }, { name: 'desktop', config: desktopConfig }];

/** What cost points in a category: audits that count towards it and did not pass. */
function shortfalls(lhr: RunnerResult['lhr'], category: string): string[] {
  const refs = lhr.categories[category]?.auditRefs ?? [];
  return refs
    .filter((r) => r.weight > 0)
    .map((r) => ({ ref: r, audit: lhr.audits[r.id]! }))
    .filter(({ audit }) => audit.score !== null && audit.score < 0.9)
    .map(({ ref, audit }) => `${audit.id} (score ${Math.round((audit.score ?? 0) * 100)}, weight ${ref.weight})${audit.displayValue ? `: ${audit.displayValue}` : ''} – ${audit.title}`);
}

const site = await startTestSite();
const chrome = await chromeLauncher.launch({ chromePath, chromeFlags, logLevel: 'error' });
let failed = false;
try {
  mkdirSync(outDir, { recursive: true });
  for (const page of pages) {
    for (const preset of presets) {
      const flags: Flags = { port: chrome.port, output: ['html', 'json'], logLevel: 'error', onlyCategories: [...categories] };
      const result = await lighthouse(`${site.url}${page.path}`, flags, preset.config);
      if (!result) throw new Error(`Lighthouse returned nothing for ${page.path}`);
      const { lhr } = result;
      const [html, json] = result.report as string[];
      writeFileSync(join(outDir, `${page.name}-${preset.name}.html`), html!);
      writeFileSync(join(outDir, `${page.name}-${preset.name}.json`), json!);
      if (lhr.runtimeError) console.log(`${page.name} ${preset.name} runtime error: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      for (const c of categories) {
        const raw = lhr.categories[c]?.score;
        const score = raw === null || raw === undefined ? NaN : Math.round(raw * 100);
        console.log(`${page.name} ${preset.name} ${c}: ${Number.isNaN(score) ? 'n/a' : score}`);
        if (Number.isNaN(score) || score < minimum) {
          failed = true;
          for (const s of shortfalls(lhr, c)) console.log(`    below ${minimum}: ${s}`);
        }
      }
    }
  }
  console.log(`reports: ${outDir}/`);
} finally {
  chrome.kill();
  await site.close();
}
if (failed) {
  console.error(`some Lighthouse score is below ${minimum}`);
  process.exit(1);
}
