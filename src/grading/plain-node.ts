/**
 * Proof that what an exercise teaches works outside the sandbox: its reference solution, run as
 * a plain Node program (the exercise's files compiled to JavaScript by esbuild, `node`, the real
 * npm packages, nothing registered for it), must produce the trace the sandbox produced.
 */
import type { BuildOptions } from 'esbuild';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../course/paths.ts';
import type { LoadedExercise } from '../exercises/load.ts';
import { exerciseRunRequest } from '../exercises/request.ts';
import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';
import type { PlainNodeOutput } from './plain-node/runner.ts';
import { firstDifference, sameSpanKinds, traceShape } from './trace-shape.ts';

interface Tools {
  dir: string;
  runner: string;
}

let tools: Promise<Tools> | undefined;

/** The runner and `@course/sandbox`, bundled once per process (OpenTelemetry stays external: the program's own copy). */
function buildTools(): Promise<Tools> {
  tools ??= (async () => {
    const esbuild = await import('esbuild');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plain-node-'));
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    const common: BuildOptions = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', external: ['@opentelemetry/*'], logLevel: 'warning' };
    const runner = path.join(dir, 'runner.cjs');
    await esbuild.build({ ...common, entryPoints: [path.join(projectRoot, 'src/grading/plain-node/runner.ts')], outfile: runner });
    await esbuild.build({
      ...common,
      entryPoints: [path.join(projectRoot, 'src/grading/plain-node/course-sandbox.ts')],
      outfile: path.join(dir, 'node_modules/@course/sandbox/index.js'),
    });
    return { dir, runner };
  })();
  return tools;
}

const nodeBinary = (): string => {
  const local = path.join(projectRoot, 'node_modules/node/bin/node');
  return fs.existsSync(local) ? local : process.execPath;
};

/** Compiles the exercise's files (with `code` as the learner's file) into a folder of CommonJS modules. */
async function compile(exercise: LoadedExercise, code: string, into: string): Promise<string> {
  const esbuild = await import('esbuild');
  const request = exerciseRunRequest(exercise, code);
  fs.mkdirSync(into, { recursive: true });
  for (const [name, source] of Object.entries(request.files)) {
    const { code: js } = await esbuild.transform(source, { loader: 'ts', format: 'cjs', target: 'node22', sourcefile: name });
    const file = path.join(into, name.replace(/\.ts$/, '.js'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, js);
  }
  return path.join(into, request.entry.replace(/\.ts$/, '.js'));
}

/** Runs the compiled program once; `seed` makes Math.random (and so the SDK's ids) repeatable. */
async function runOnce(entry: string, seed?: number, timeLimitMs = 15_000): Promise<PlainNodeOutput & { output: string }> {
  const { dir, runner } = await buildTools();
  const out = path.join(path.dirname(entry), `spans-${seed ?? 'random'}.json`);
  fs.rmSync(out, { force: true });
  const child = spawn(nodeBinary(), [runner, entry, out, ...(seed === undefined ? [] : [String(seed)])], {
    cwd: path.dirname(entry),
    // The real packages of this repository; `@course/sandbox` from the tools folder.
    env: { ...process.env, NODE_PATH: [path.join(dir, 'node_modules'), path.join(projectRoot, 'node_modules')].join(path.delimiter) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeLimitMs);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  if (!fs.existsSync(out)) {
    return { spans: [], error: `it ended (exit ${code ?? 'killed'}) without reporting its spans: ${output.trim().split('\n').slice(-5).join(' | ')}`, output };
  }
  return { ...(JSON.parse(fs.readFileSync(out, 'utf8')) as PlainNodeOutput), output };
}

/**
 * Whether the program's trace changes with the random numbers it gets: runs it with a few fixed
 * seeds and stops at the first that gives another trace than the first seed.
 */
async function dependsOnChance(entry: string): Promise<boolean> {
  const first = await runOnce(entry, 1);
  if (first.error) return false;
  for (const seed of [2, 3, 4]) {
    const other = await runOnce(entry, seed);
    if (!other.error && firstDifference(traceShape(first.spans), traceShape(other.spans), { a: 'one seed', b: 'another' })) return true;
  }
  return false;
}

/**
 * Runs the exercise's reference solution as a plain Node program and compares its trace with the
 * sandbox's (`sandboxSpans`, from grading the same solution). Returns the problem, naming the
 * exercise and the first difference, or undefined when both agree. When the two differ only in
 * how many spans of each kind there are, and a program with fixed random seeds changes those
 * numbers from seed to seed, the numbers depend on chance (sampling by random trace ids): then
 * only which kinds of spans exist is compared.
 */
export async function plainNodeProblem(exercise: LoadedExercise, sandboxSpans: readonly SpanRecord[]): Promise<string | undefined> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `plain-node-${exercise.id}-`));
  const where = `exercises/${exercise.id}/solution.ts, run as a plain Node program`;
  try {
    const entry = await compile(exercise, exercise.solution, work);
    const plain = await runOnce(entry);
    if (plain.error) return `${where}, failed: ${plain.error}`;
    const sandbox = traceShape(sandboxSpans);
    const shape = traceShape(plain.spans);
    const difference = firstDifference(shape, sandbox, { a: 'plain Node', b: 'the sandbox' });
    if (!difference) return undefined;
    if (sameSpanKinds(shape, sandbox)) {
      if (await dependsOnChance(entry)) return undefined;
    }
    return `${where}, gives another trace than the sandbox: ${difference}.`;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
