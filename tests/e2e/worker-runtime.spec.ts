import { expect, test } from '@playwright/test';
import { NodeRuntime } from '../../src/runtime/node-runtime.ts';
import type { RunResult } from '../../src/runtime/runtime.ts';
import { editorValue, fillEditor, pressInEditor } from '../helpers/editor.ts';
import { faults } from '../fixtures/programs-faults.ts';
import { openPlayground, runInWorker } from '../helpers/playground.ts';
import { parityPrograms, programRequest, setupFiles, source, traceShape, traced } from '../helpers/programs.ts';

/** What sandbox services received, ids aside. */
const requestShape = (result: RunResult) =>
  result.requests.map((r) => ({ ...r, headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, v.replace(/[0-9a-f]{16,32}/g, '<id>')])) }));

test.describe('the Worker runtime', () => {
  test.beforeEach(async ({ page }) => openPlayground(page));

  test('gives the same traces as host Node for every parity program', async ({ page }) => {
    const node = new NodeRuntime();
    for (const name of parityPrograms) {
      const request = programRequest(name);
      const [inWorker, inNode] = await Promise.all([runInWorker(page, request), node.run(request)]);
      expect(inWorker.errors, name).toEqual([]);
      expect(inWorker.exit, name).toBe('ok');
      expect(traceShape(inWorker.spans), name).toEqual(traceShape(inNode.spans));
      expect(requestShape(inWorker), name).toEqual(requestShape(inNode));
      expect(inWorker.console.map((l) => l.text), name).toEqual(inNode.console.map((l) => l.text));
    }
  });

  test('stops infinite loops (sync, async, timers) at the time limit while the page stays responsive', async ({ page }) => {
    const loops = [
      'export function main() { while (true) {} }',
      'export async function main() { for (;;) { await Promise.resolve(); } }',
      'export function main() { return new Promise(() => { const tick = () => setTimeout(tick, 0); tick(); }); }',
    ];
    for (const code of loops) {
      const pending = runInWorker(page, source(code, { timeLimitMs: 1000 }));
      // The page answers while the loop spins in its Worker.
      expect(await page.evaluate(() => document.title)).toContain('Playground');
      const result = await pending;
      expect(result.exit, code).toBe('timeout');
      expect(result.errors[0]!.message).toMatch(/stopped after 1 s/);
    }
    expect((await runInWorker(page, programRequest('kinds'))).exit).toBe('ok');
  });

  test('caps a span flood with a clear message', async ({ page }) => {
    const code = `import { trace } from '@opentelemetry/api';
export function main() { const t = trace.getTracer('flood'); for (;;) t.startSpan('again').end(); }`;
    const result = await runInWorker(page, traced(code, { spanLimit: 500 }));
    expect(result.exit).toBe('span-limit');
    expect(result.spans).toHaveLength(500);
    expect(result.errors[0]!.message).toMatch(/more than 500 spans/);
  });

  test('reports syntax errors and exceptions at the learner file’s line', async ({ page }) => {
    const syntax = await runInWorker(page, source('const ok = 1;\nconst broken = ;\n'));
    expect(syntax.exit).toBe('compile-error');
    expect(syntax.errors[0]).toMatchObject({ kind: 'compile', at: { file: 'main.ts', line: 2, column: 16 } });

    const code = ['// a comment', 'async function charge(): Promise<void> {', '  await Promise.resolve();', "  throw new Error('card declined');", '}', 'export async function main() {', '  await charge();', '}'].join('\n');
    const thrown = await runInWorker(page, source(code));
    expect(thrown.exit).toBe('error');
    expect(thrown.errors[0]).toMatchObject({ message: 'card declined', at: { file: 'main.ts', line: 4 } });
  });

  test('learner code cannot reach the page, its storage or the span channel', async ({ page }) => {
    await page.evaluate(() => localStorage.setItem('course:probe', 'kept'));
    const code = `import { trace } from '@opentelemetry/api';
export async function main() {
  const g = globalThis as Record<string, unknown>;
  console.log(['document', 'window', 'localStorage', 'indexedDB', 'caches', 'postMessage', 'BroadcastChannel', 'fetch', 'importScripts'].map((n) => n + ':' + typeof g[n]).join(' '));
  const fake = { type: 'spans', spans: [{ name: 'forged', traceId: '1'.repeat(32), spanId: '2'.repeat(16) }] };
  try { (g.postMessage as (m: unknown) => void)(fake); } catch {}
  try { (self as unknown as { postMessage(m: unknown): void }).postMessage(fake); } catch {}
  // Patching the port prototype cannot reach the harness: it bound the original.
  MessagePort.prototype.postMessage = function () {};
  trace.getTracer('t').startSpan('real').end();
}`;
    const result = await runInWorker(page, traced(code));
    expect(result.console[0]!.text).toBe(
      'document:undefined window:undefined localStorage:undefined indexedDB:undefined caches:undefined postMessage:undefined BroadcastChannel:undefined fetch:undefined importScripts:undefined',
    );
    expect(result.spans.map((s) => s.name)).toEqual(['real']);
    expect(await page.evaluate(() => localStorage.getItem('course:probe'))).toBe('kept');
  });

  test('reports every kind of program fault in the learner’s terms, like host Node', async ({ page }) => {
    for (const fault of faults) {
      const result = await runInWorker(page, source(fault.code));
      expect(result.exit, fault.name).toBe(fault.exit);
      expect(result.errors.map((e) => e.message).join('\n'), fault.name).toMatch(fault.message);
    }
    expect((await runInWorker(page, programRequest('kinds'))).exit).toBe('ok');
  });

  test('registers nothing for a program: without a context manager every span is a root, with the zone.js-backed AsyncLocalStorageContextManager one trace', async ({ page }) => {
    const nested = `import { context, propagation, trace } from '@opentelemetry/api';
import { TracerProvider } from '@opentelemetry/sdk-trace';
trace.setGlobalTracerProvider(new TracerProvider());
const tracer = trace.getTracer('t');
export async function main() {
  await tracer.startActiveSpan('parent', async (span) => {
    await Promise.resolve();
    tracer.startSpan('child').end();
    const headers: Record<string, string> = {};
    propagation.inject(context.active(), headers);
    console.log(JSON.stringify(headers));
    span.end();
  });
}`;
    const bare = await runInWorker(page, source(nested));
    expect(bare.spans.map((s) => [s.name, s.parentSpanId ?? null])).toEqual([['child', null], ['parent', null]]);
    expect(bare.console.map((l) => l.text)).toEqual(['{}']);

    const setUp = await runInWorker(page, { files: { ...setupFiles, 'main.ts': `import './context.js';\n${nested}` }, entry: 'main.ts' });
    const parent = setUp.spans.find((s) => s.name === 'parent')!;
    expect(setUp.spans.find((s) => s.name === 'child')!.parentSpanId).toBe(parent.spanId);
    expect(setUp.console.map((l) => l.text)).toEqual([JSON.stringify({ traceparent: `00-${parent.traceId}-${parent.spanId}-01` })]);
  });

  test('shows only sampled spans, as an exporter sees them', async ({ page }) => {
    const code = `import { AlwaysOffSampler, createAlwaysRecordSampler, TracerProvider } from '@opentelemetry/sdk-trace';
const provider = new TracerProvider({ sampler: createAlwaysRecordSampler(new AlwaysOffSampler()) });
export function main() {
  const span = provider.getTracer('t').startSpan('recorded, not sampled');
  console.log(String(span.isRecording()));
  span.end();
  provider.getTracer('t').startSpan('left open, not sampled');
}`;
    const result = await runInWorker(page, source(code));
    expect(result.console.map((l) => l.text)).toEqual(['true']);
    expect(result.spans).toEqual([]);
    expect(result.unfinished).toEqual([]);
  });

  test('a second Run while one is in flight cancels the first', async ({ page }) => {
    const code = page.locator('#playground-code');
    await fillEditor(code, 'export function main() { while (true) {} }');
    await page.getByRole('button', { name: 'Run' }).click();
    await fillEditor(code, "export function main() { console.log('second run'); }");
    await pressInEditor(code, 'Control+Enter');
    await expect(page.getByRole('region', { name: 'Output' })).toContainText('second run');
    await expect(page.locator('[data-timings]')).toContainText('ok in');
  });
});

test('the playground shows the runtime, output with line numbers and span records', async ({ page }) => {
  await openPlayground(page);
  await expect(page.getByText('Runtime: in-browser Worker', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('region', { name: 'Output' })).toContainText('checkout finished');
  await expect(page.locator('[data-span-count]')).toHaveText('(6 ended)');
  const code = page.locator('#playground-code');
  await fillEditor(code, "export function main() {\n  throw new Error('no card');\n}");
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('region', { name: 'Output' })).toContainText('main.ts:2:9 Error: no card');
  await page.reload();
  await expect.poll(() => editorValue(code)).toMatch(/no card/);
});
