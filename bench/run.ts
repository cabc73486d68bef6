/**
 * `npm run bench`: measures the course on this machine and writes bench/results.json.
 * Timing goals live here, never in tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import { benchBuild } from './build.ts';
import { benchEditor } from './editor.ts';
import { benchLighthouse } from './lighthouse.ts';
import { benchViewer } from './viewer.ts';
import { benchRuntime } from './runtime.ts';
import { launchBrowser, servePreview, type Figure } from './lib.ts';

const port = 4399;
const server = await servePreview(port);
const browser = await launchBrowser();
const sections: Record<string, Figure[]> = {};
try {
  sections.runtime = await benchRuntime(browser, server.url);
  sections.editor = await benchEditor(browser, server.url);
  sections.viewer = await benchViewer(browser, server.url);
  const lesson = `${server.url}/lessons/traces-and-spans/`;
  sections.lighthouse = [...(await benchLighthouse(lesson)), ...(await benchLighthouse(lesson, { formFactor: 'desktop' }))];
} finally {
  await browser.close();
  server.close();
}
sections.build = await benchBuild();

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${browser.version?.() ?? 'Chromium'}`;
const results = { date: new Date().toISOString(), machine, sections };
fs.writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);

console.log(`\nBenchmarks on ${machine}\n`);
for (const [section, figures] of Object.entries(sections)) {
  console.log(`## ${section}`);
  const width = Math.max(...figures.map((f) => f.name.length));
  for (const f of figures) {
    const verdict = f.goal ? `${f.goal.padEnd(8)} ${f.met ? 'met' : 'MISSED'}` : '';
    console.log(`${f.name.padEnd(width)}  ${String(f.value).padStart(8)} ${f.unit.padEnd(2)}  ${verdict}${f.note ? `  (${f.note})` : ''}`);
  }
  console.log('');
}
