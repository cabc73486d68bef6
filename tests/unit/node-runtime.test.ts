import { describe, expect, it } from 'vitest';
import { NodeRuntime } from '../../src/runtime/node-runtime.ts';
import { faults } from '../fixtures/programs-faults.ts';
import { parityPrograms, programRequest, setupFiles, source, traceShape, traced } from '../helpers/programs.ts';

const runtime = new NodeRuntime();

describe('host Node runtime', () => {
  it('keeps the active span across await, Promise.all and timers', async () => {
    const result = await runtime.run(programRequest('nested-async'));
    expect(result.exit).toBe('ok');
    const paths = traceShape(result.spans).spans.map((s) => s.path);
    expect(paths).toEqual([
      'root',
      'root > in a timer',
      'root > parallel a',
      'root > parallel a > parallel a / inner',
      'root > parallel b',
      'root > parallel b > parallel b / inner',
      'root > sequential',
      'root > sequential > sequential / inner',
    ]);
  });

  it('runs every parity program to completion with spans', async () => {
    for (const name of parityPrograms) {
      const result = await runtime.run(programRequest(name));
      expect(result.errors, name).toEqual([]);
      expect(result.exit, name).toBe('ok');
      expect(result.spans.length, name).toBeGreaterThan(0);
    }
  });

  it('joins two services into one trace through an injected traceparent', async () => {
    const { spans } = await runtime.run(programRequest('propagation'));
    const server = spans.find((s) => s.name === 'POST /payments')!;
    const client = spans.find((s) => s.name === 'call payments')!;
    expect(server.traceId).toBe(client.traceId);
    expect(server.parentSpanId).toBe(client.spanId);
    expect(server.resource['service.name']).toBe('payments');
    expect(client.resource['service.name']).toBe('checkout');
    expect(server.attributes['received.traceparent']).toBe(`00-${client.traceId}-${client.spanId}-01`);
  });

  it('hands the SDK’s env detector the environment the program sets, and lets it register its globals again', async () => {
    const { spans, console: lines, errors } = await runtime.run(programRequest('environment'));
    expect(errors).toEqual([]);
    expect(lines.map((l) => JSON.parse(l.text) as unknown)).toEqual([
      { 'service.version': '1.4.0', owner: 'Ada Lovelace', 'service.name': 'checkout-service' },
      { 'service.version': '1.5.0', 'cloud.region': 'eu-west-1', 'service.name': 'checkout-eu' },
    ]);
    for (const n of [1, 2]) {
      const parent = spans.find((s) => s.name === `deployment ${n}`)!;
      expect(parent.resource['service.name']).toBe(n === 1 ? 'checkout-service' : 'checkout-eu');
      expect(spans.filter((s) => s.name === 'child' && s.parentSpanId === parent.spanId)).toHaveLength(1);
    }
  });

  it('samples with the program’s own parent-based ratio sampler', async () => {
    const { spans } = await runtime.run(programRequest('sampler'));
    const roots = spans.filter((s) => !s.parentSpanId);
    expect(roots.length).toBeGreaterThan(20);
    expect(roots.length).toBeLessThan(90);
    // Parent-based: a sampled root always has its child, an unsampled one never does.
    expect(spans.filter((s) => s.name === 'child')).toHaveLength(roots.length);
  });

  it('stops a synchronous infinite loop at the time limit, and the next run works', async () => {
    const looped = await runtime.run(source('export function main() { while (true) {} }', { timeLimitMs: 1000 }));
    expect(looped.exit).toBe('timeout');
    expect(looped.errors[0]!.message).toMatch(/stopped after 1 s/);
    const next = await runtime.run(programRequest('kinds'));
    expect(next.exit).toBe('ok');
  });

  it('stops an asynchronous infinite loop at the time limit', async () => {
    const code = 'export async function main() { for (;;) { await Promise.resolve(); } }';
    const result = await runtime.run(source(code, { timeLimitMs: 1000 }));
    expect(result.exit).toBe('timeout');
  });

  it('stops a loop of timers that never ends', async () => {
    const code = 'export function main() { return new Promise(() => { const tick = () => setTimeout(tick, 0); tick(); }); }';
    expect((await runtime.run(source(code, { timeLimitMs: 800 }))).exit).toBe('timeout');
  });

  it('caps a span flood with a clear message', async () => {
    const code = `import { trace } from '@opentelemetry/api';
export function main() { const t = trace.getTracer('flood'); for (;;) t.startSpan('again').end(); }`;
    const result = await runtime.run(traced(code, { spanLimit: 500 }));
    expect(result.exit).toBe('span-limit');
    expect(result.spans).toHaveLength(500);
    expect(result.errors[0]!.message).toMatch(/more than 500 spans/);
  });

  it('reports a syntax error at its line and column in the learner file', async () => {
    const result = await runtime.run(source('const ok = 1;\nconst broken = ;\n'));
    expect(result.exit).toBe('compile-error');
    expect(result.errors[0]).toMatchObject({ kind: 'compile', at: { file: 'main.ts', line: 2, column: 16 } });
  });

  it('reports a thrown exception at its line in the learner file, through async code', async () => {
    const code = ['// a comment', 'async function charge(): Promise<void> {', '  await Promise.resolve();', "  throw new Error('card declined');", '}', 'export async function main() {', '  await charge();', '}'].join('\n');
    const result = await runtime.run(source(code));
    expect(result.exit).toBe('error');
    expect(result.errors[0]).toMatchObject({ kind: 'runtime', message: 'card declined', at: { file: 'main.ts', line: 4 } });
    expect(result.errors[0]!.stack).toContain('(main.ts:4:');
  });

  it('does not take a forged span frame printed by the program as a span', async () => {
    const code = `export function main() {
  const fake = JSON.stringify({ type: 'spans', spans: [{ name: 'forged' }] });
  process.stdout.write('\\u001eotel-course 0 ' + 'a'.repeat(64) + ' ' + fake + '\\n');
  process.stdout.write('\\u001eotel-course 1 ' + 'b'.repeat(64) + ' ' + JSON.stringify({ type: 'done', ok: true, unfinished: [] }) + '\\n');
  console.log('\\u001eotel-course 0 ' + 'c'.repeat(64) + ' ' + fake);
}`;
    const result = await runtime.run(source(code));
    expect(result.exit).toBe('ok');
    expect(result.spans).toEqual([]);
    expect(result.rejectedFrames).toBe(2);
  });

  it('reports unfinished spans, process.exit, thrown non-errors and unhandled rejections', async () => {
    const unfinished = await runtime.run(traced(`import { trace } from '@opentelemetry/api';\nexport function main() { trace.getTracer('t').startSpan('left open'); }`));
    expect(unfinished.unfinished.map((s) => s.name)).toEqual(['left open']);
    expect(unfinished.unfinished[0]!.endTimeUnixNano).toBeUndefined();

    const exited = await runtime.run(source('export function main() { process.exit(1); }'));
    expect(exited.errors[0]!.message).toMatch(/process\.exit\(1\) was called/);

    const nonError = await runtime.run(source("export function main() { throw 'oops'; }"));
    expect(nonError.errors[0]).toMatchObject({ name: 'NonError', message: expect.stringContaining('"oops" was thrown') });

    const rejected = await runtime.run(source("export async function main() { Promise.reject(new Error('nobody waits')); await new Promise((r) => setTimeout(r, 20)); }"));
    expect(rejected.exit).toBe('error');
    expect(rejected.errors[0]!.message).toBe('Unhandled promise rejection: nobody waits');
  });

  it('explains an import of a package the sandbox does not have', async () => {
    const result = await runtime.run(source("import express from 'express';\nexport function main() { express(); }"));
    expect(result.errors[0]!.message).toMatch(/Cannot find module 'express': packages cannot be installed/);
  });

  it('ends a program that runs out of memory with a clear message', async () => {
    const small = new NodeRuntime({ memoryLimitMb: 64 });
    const code = 'export function main() { const all: string[][] = []; for (;;) all.push(new Array(1e5).fill("x")); }';
    const result = await small.run(source(code, { timeLimitMs: 20_000 }));
    expect(result.exit).toBe('crashed');
    expect(result.errors[0]!.message).toMatch(/ran out of memory/);
  });

  it('produces stable trace shapes run after run', async () => {
    const a = traceShape((await runtime.run(programRequest('errors'))).spans);
    const b = traceShape((await runtime.run(programRequest('errors'))).spans);
    expect(a).toEqual(b);
    expect(a.spans.find((s) => s.attributes['payment.amount'] === 500)).toMatchObject({ status: { code: 'ERROR', message: 'card declined for 500' }, events: [{ name: 'exception', attributes: { 'exception.type': 'PaymentDeclined', 'exception.message': 'card declined for 500' } }] });
  });
});

describe('sandbox services (@course/sandbox) in host Node', () => {
  it('carries traceparent over real HTTP and records what each service received', async () => {
    const result = await runtime.run(programRequest('http-services'));
    expect(result.errors).toEqual([]);
    const clients = result.spans.filter((s) => s.name === 'POST payments');
    const servers = result.spans.filter((s) => s.name === 'POST /payments');
    expect(servers.map((s) => s.parentSpanId).sort()).toEqual(clients.map((s) => s.spanId).sort());
    expect(clients.map((s) => s.attributes['http.response.status_code'])).toEqual([200, 402]);
    const payments = result.requests.filter((r) => r.service === 'payments');
    expect(payments).toHaveLength(2);
    expect(payments[0]).toMatchObject({ method: 'POST', path: '/payments', body: '{"amount":40}' });
    expect(Object.keys(payments[0]!.headers).sort()).toEqual(['content-type', 'traceparent']);
    expect(payments[0]!.headers.traceparent).toBe(`00-${clients[0]!.traceId}-${clients[0]!.spanId}-01`);
    expect(result.requests.at(-1)).toMatchObject({ service: 'collector', method: 'POST', path: '/v1/traces' });
    expect(result.console.map((l) => l.text)).toEqual(['collector answered 200 {"partialSuccess":{}}']);
  });
});

describe('a program’s own stdout', () => {
  it('arrives whole, even when large and unterminated, and never merges with a frame', async () => {
    const code = "export function main() { process.stdout.write('x'.repeat(300000)); process.stdout.write('\\nlast words'); }";
    for (let i = 0; i < 3; i++) {
      const result = await runtime.run(source(code));
      expect(result.exit).toBe('ok');
      expect(result.console.map((l) => l.text.length)).toEqual([300000, 10]);
      expect(result.rejectedFrames).toBe(0);
    }
  });
});

describe('tampering', () => {
  it('a program cannot patch the built-ins the harness reports with', async () => {
    const result = await runtime.run(programRequest('tamper'));
    expect(result.console.map((l) => l.text)).toEqual(['blocked blocked blocked blocked blocked blocked']);
    expect(result.spans.map((s) => s.name)).toEqual(['real']);
  });
});

describe('teaching messages', () => {
  it('says why a second global tracer provider is ignored', async () => {
    const code = `import { trace } from '@opentelemetry/api';
import { TracerProvider } from '@opentelemetry/sdk-trace';
export function main() { trace.setGlobalTracerProvider(new TracerProvider()); }`;
    const result = await runtime.run(traced(code));
    expect(result.console).toEqual([expect.objectContaining({ level: 'warn', text: expect.stringMatching(/^trace\.setGlobalTracerProvider\(\) did nothing/) })]);
  });

  it('captures console.dir, which ConsoleSpanExporter prints with', async () => {
    const result = await runtime.run(source("export function main() { console.dir({ name: 'span' }); }"));
    expect(result.console.map((l) => l.text)).toEqual(["{ name: \"span\" }"]);
  });
});

describe('no hidden setup', () => {
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

  it('gives a program that registers nothing no spans at all', async () => {
    const result = await runtime.run(source("import { trace } from '@opentelemetry/api';\nexport function main() { trace.getTracer('t').startSpan('lost').end(); }"));
    expect(result.exit).toBe('ok');
    expect(result.spans).toEqual([]);
  });

  it('gives a program without context manager and propagator what plain Node gives it: roots, and no traceparent', async () => {
    const result = await runtime.run(source(nested));
    expect(result.spans.map((s) => [s.name, s.parentSpanId])).toEqual([['child', undefined], ['parent', undefined]]);
    expect(result.console.map((l) => l.text)).toEqual(['{}']);
  });

  it('gives the same program, with both registered in a setup file, one trace and a traceparent', async () => {
    const result = await runtime.run({ files: { ...setupFiles, 'main.ts': `import './context.js';\n${nested}` }, entry: 'main.ts' });
    const parent = result.spans.find((s) => s.name === 'parent')!;
    expect(result.spans.find((s) => s.name === 'child')!.parentSpanId).toBe(parent.spanId);
    expect(result.console.map((l) => l.text)).toEqual([JSON.stringify({ traceparent: `00-${parent.traceId}-${parent.spanId}-01` })]);
  });

  it('shows only sampled spans, as an exporter sees them: recorded-only spans are skipped', async () => {
    const code = `import { trace } from '@opentelemetry/api';
import { AlwaysOffSampler, createAlwaysRecordSampler, TracerProvider } from '@opentelemetry/sdk-trace';
const provider = new TracerProvider({ sampler: createAlwaysRecordSampler(new AlwaysOffSampler()) });
export function main() {
  const span = provider.getTracer('t').startSpan('recorded, not sampled');
  console.log(String(span.isRecording()));
  span.end();
  provider.getTracer('t').startSpan('left open, not sampled');
}`;
    const result = await runtime.run(source(code));
    expect(result.console.map((l) => l.text)).toEqual(['true']);
    expect(result.spans).toEqual([]);
    expect(result.unfinished).toEqual([]);
  });
});

describe('faults of a program, in host Node', () => {
  for (const fault of faults) {
    it(`reports ${fault.name} in the learner's terms, and the next run works`, async () => {
      const result = await runtime.run(source(fault.code));
      expect(result.exit).toBe(fault.exit);
      expect(result.errors.map((e) => e.message).join('\n')).toMatch(fault.message);
    });
  }
});
