/**
 * `npm run bench`: measures the course on this machine and writes bench/results.json.
 * `npm run bench -- --quick`: every section on small inputs and the fixture course, to show that
 * each one still runs; its figures are not comparable with full runs and are not written.
 * `npm run bench -- --only runtime` (repeatable): only the sections named; results.json is not written.
 * Timing goals live here, never in tests. A section that fails to run, or returns no figure or
 * a figure that is not a number, makes the run exit non-zero.
 */
import fs from 'node:fs';
import os from 'node:os';
import { benchBuild } from './build.ts';
import { benchCheckContent } from './check-content.ts';
import { benchEditor } from './editor.ts';
import { benchLighthouse } from './lighthouse.ts';
import { benchViewer } from './viewer.ts';
import { benchRuntime } from './runtime.ts';
import { firstLessonPath, launchBrowser, type Figure, type Scale } from './lib.ts';
import { emptySectionLog, runSection } from './sections.ts';
import { prepareSite } from './site.ts';
import { oneOf, parseCommandLine, portFromEnv, runCommand } from '../scripts/cli.ts';

export const SECTIONS = ['runtime', 'editor', 'viewer', 'lighthouse', 'build', 'content'] as const;
export type SectionName = (typeof SECTIONS)[number];

export interface BenchArgs {
  scale: Scale;
  /** Where the site is served: BENCH_PORT, 4399 by default. */
  port: number;
  /** `--only <section>` (repeatable): just these sections; results.json is then left as it is. */
  only?: SectionName[];
}

export function parseBenchArgs(args: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchArgs {
  const { values } = parseCommandLine(args, { quick: { type: 'boolean', default: false }, only: { type: 'string', multiple: true } });
  const parsed: BenchArgs = { scale: values.quick ? 'quick' : 'full', port: portFromEnv('BENCH_PORT', 4399, env) };
  if (values.only) parsed.only = [...new Set(values.only.map((name) => oneOf('only', name, SECTIONS)))];
  return parsed;
}

async function main({ scale, port, only }: BenchArgs): Promise<void> {
  const started = performance.now();
  const log = emptySectionLog();
  const section = async (name: SectionName, measure: () => Promise<Figure[]>) => {
    if (only && !only.includes(name)) return;
    console.log(`… ${name}`);
    await runSection(log, name, measure);
  };

  const siteStarted = performance.now();
  // check:content builds what it needs itself.
  const site = !only || only.some((name) => name !== 'content') ? await prepareSite(scale, port) : undefined;
  const siteSeconds = (performance.now() - siteStarted) / 1000;
  let browserVersion = 'Chromium';
  if (site) {
    try {
      const browser = await launchBrowser();
      browserVersion = browser.version();
      try {
        await section('runtime', () => benchRuntime(browser, site.url, scale));
        await section('editor', () => benchEditor(browser, site.url, scale, site.astroDir));
        await section('viewer', () => benchViewer(browser, site.url, scale));
        await section('lighthouse', async () => {
          if (scale === 'full') {
            const lesson = `${site.url}/lessons/traces-and-spans/`;
            return [...(await benchLighthouse(lesson)), ...(await benchLighthouse(lesson, { formFactor: 'desktop' }))];
          }
          const lesson = await firstLessonPath(browser, site.url);
          if (!lesson) throw new Error(`the home page at ${site.url}/ links to no lesson`);
          return benchLighthouse(new URL(lesson, site.url).href, { runs: 1 });
        });
      } finally {
        await browser.close();
      }
    } finally {
      await site.close();
    }
    await section('build', () => benchBuild(scale, site));
  }
  await section('content', () => benchCheckContent(scale));

  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, Chromium ${browserVersion}`;
  if (scale === 'full' && !only) {
    const results = { date: new Date().toISOString(), machine, sections: log.figures };
    fs.writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  }

  console.log(`\n${scale === 'quick' ? 'Quick benchmarks (small inputs, fixture course)' : 'Benchmarks'} on ${machine}\n`);
  for (const [name, figures] of Object.entries(log.figures)) {
    console.log(`## ${name} (${log.seconds[name]?.toFixed(0)} s)`);
    const width = Math.max(...figures.map((f) => f.name.length));
    for (const f of figures) {
      // Goals are judged on full runs only: quick ones measure too little, on another course.
      const verdict = f.goal ? `${f.goal.padEnd(8)} ${scale === 'quick' ? '' : f.met ? 'met' : 'MISSED'}` : '';
      console.log(`${f.name.padEnd(width)}  ${String(f.value).padStart(8)} ${f.unit.padEnd(2)}  ${verdict}${f.note ? `  (${f.note})` : ''}`);
    }
    console.log('');
  }
  console.log(`${Object.keys(log.figures).length} sections in ${((performance.now() - started) / 1000).toFixed(0)} s (building and serving the site: ${siteSeconds.toFixed(0)} s)`);
  if (log.failures.length) {
    console.error(`\n${log.failures.length} section(s) failed to run:\n${log.failures.map((f) => `- ${f}`).join('\n')}`);
    process.exitCode = 1;
  }
}

if (import.meta.main) await runCommand(`Usage: [BENCH_PORT=4399] npm run bench [-- --quick] [-- --only ${SECTIONS.join('|')} ...]`, () => parseBenchArgs(process.argv.slice(2)), main);
