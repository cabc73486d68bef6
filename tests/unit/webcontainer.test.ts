import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type * as TS from 'typescript-classic';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Transpiler } from '../../src/runtime/browser-transpiler.ts';
import { RunCollector } from '../../src/runtime/collector.ts';
import { encodeFrame, FRAME_MARK, FrameVerifier, newFrameSecret, type DecodedLine } from '../../sandboxes/wire/frames.ts';
import { buildNodeHarness, harnessBundle } from '../../src/runtime/node-harness-bundle.ts';
import { NodeRuntime } from '../../src/runtime/node-runtime.ts';
import type { HarnessMessage } from '../../sandboxes/wire/protocol.ts';
import type { RunEvent, RunRequest, Runtime } from '../../src/runtime/runtime.ts';
import { memoryStorage, type KeyValueStorage } from '../../src/progress/storage.ts';
import { RUNTIME_CHOICE_KEY, RuntimeManager, type RuntimeStatus } from '../../src/runtime/runtime-manager.ts';
import { transpileFiles } from '../../src/runtime/transpile.ts';
import {
  BootError,
  createWebContainerBooter,
  isIOS,
  isOldSafari,
  type FileTree,
  type SpawnOptionsLike,
  type WebContainerApi,
  type WebContainerLike,
  type WebContainerProcessLike,
} from '../../src/runtime/webcontainer/boot.ts';
import { HARNESS_PATH, WebContainerRuntime } from '../../src/runtime/webcontainer/webcontainer-runtime.ts';
import { START_ENV } from '../../sandboxes/wire/start-env.ts';
import { parityPrograms, programRequest, source, traceShape, traced } from '../helpers/programs.ts';

const typescript = createRequire(import.meta.url)('typescript-classic') as typeof TS;
const transpiler: Transpiler = { transpile: async (files) => transpileFiles(typescript, files), warm: async () => undefined };
const loadHarness = () => fs.promises.readFile(harnessBundle, 'utf8');

/**
 * A fake of exactly the `@webcontainer/api` surface the course uses. Its file system is a temp
 * directory, and `spawn('node', [file], { env })` runs the host `node` there with that
 * environment, its stdout (and stderr, merged in order as a terminal merges them) behind the same
 * web streams a WebContainer gives. Like a terminal, output lines end in \r\n. Like the real API
 * (1.6.4's `binaryListener`), output arrives as bytes in arbitrary pieces (`chunkBytes` each,
 * cut anywhere, inside a character or a frame), each decoded on its own by one shared
 * TextDecoder without `{ stream: true }`.
 */
class FakeWebContainer implements WebContainerLike {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webcontainer-'));
  readonly processes: ChildProcess[] = [];
  /** Everything written to any process's stdin. */
  readonly stdin: string[] = [];
  /** The environment each process was spawned with. */
  readonly envs: Array<Record<string, string> | undefined> = [];
  mounts = 0;
  /** Paths written with fs.writeFile, in order. */
  readonly written: string[] = [];
  tornDown = false;
  /** Echo input to output, as a terminal in cooked mode does. */
  echo = false;
  /** How many bytes of output each chunk carries. */
  chunkBytes = 997;
  private readonly errorListeners = new Set<(error: { message: string }) => void>();

  readonly fs = {
    writeFile: async (file: string, data: string) => {
      this.written.push(file);
      fs.writeFileSync(this.resolve(file), data);
    },
  };

  private resolve(file: string): string {
    return path.join(this.dir, file.replace(/^\/+/, ''));
  }

  async mount(tree: FileTree): Promise<void> {
    this.mounts += 1;
    const write = (dir: string, node: FileTree) => {
      fs.mkdirSync(dir, { recursive: true });
      for (const [name, entry] of Object.entries(node)) {
        if ('file' in entry) fs.writeFileSync(path.join(dir, name), entry.file.contents);
        else write(path.join(dir, name), entry.directory);
      }
    };
    write(this.dir, tree);
  }

  on(_event: 'error', listener: (error: { message: string }) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  /** Reports an internal error, as the real WebContainer's `error` event does. */
  fail(message: string): void {
    for (const listener of this.errorListeners) listener({ message });
  }

  async spawn(command: string, args: string[], options: SpawnOptionsLike = {}): Promise<WebContainerProcessLike> {
    if (this.tornDown) throw new Error('The WebContainer was torn down.');
    if (command !== 'node') throw new Error(`jsh: command not found: ${command}`);
    this.envs.push(options.env);
    // stderr joins stdout in the order it is written, as on a terminal.
    const child = spawn('/bin/sh', ['-c', 'exec "$0" "$@" 2>&1', process.execPath, ...args], {
      cwd: this.dir,
      stdio: 'pipe',
      env: { PATH: process.env.PATH ?? '', ...options.env },
    });
    this.processes.push(child);
    child.stdin.on('error', () => undefined);
    let emit: (bytes: Uint8Array) => void = () => undefined;
    const output = new ReadableStream<string>({
      start: (controller) => {
        emit = (bytes) => {
          // \n becomes \r\n, as a terminal writes it; then the bytes go out in pieces of chunkBytes.
          const terminal = Buffer.from(Buffer.from(bytes).toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
          for (let at = 0; at < terminal.length; at += this.chunkBytes) controller.enqueue(sharedDecoder.decode(terminal.subarray(at, at + this.chunkBytes)));
        };
        child.stdout.on('data', (chunk: Buffer) => emit(chunk));
        child.on('close', () => controller.close());
      },
    });
    const input = new WritableStream<string>({
      write: (chunk) => {
        this.stdin.push(chunk);
        if (this.echo) emit(new TextEncoder().encode(chunk));
        return new Promise<void>((resolve) => child.stdin.write(chunk, () => resolve()));
      },
    });
    const exit = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 137)));
    return { input, output, exit, kill: () => void child.kill('SIGKILL') };
  }

  teardown(): void {
    this.tornDown = true;
    for (const child of this.processes) child.kill('SIGKILL');
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** One decoder for every chunk of every process, never streaming: as `@webcontainer/api` 1.6.4 decodes. */
const sharedDecoder = new TextDecoder();

const fakeApi = (container: WebContainerLike, calls: { boots: number } = { boots: 0 }): WebContainerApi => ({
  boot: async () => {
    calls.boots += 1;
    return container;
  },
});

const isolated = { crossOriginIsolated: true, ios: false };
const containers: FakeWebContainer[] = [];
function newContainer(): FakeWebContainer {
  const container = new FakeWebContainer();
  containers.push(container);
  return container;
}
function newRuntime(container: WebContainerLike = newContainer()): WebContainerRuntime {
  return new WebContainerRuntime({ container: async () => container, transpiler, loadHarness });
}

beforeAll(async () => {
  await buildNodeHarness();
});
afterAll(() => {
  for (const container of containers) container.teardown();
});

describe('the frame codec (signed with node:crypto as the harness does, verified with WebCrypto)', () => {
  const message: HarnessMessage = { type: 'console', line: { level: 'log', text: 'héllo “quotes” 👋 \u001e\n\ttabs', at: 1.5 } };
  const signer = (secret: string) => (text: string) => createHmac('sha256', secret).update(text).digest('hex');

  it('accepts genuine frames in sequence and rejects forged, replayed and malformed ones', async () => {
    const secret = newFrameSecret();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(newFrameSecret()).not.toBe(secret);
    const frame = (seq: number, m: HarnessMessage = message, key = secret) => encodeFrame(signer(key), seq, m).slice(0, -1);
    const done: HarnessMessage = { type: 'done', ok: true, unfinished: [] };
    const cases: Array<[string, DecodedLine['kind']]> = [
      ['plain text', 'text'],
      ['', 'text'],
      [`prefix ${frame(0)}`, 'frame'],
      [frame(0), 'rejected'], // replayed
      [frame(5), 'rejected'], // out of order
      [frame(1, message, newFrameSecret()), 'rejected'], // another run's secret
      [frame(1).replace('tabs', 'tab!'), 'rejected'], // payload changed
      [frame(1).replace(/ ([0-9a-f]{64}) /, (_: string, sig: string) => ` ${sig.toUpperCase()} `), 'rejected'], // malformed signature
      [`${FRAME_MARK}1 ${'a'.repeat(64)} {"type":"done","ok":true,"unfinished":[]}`, 'rejected'],
      [`${FRAME_MARK}garbage`, 'rejected'],
      [frame(1, done), 'frame'],
    ];
    const verifier = new FrameVerifier(secret);
    const decoded: DecodedLine[] = [];
    for (const [line] of cases) decoded.push(await verifier.read(line));
    expect(decoded.map((d) => d.kind)).toEqual(cases.map(([, kind]) => kind));
    expect(decoded.filter((d) => d.kind === 'frame').map((d) => d.message)).toEqual([message, done]);
    expect(decoded[0]).toEqual({ kind: 'text', text: 'plain text' });
    expect(verifier.nextSeq).toBe(2);
  });

  it('keeps the sequence rule when lines are not awaited one by one', async () => {
    const secret = newFrameSecret();
    const verifier = new FrameVerifier(secret);
    const frames = [0, 1, 2].map((seq) => encodeFrame(signer(secret), seq, message).trimEnd());
    const results = await Promise.all([frames[0]!, frames[0]!, frames[1]!, frames[2]!].map((line) => verifier.read(line)));
    expect(results.map((r) => r.kind)).toEqual(['frame', 'rejected', 'frame', 'frame']);
  });
});

describe('WebContainer runtime (fake @webcontainer/api, real sandboxes/node harness)', () => {
  it('brings back spans with their parents, and console lines, from the same harness host Node runs', async () => {
    const container = newContainer();
    const runtime = newRuntime(container);
    const code = `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('demo');
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
export async function main() {
  await tracer.startActiveSpan('checkout', async (root) => {
    await wait(2);
    await tracer.startActiveSpan('charge', async (span) => { await wait(1); span.end(); });
    await Promise.all(['a', 'b'].map((n) => tracer.startActiveSpan('item ' + n, async (s) => { await wait(1); s.end(); })));
    console.log('charged', { total: 42 });
    console.warn('low stock');
    root.end();
  });
  process.stdout.write('written straight to stdout\\n');
}`;
    const events: RunEvent[] = [];
    const result = await runtime.run(traced(code), { onEvent: (e) => events.push(e) });
    expect(result.errors).toEqual([]);
    expect(result.exit).toBe('ok');
    expect(result.runtime).toBe('webcontainer');
    const byName = new Map(result.spans.map((s) => [s.name, s]));
    const root = byName.get('checkout')!;
    expect(root.parentSpanId).toBeUndefined();
    for (const name of ['charge', 'item a', 'item b']) {
      expect(byName.get(name)!.parentSpanId, name).toBe(root.spanId);
      expect(byName.get(name)!.traceId, name).toBe(root.traceId);
    }
    expect(result.console.map(({ level, text }) => ({ level, text }))).toEqual([
      { level: 'log', text: 'charged { total: 42 }' },
      { level: 'warn', text: 'low stock' },
      { level: 'log', text: 'written straight to stdout' },
    ]);
    expect(result.rejectedFrames).toBe(0);
    expect(events.filter((e) => e.type === 'spans').flatMap((e) => (e.type === 'spans' ? e.spans : []))).toHaveLength(4);
    expect(container.processes[0]!.spawnargs.at(-1)).toBe(HARNESS_PATH);
  });

  it('gives the same trace shapes as host Node for every parity program', async () => {
    const runtime = newRuntime();
    const node = new NodeRuntime();
    expect(parityPrograms.length).toBeGreaterThan(0);
    for (const name of parityPrograms) {
      const [inContainer, onHost] = [await runtime.run(programRequest(name)), await node.run(programRequest(name))];
      expect(inContainer.exit, name).toBe(onHost.exit);
      expect(traceShape(inContainer.spans), name).toEqual(traceShape(onHost.spans));
    }
  });

  it('reports a syntax error and a thrown error at their lines in the learner file', async () => {
    const runtime = newRuntime();
    const syntax = await runtime.run(source('const ok = 1;\nconst broken = ;\n'));
    expect(syntax.exit).toBe('compile-error');
    expect(syntax.errors[0]).toMatchObject({ kind: 'compile', at: { file: 'main.ts', line: 2, column: 16 } });

    const code = ['// a comment', 'async function charge(): Promise<void> {', '  await Promise.resolve();', "  throw new Error('card declined');", '}', 'export async function main() {', '  await charge();', '}'].join('\n');
    const thrown = await runtime.run(source(code));
    expect(thrown.exit).toBe('error');
    expect(thrown.errors[0]).toMatchObject({ kind: 'runtime', message: 'card declined', at: { file: 'main.ts', line: 4 } });
    expect(thrown.errors[0]!.stack).toContain('(main.ts:4:');
  });

  it('stops an infinite loop at the time limit with process.kill(), and the next run works', async () => {
    const container = newContainer();
    const runtime = newRuntime(container);
    const looped = await runtime.run(source('export function main() { while (true) {} }', { timeLimitMs: 1000 }));
    expect(looped.exit).toBe('timeout');
    expect(looped.errors[0]!.message).toMatch(/stopped after 1 s/);
    const next = await runtime.run(source("export function main() { console.log('next'); }"));
    expect(next.exit).toBe('ok');
    expect(next.console.map((l) => l.text)).toEqual(['next']);
    await vi.waitFor(() => expect(container.processes[0]!.signalCode).toBe('SIGKILL'), { timeout: 10_000 });
  });

  it('caps a span flood', async () => {
    const code = `import { trace } from '@opentelemetry/api';
export function main() { const t = trace.getTracer('flood'); for (;;) t.startSpan('again').end(); }`;
    const result = await newRuntime().run(traced(code, { spanLimit: 500 }));
    expect(result.exit).toBe('span-limit');
    expect(result.spans).toHaveLength(500);
  });

  it('cancels a run when its signal aborts', async () => {
    const container = newContainer();
    const runtime = newRuntime(container);
    const controller = new AbortController();
    const running = runtime.run(source('export function main() { while (true) {} }', { timeLimitMs: 10_000 }), { signal: controller.signal });
    // Abort once the program's process runs, well inside its 10 s limit.
    await vi.waitFor(() => expect(container.processes).toHaveLength(1), { timeout: 10_000 });
    controller.abort();
    const result = await running;
    expect(result.exit).toBe('cancelled');
  });

  it('does not take frames printed by the program as spans, and counts them', async () => {
    const code = `import { trace } from '@opentelemetry/api';
export function main() {
  trace.getTracer('t').startSpan('real').end();
  const fake = JSON.stringify({ type: 'spans', spans: [{ name: 'forged' }] });
  process.stdout.write('\\u001eotel-course 0 ' + 'a'.repeat(64) + ' ' + fake + '\\n');
  process.stdout.write('\\u001eotel-course 1 ' + 'b'.repeat(64) + ' ' + JSON.stringify({ type: 'done', ok: true, unfinished: [] }) + '\\n');
  console.error('\\u001eotel-course 2 ' + 'c'.repeat(64) + ' ' + fake);
  process.stderr.write('\\u001eotel-course 0 ' + 'd'.repeat(64) + ' ' + fake + '\\n');
}`;
    const result = await newRuntime().run(traced(code));
    expect(result.exit).toBe('ok');
    expect(result.spans.map((s) => s.name)).toEqual(['real']);
    expect(result.rejectedFrames).toBe(3);
    // console.* goes through the harness: shown as text, never parsed as a frame.
    expect(result.console.map((l) => l.level)).toEqual(['error']);
  });

  it('passes a fresh secret in the environment only, and removes it before the program runs: not in argv, env, a child\'s env, files or stdin', async () => {
    const container = newContainer();
    const runtime = newRuntime(container);
    // What a program can see, written to a file (a large stdout write may be cut short: see the report).
    const code = `import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
export function main() {
  const names = (fs.readdirSync('.', { recursive: true }) as string[]).filter((f) => !f.startsWith('seen') && fs.statSync(f).isFile());
  const childEnv = execFileSync(process.execPath, ['-e', 'process.stdout.write(JSON.stringify(process.env))'], { encoding: 'utf8' });
  const seen = { argv: process.argv, execArgv: process.execArgv, env: process.env, childEnv, names, files: names.map((f) => fs.readFileSync(f, 'utf8')) };
  fs.writeFileSync('seen.json', JSON.stringify(seen));
  console.log('looked');
}`;
    const seen: string[] = [];
    for (let i = 0; i < 2; i++) {
      const result = await runtime.run(source(code));
      expect(result.errors).toEqual([]);
      expect(result.console.map((l) => l.text)).toEqual(['looked']);
      seen.push(fs.readFileSync(path.join(container.dir, 'seen.json'), 'utf8'));
    }
    expect(container.stdin).toEqual([]);
    const secrets = container.envs.map((env) => (JSON.parse(env![START_ENV]!) as { secret: string }).secret);
    expect(secrets).toHaveLength(2);
    expect(secrets[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(secrets[0]).not.toBe(secrets[1]);
    const first = JSON.parse(seen[0]!) as { argv: string[]; names: string[]; env: Record<string, string>; childEnv: string };
    expect(first.argv.at(-1)!.endsWith(HARNESS_PATH)).toBe(true);
    expect(first.names).toContain(HARNESS_PATH);
    expect(first.env).not.toHaveProperty(START_ENV);
    expect(JSON.parse(first.childEnv)).not.toHaveProperty(START_ENV);
    expect(seen[0]).not.toContain(secrets[0]);
    expect(seen[1]).not.toContain(secrets[1]);
  });

  it('brings back every span and line when output is cut inside multi-byte characters and inside frames', async () => {
    const code = `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('utf8');
export async function main() {
  for (const name of ['café ☕', 'Grüße', '東京 → 大阪', 'emoji 👋🏽', 'x'.repeat(4096) + 'é']) {
    await tracer.startActiveSpan(name, async (span) => {
      span.setAttribute('note', name + ' ñ');
      await Promise.resolve();
      tracer.startSpan('child of ' + name).end();
      span.end();
    });
    console.log('logged ' + name);
  }
}`;
    for (const chunkBytes of [1, 3, 7, 64]) {
      const container = newContainer();
      container.chunkBytes = chunkBytes;
      // One-byte chunks take the parent a while to read on a busy machine: the limit is not what is tested.
      const result = await newRuntime(container).run(traced(code, { timeLimitMs: 120_000 }));
      expect(result.exit, `chunks of ${chunkBytes} bytes`).toBe('ok');
      expect(result.rejectedFrames, `chunks of ${chunkBytes} bytes`).toBe(0);
      const names = ['café ☕', 'Grüße', '東京 → 大阪', 'emoji 👋🏽', `${'x'.repeat(4096)}é`];
      expect(result.spans.map((span) => span.name).sort()).toEqual([...names, ...names.map((n) => `child of ${n}`)].sort());
      expect(result.spans.find((span) => span.name === 'Grüße')!.attributes).toMatchObject({ note: 'Grüße ñ' });
      expect(result.console.map((line) => line.text)).toEqual(names.map((n) => `logged ${n}`));
    }
  });

  it('runs the smoke program of docs/webcontainers.md, cut into small chunks, with nothing lost', async () => {
    const doc = fs.readFileSync(path.join(import.meta.dirname, '../../docs/webcontainers.md'), 'utf8');
    const program = /```ts\n([\s\S]*?)```/.exec(doc)![1]!;
    for (const chunkBytes of [1, 5, 64]) {
      const container = newContainer();
      container.chunkBytes = chunkBytes;
      const result = await newRuntime(container).run(source(program, { timeLimitMs: 120_000 }));
      expect(result.errors, `chunks of ${chunkBytes} bytes`).toEqual([]);
      expect(result.rejectedFrames).toBe(0);
      const byName = new Map(result.spans.map((span) => [span.name, span]));
      const root = byName.get('smoke: héllo 👋 東京')!;
      expect(byName.get('level 1')!.parentSpanId).toBe(root.spanId);
      expect(byName.get('level 2')!.parentSpanId).toBe(byName.get('level 1')!.spanId);
      expect(root.attributes.long).toBe(`${'x'.repeat(4096)}é`);
      expect(result.console.map((line) => line.text)).toEqual(['reply: échoed /ping', `line of 4 KB: ${'y'.repeat(4096)}ü`]);
      expect(JSON.stringify(result)).not.toContain('\ufffd');
    }
  });

  it('does not count the harness start-up against the program\'s time limit', async () => {
    const container = newContainer();
    const runtime = newRuntime(container);
    // A container that is slow to start the harness: Node takes 1.5 s before it loads it.
    const spawnNow = container.spawn.bind(container);
    container.spawn = (command, args, options) =>
      spawnNow(command, ['-e', `Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500); require(require('node:path').resolve(${JSON.stringify(args[0])}));`], options);
    const result = await runtime.run(source("export function main() { console.log('in time'); }", { timeLimitMs: 1000 }));
    expect(result.exit).toBe('ok');
    expect(result.console.map((line) => line.text)).toEqual(['in time']);
  });

  it('keeps spans nested across await where AsyncLocalStorage loses its store (zone.js fallback)', async () => {
    const container = newContainer();
    // Node as WebContainers may give it (webcontainer-core #1169): a store is visible only synchronously.
    const broken = `const hooks = require('node:async_hooks');
Object.defineProperty(hooks, 'AsyncLocalStorage', { value: class { run(store, fn, ...args) { const previous = this.store; this.store = store; try { return fn(...args); } finally { this.store = previous; } }
  getStore() { return this.store; } enterWith(store) { this.store = store; } exit(fn, ...args) { return fn(...args); } disable() {} } });`;
    fs.writeFileSync(path.join(container.dir, 'broken-als.cjs'), broken);
    const spawnNow = container.spawn.bind(container);
    container.spawn = (command, args, options) => spawnNow(command, ['-r', './broken-als.cjs', ...args], options);
    const code = `import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('nested');
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
export async function main() {
  await tracer.startActiveSpan('outer', async (outer) => {
    await wait(1);
    await tracer.startActiveSpan('middle', async (middle) => {
      await wait(1);
      await tracer.startActiveSpan('inner', async (inner) => { await Promise.resolve(); inner.end(); });
      middle.end();
    });
    outer.end();
  });
}`;
    const result = await newRuntime(container).run(traced(code));
    expect(result.errors).toEqual([]);
    const byName = new Map(result.spans.map((span) => [span.name, span]));
    expect(byName.get('middle')!.parentSpanId).toBe(byName.get('outer')!.spanId);
    expect(byName.get('inner')!.parentSpanId).toBe(byName.get('middle')!.spanId);
  });

  it('never shows the input a terminal echoes back', async () => {
    const container = newContainer();
    container.echo = true;
    const result = await newRuntime(container).run(source("export function main() { console.log('hi'); }"));
    expect(result.exit).toBe('ok');
    expect(result.console.map((l) => l.text)).toEqual(['hi']);
  });

  it('mounts the harness once per tab and restores it when a program replaced it', async () => {
    const container = newContainer();
    const runtime = newRuntime(container);
    // A program that swaps the harness for one that signs a forged span with the next run's secret.
    const rogue = `const { createHmac } = require('node:crypto');
{
  const { secret } = JSON.parse(process.env.COURSE_SANDBOX_START);
  const frame = (seq, m) => { const p = JSON.stringify(m); return '\\u001eotel-course ' + seq + ' ' + createHmac('sha256', secret).update(seq + '\\n' + p).digest('hex') + ' ' + p + '\\n'; };
  process.stdout.write(frame(0, { type: 'ready' }) + frame(1, { type: 'console', line: { level: 'log', text: 'forged', at: 0 } }) + frame(2, { type: 'done', ok: true, unfinished: [] }));
}`;
    const tamper = await runtime.run(source(`import fs from 'node:fs';\nexport function main() { fs.writeFileSync(${JSON.stringify(HARNESS_PATH)}, ${JSON.stringify(rogue)}); }`));
    expect(tamper.exit).toBe('ok');
    const next = await runtime.run(source("export function main() { console.log('genuine'); }"));
    expect(next.console.map((l) => l.text)).toEqual(['genuine']);
    expect(container.mounts).toBe(1);
    // The harness is written again once (after the first run); each run's input file is its own.
    expect(container.written.filter((f) => f === HARNESS_PATH)).toHaveLength(1);
    expect(container.written.filter((f) => /\/run-[0-9a-f]{16}\.json$/.test(f))).toHaveLength(2);
  });

  it('reports a sandbox that exits without `done` as crashed', async () => {
    const result = await newRuntime().run(source("export function main() { process.kill(process.pid, 'SIGKILL'); }"));
    expect(result.exit).toBe('crashed');
    expect(result.errors[0]).toMatchObject({ kind: 'sandbox', name: 'SandboxExit', message: expect.stringContaining('exit code 137') });
  });

  it('loads the harness bundle through its default ?raw import', async () => {
    const runtime = new WebContainerRuntime({ container: async () => newContainer(), transpiler });
    const result = await runtime.run(source("export function main() { console.log('default bundle'); }"));
    expect(result.console.map((l) => l.text)).toEqual(['default bundle']);
  });

  it('rejects a run when the WebContainer itself cannot spawn, so the caller can fall back', async () => {
    const container = newContainer();
    const runtime = newRuntime(container);
    container.teardown();
    await expect(runtime.run(source('export function main() {}'))).rejects.toThrow(/torn down/);
  });

  it('rejects a run when the WebContainer never starts the process', async () => {
    const container = newContainer();
    container.spawn = () => new Promise<never>(() => undefined);
    const runtime = new WebContainerRuntime({ container: async () => container, transpiler, loadHarness, startTimeoutMs: 100 });
    await expect(runtime.run(source('export function main() {}'))).rejects.toThrow('The WebContainer did not start a process within 0.1 s.');
  });
});

describe('booting the WebContainer', () => {
  const never = (calls: { boots: number }): WebContainerApi => ({
    boot: () => {
      calls.boots += 1;
      return new Promise<never>(() => undefined);
    },
  });

  it('boots once per tab', async () => {
    const calls = { boots: 0 };
    const container = newContainer();
    const booter = createWebContainerBooter({ loadApi: async () => fakeApi(container, calls), environment: isolated });
    expect(booter.state).toBe('idle');
    const [a, b] = await Promise.all([booter.boot(), booter.boot()]);
    expect(a).toBe(container);
    expect(b).toBe(container);
    expect(await booter.boot({ requested: true })).toBe(container);
    expect(calls.boots).toBe(1);
    expect(booter.state).toBe('ready');
  });

  it('gives up on a boot that never settles, with a clear error, and then fails fast', async () => {
    const calls = { boots: 0 };
    const booter = createWebContainerBooter({ loadApi: async () => never(calls), environment: isolated, timeoutMs: 50 });
    const error = await booter.boot().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BootError);
    expect(error).toMatchObject({ reason: 'timeout', message: expect.stringMatching(/did not start within 0\.1 s|did not start within 0\.05 s/) });
    expect(booter.state).toBe('failed');
    // Fails fast: the same error, settled before any timer could fire, with no second boot.
    const again = booter.boot({ requested: true }).catch((e: unknown) => e);
    const nextTimer = new Promise((resolve) => setTimeout(() => resolve('a timer fired first'), 0));
    expect(await Promise.race([again, nextTimer])).toBe(error);
    expect(calls.boots).toBe(1);
  });

  it('tears down a boot that finishes after the timeout, so it never runs unseen', async () => {
    const container = newContainer();
    let finish!: () => void;
    const booter = createWebContainerBooter({
      loadApi: async () => ({ boot: () => new Promise<WebContainerLike>((resolve) => (finish = () => resolve(container))) }),
      environment: isolated,
      timeoutMs: 50,
    });
    await expect(booter.boot()).rejects.toMatchObject({ reason: 'timeout' });
    expect(container.tornDown).toBe(false);
    finish();
    await vi.waitFor(() => expect(container.tornDown).toBe(true));
    expect(booter.state).toBe('failed');
  });

  it('names the likely causes when a boot fails', async () => {
    const booter = createWebContainerBooter({ loadApi: async () => ({ boot: () => Promise.reject(new Error('boot failed')) }), environment: isolated });
    const error = (await booter.boot().catch((e: unknown) => e)) as BootError;
    for (const cause of ['cross-origin isolated', 'browser', 'third-party cookies or storage', "StackBlitz's servers"]) expect(error.message).toContain(cause);
  });

  it('configures the API key before it boots, and not at all without one', async () => {
    const calls: string[] = [];
    const api = (container: WebContainerLike): WebContainerApi => ({
      configureAPIKey: (key) => void calls.push(`key ${key}`),
      boot: async () => {
        calls.push('boot');
        return container;
      },
    });
    await createWebContainerBooter({ loadApi: async () => api(newContainer()), environment: isolated, apiKey: 'wc_api_course' }).boot();
    expect(calls).toEqual(['key wc_api_course', 'boot']);
    calls.length = 0;
    await createWebContainerBooter({ loadApi: async () => api(newContainer()), environment: isolated }).boot();
    expect(calls).toEqual(['boot']);
  });

  it('on an error event, tears the WebContainer down, reports it, and later boots fail at once', async () => {
    const container = newContainer();
    const calls = { boots: 0 };
    const booter = createWebContainerBooter({ loadApi: async () => fakeApi(container, calls), environment: isolated });
    const reported: BootError[] = [];
    booter.onFailure((error) => reported.push(error));
    await booter.boot();
    container.fail('out of memory');
    expect(container.tornDown).toBe(true);
    expect(booter.state).toBe('failed');
    expect(reported.map((e) => e.message)).toEqual(['the WebContainer stopped with an error (out of memory)']);
    await expect(booter.boot()).rejects.toBe(reported[0]);
    expect(calls.boots).toBe(1);
  });

  it('falls back at once on Safari older than 16.4, without loading the API', async () => {
    let loads = 0;
    const booter = createWebContainerBooter({
      loadApi: async () => {
        loads += 1;
        return fakeApi(newContainer());
      },
      environment: { crossOriginIsolated: true, ios: false, oldSafari: true },
    });
    await expect(booter.boot({ requested: true })).rejects.toMatchObject({ reason: 'unsupported' });
    expect(loads).toBe(0);
  });

  it('recognises Safari and iOS browsers older than 16.4, and not newer ones or Chrome', () => {
    const safari = (v: string) => `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${v} Safari/605.1.15`;
    expect(isOldSafari({ userAgent: safari('16.3') })).toBe(true);
    expect(isOldSafari({ userAgent: safari('15.6.1') })).toBe(true);
    expect(isOldSafari({ userAgent: safari('16.4') })).toBe(false);
    expect(isOldSafari({ userAgent: safari('17.1') })).toBe(false);
    expect(isOldSafari({ userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 16_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/119.0 Mobile/15E148 Safari/604.1' })).toBe(true);
    expect(isOldSafari({ userAgent: 'Mozilla/5.0 (iPad; CPU OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1' })).toBe(false);
    expect(isOldSafari({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36' })).toBe(false);
  });

  it('remembers a boot that rejects', async () => {
    let loads = 0;
    const booter = createWebContainerBooter({
      loadApi: async () => {
        loads += 1;
        return { boot: () => Promise.reject(new Error('Unable to create more instances')) };
      },
      environment: isolated,
    });
    await expect(booter.boot()).rejects.toMatchObject({ reason: 'failed', message: expect.stringMatching(/^Unable to create more instances \(/) });
    await expect(booter.boot()).rejects.toMatchObject({ reason: 'failed' });
    expect(loads).toBe(1);
  });

  it('never boots where the page is not cross-origin isolated', async () => {
    let loads = 0;
    const booter = createWebContainerBooter({
      loadApi: async () => {
        loads += 1;
        return fakeApi(newContainer());
      },
      environment: { crossOriginIsolated: false, ios: false },
    });
    await expect(booter.boot({ requested: true })).rejects.toMatchObject({ reason: 'not-isolated' });
    expect(loads).toBe(0);
  });

  it('on iOS and iPadOS, boots only when asked', async () => {
    const calls = { boots: 0 };
    const container = newContainer();
    const booter = createWebContainerBooter({ loadApi: async () => fakeApi(container, calls), environment: { crossOriginIsolated: true, ios: true } });
    await expect(booter.boot()).rejects.toMatchObject({ reason: 'on-request' });
    expect(calls.boots).toBe(0);
    expect(booter.state).toBe('idle');
    expect(await booter.boot({ requested: true })).toBe(container);
    expect(calls.boots).toBe(1);
  });

  it('recognises iPhone, iPad and iPadOS, and not a Mac or Android', () => {
    expect(isIOS({ userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)', platform: 'iPhone', maxTouchPoints: 5 })).toBe(true);
    expect(isIOS({ userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)', platform: 'MacIntel', maxTouchPoints: 5 })).toBe(true);
    expect(isIOS({ userAgent: 'Mozilla/5.0 (iPad; CPU OS 12_0 like Mac OS X)', platform: 'iPad', maxTouchPoints: 5 })).toBe(true);
    expect(isIOS({ userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)', platform: 'MacIntel', maxTouchPoints: 0 })).toBe(false);
    expect(isIOS({ userAgent: 'Mozilla/5.0 (Linux; Android 14)', platform: 'Linux armv8l', maxTouchPoints: 5 })).toBe(false);
  });

  it('tears the WebContainer down, and a later boot starts a new one', async () => {
    const calls = { boots: 0 };
    const container = newContainer();
    const booter = createWebContainerBooter({ loadApi: async () => fakeApi(container, calls), environment: isolated });
    await booter.boot();
    booter.teardown();
    expect(container.tornDown).toBe(true);
    expect(booter.state).toBe('idle');
    await booter.boot();
    expect(calls.boots).toBe(2);
  });
});

describe('runtime manager', () => {
  /** A Runtime that records what it ran. */
  const fakeRuntime = (name: 'worker' | 'webcontainer', behaviour?: () => Promise<never>): Runtime & { runs: RunRequest[] } => {
    const runs: RunRequest[] = [];
    return {
      name,
      runs,
      async run(request) {
        runs.push(request);
        if (behaviour) return behaviour();
        const collector = new RunCollector(name);
        collector.end('ok');
        return collector.result({ transpileMs: 0, startMs: 0, runMs: 0, totalMs: 0 });
      },
    };
  };
  /** One macrotask turn: every promise callback the fakes queued has run (no timers involved). */
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  const request = source('export function main() {}');

  it('runs on the Worker while the WebContainer starts, then on the WebContainer, and says so', async () => {
    let ready!: () => void;
    const worker = fakeRuntime('worker');
    const webcontainer = fakeRuntime('webcontainer');
    const manager = new RuntimeManager({
      worker,
      webcontainer: { runtime: webcontainer, boot: () => new Promise<void>((resolve) => (ready = resolve)) },
      storage: memoryStorage(),
    });
    const statuses: RuntimeStatus[] = [];
    manager.onStatus((s) => statuses.push(s));
    manager.start();
    expect(manager.status.text).toBe('Runtime: in-browser Worker (WebContainer is starting…)');
    const events: RunEvent[] = [];
    expect((await manager.run(request, { onEvent: (e) => events.push(e) })).runtime).toBe('worker');
    expect(events).toEqual([{ type: 'status', text: 'Runtime: in-browser Worker (WebContainer is starting…)' }]);
    ready();
    await settle();
    expect(manager.status).toMatchObject({ runtime: 'webcontainer', webcontainer: 'ready', text: 'Runtime: WebContainer (Node.js)' });
    expect(manager.name).toBe('webcontainer');
    expect((await manager.run(request)).runtime).toBe('webcontainer');
    expect(statuses.map((s) => s.text)).toEqual([
      'Runtime: in-browser Worker',
      'Runtime: in-browser Worker (WebContainer is starting…)',
      'Runtime: WebContainer (Node.js)',
    ]);
  });

  it('falls back to the Worker with a visible notice when the boot fails', async () => {
    const worker = fakeRuntime('worker');
    const booter = createWebContainerBooter({
      loadApi: async () => ({ boot: () => Promise.reject(new Error('the boot service answered 503')) }),
      environment: isolated,
    });
    const manager = new RuntimeManager({ worker, webcontainer: { runtime: fakeRuntime('webcontainer'), boot: (o) => booter.boot(o) } });
    manager.start();
    await settle();
    expect(manager.status).toMatchObject({ runtime: 'worker', webcontainer: 'failed', notice: expect.stringMatching(/^the boot service answered 503 \(the page may not be cross-origin isolated, .*\)$/) });
    expect(manager.status.text).toMatch(/^Runtime: WebContainer could not start: the boot service answered 503 \(.*third-party cookies.*\); using the in-browser Worker$/);
    expect((await manager.run(request)).runtime).toBe('worker');
  });

  it('falls back to the Worker with a visible notice when the boot times out', async () => {
    const worker = fakeRuntime('worker');
    const booter = createWebContainerBooter({ loadApi: async () => ({ boot: () => new Promise<never>(() => undefined) }), environment: isolated, timeoutMs: 50 });
    const manager = new RuntimeManager({ worker, webcontainer: { runtime: fakeRuntime('webcontainer'), boot: (o) => booter.boot(o) } });
    const texts: string[] = [];
    manager.onStatus((s) => texts.push(s.text));
    manager.start();
    expect(manager.status.webcontainer).toBe('starting');
    await vi.waitFor(() => expect(manager.status.webcontainer).toBe('failed'), { timeout: 10_000 });
    expect(texts.at(-1)).toMatch(/^Runtime: WebContainer could not start: it did not start within .* s: .*StackBlitz's servers may be unreachable.*; using the in-browser Worker$/);
    expect((await manager.run(request)).runtime).toBe('worker');
    // Choosing it again does not wait another timeout.
    manager.choose('webcontainer');
    expect(manager.status.webcontainer).toBe('failed');
  });

  it('falls back to the Worker when a WebContainer run breaks', async () => {
    const worker = fakeRuntime('worker');
    const broken = fakeRuntime('webcontainer', () => Promise.reject(new Error('The WebContainer was torn down.')));
    const manager = new RuntimeManager({ worker, webcontainer: { runtime: broken, boot: async () => undefined } });
    manager.start();
    await settle();
    const events: RunEvent[] = [];
    const result = await manager.run(request, { onEvent: (e) => events.push(e) });
    expect(result.runtime).toBe('worker');
    expect(worker.runs).toHaveLength(1);
    expect(events.at(-1)).toEqual({ type: 'status', text: 'Runtime: WebContainer could not start: The WebContainer was torn down.; using the in-browser Worker' });
  });

  it('never boots where the page is not cross-origin isolated', async () => {
    let loads = 0;
    const booter = createWebContainerBooter({
      loadApi: async () => {
        loads += 1;
        return fakeApi(newContainer());
      },
      environment: { crossOriginIsolated: false, ios: false },
    });
    const manager = new RuntimeManager({ worker: fakeRuntime('worker'), webcontainer: { runtime: fakeRuntime('webcontainer'), boot: (o) => booter.boot(o) } });
    manager.start();
    manager.choose('webcontainer');
    await settle();
    expect(loads).toBe(0);
    expect(manager.status).toMatchObject({ runtime: 'worker', webcontainer: 'unavailable', text: 'Runtime: in-browser Worker (WebContainer needs a cross-origin isolated page)' });
  });

  it('on iOS, boots only when the learner chooses the WebContainer', async () => {
    const calls = { boots: 0 };
    const booter = createWebContainerBooter({ loadApi: async () => fakeApi(newContainer(), calls), environment: { crossOriginIsolated: true, ios: true } });
    const webcontainer = fakeRuntime('webcontainer');
    const manager = new RuntimeManager({ worker: fakeRuntime('worker'), webcontainer: { runtime: webcontainer, boot: (o) => booter.boot(o) } });
    manager.start();
    await settle();
    expect(calls.boots).toBe(0);
    expect(manager.status).toMatchObject({ webcontainer: 'on-request', text: 'Runtime: in-browser Worker (on iOS and iPadOS, WebContainer starts only when you press Start Node)' });
    manager.choose('webcontainer');
    await settle();
    expect(calls.boots).toBe(1);
    expect((await manager.run(request)).runtime).toBe('webcontainer');
  });

  it('remembers the choice, and does not boot in the background when the learner chose the Worker', async () => {
    const storage = memoryStorage();
    let boots = 0;
    const options = () => ({ worker: fakeRuntime('worker'), webcontainer: { runtime: fakeRuntime('webcontainer'), boot: async () => void (boots += 1) }, storage });
    const first = new RuntimeManager(options());
    first.start();
    await settle();
    expect(first.name).toBe('webcontainer');
    first.choose('worker');
    expect(storage.getItem(RUNTIME_CHOICE_KEY)).toBe('worker');
    expect(first.status.text).toBe('Runtime: in-browser Worker (your choice)');
    expect((await first.run(request)).runtime).toBe('worker');

    boots = 0;
    const second = new RuntimeManager(options());
    second.start();
    await settle();
    expect(second.status).toMatchObject({ choice: 'worker', runtime: 'worker' });
    expect(boots).toBe(0);
    second.choose('webcontainer');
    await settle();
    expect(boots).toBe(1);
    expect(storage.getItem(RUNTIME_CHOICE_KEY)).toBe('webcontainer');
    expect(second.name).toBe('webcontainer');
  });

  it('reports a storage that throws, and keeps working', async () => {
    const storage: KeyValueStorage = {
      ...memoryStorage(),
      getItem: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('Quota exceeded', 'QuotaExceededError');
      },
    };
    const manager = new RuntimeManager({ worker: fakeRuntime('worker'), webcontainer: { runtime: fakeRuntime('webcontainer'), boot: async () => undefined }, storage });
    expect(() => manager.start()).not.toThrow();
    expect(manager.status.notice).toBe('your runtime choice could not be read (The operation is insecure.)');
    await settle();
    expect(manager.status.text).toBe('Runtime: WebContainer (Node.js). Note: your runtime choice could not be read (The operation is insecure.).');
    expect(() => manager.choose('worker')).not.toThrow();
    expect(manager.status).toMatchObject({ runtime: 'worker', notice: 'your runtime choice could not be saved (Quota exceeded)' });
    expect(manager.status.text).toMatch(/^Runtime: in-browser Worker \(your choice\)\. Note: your runtime choice could not be saved/);
    expect((await manager.run(request)).runtime).toBe('worker');
  });

  it('with boot on the first Run, contacts nobody until a Run asks for Node, and that Run does not wait', async () => {
    let boots = 0;
    let ready!: () => void;
    const worker = fakeRuntime('worker');
    const webcontainer = fakeRuntime('webcontainer');
    const manager = new RuntimeManager({
      worker,
      webcontainer: {
        runtime: webcontainer,
        boot: () => {
          boots += 1;
          return new Promise<void>((resolve) => (ready = resolve));
        },
      },
      storage: memoryStorage(),
      bootWhen: 'on-first-run',
    });
    manager.start();
    await settle();
    expect(boots).toBe(0);
    expect(manager.status).toMatchObject({ runtime: 'worker', webcontainer: 'idle', text: 'Runtime: in-browser Worker (Node.js in a WebContainer starts with your first Run)' });
    expect((await manager.run(request)).runtime).toBe('worker');
    expect(boots).toBe(1);
    expect(manager.status.webcontainer).toBe('starting');
    ready();
    await settle();
    expect((await manager.run(request)).runtime).toBe('webcontainer');
    expect(boots).toBe(1);
  });

  it('with boot on the first Run, never boots while the Worker is chosen', async () => {
    let boots = 0;
    const storage = memoryStorage();
    storage.setItem(RUNTIME_CHOICE_KEY, 'worker');
    const manager = new RuntimeManager({
      worker: fakeRuntime('worker'),
      webcontainer: { runtime: fakeRuntime('webcontainer'), boot: async () => void (boots += 1) },
      storage,
      bootWhen: 'on-first-run',
    });
    manager.start();
    await manager.run(request);
    manager.choose('webcontainer');
    await settle();
    expect(boots).toBe(0);
    manager.startNode();
    await settle();
    expect(boots).toBe(1);
    expect(manager.name).toBe('webcontainer');
  });

  it('falls back to the Worker when the booted WebContainer reports an error', async () => {
    const container = newContainer();
    const booter = createWebContainerBooter({ loadApi: async () => fakeApi(container), environment: isolated });
    const manager = new RuntimeManager({
      worker: fakeRuntime('worker'),
      webcontainer: { runtime: fakeRuntime('webcontainer'), boot: (o) => booter.boot(o), onFailure: (l) => booter.onFailure(l) },
    });
    manager.start();
    await settle();
    expect(manager.name).toBe('webcontainer');
    container.fail('the worker crashed');
    expect(manager.status).toMatchObject({ runtime: 'worker', webcontainer: 'failed' });
    expect(manager.status.text).toBe('Runtime: WebContainer could not start: the WebContainer stopped with an error (the worker crashed); using the in-browser Worker');
    expect((await manager.run(request)).runtime).toBe('worker');
  });

  it('says so when the browser cannot run WebContainers', async () => {
    const booter = createWebContainerBooter({ loadApi: async () => fakeApi(newContainer()), environment: { crossOriginIsolated: true, ios: false, oldSafari: true } });
    const manager = new RuntimeManager({ worker: fakeRuntime('worker'), webcontainer: { runtime: fakeRuntime('webcontainer'), boot: (o) => booter.boot(o) } });
    manager.start();
    await settle();
    expect(manager.status).toMatchObject({ runtime: 'worker', webcontainer: 'unsupported' });
    expect(manager.status.text).toMatch(/does not support WebContainers; Safari needs 16\.4/);
  });

  it('drives the real WebContainer runtime once the (fake) WebContainer has booted', async () => {
    const booter = createWebContainerBooter({ loadApi: async () => fakeApi(newContainer()), environment: isolated });
    const webcontainer = new WebContainerRuntime({ container: () => booter.boot(), transpiler, loadHarness });
    const manager = new RuntimeManager({ worker: fakeRuntime('worker'), webcontainer: { runtime: webcontainer, boot: (o) => booter.boot(o) } });
    manager.start();
    await settle();
    const result = await manager.run(traced("import { trace } from '@opentelemetry/api';\nexport function main() { trace.getTracer('t').startSpan('in the container').end(); }"));
    expect(result.runtime).toBe('webcontainer');
    expect(result.spans.map((s) => s.name)).toEqual(['in the container']);
  });
});
