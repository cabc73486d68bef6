import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import type { CompiledFile, RunError, SourcePosition } from '../wire/protocol.ts';
import { formatValue } from './console.ts';

/** Learner modules are compiled under this URL scheme, so their stack frames are easy to tell apart. */
const SCHEME = 'learner:///';
const FRAME = /^\s*at (?:(.*?) \()?learner:\/\/\/([^:()]+):(\d+):(\d+)\)?$/;

type Factory = (exports: object, require: (spec: string) => unknown, module: { exports: unknown }, filename: string, dirname: string) => void;

/** Lines `new Function` adds above the body; measured, since it is an engine detail. */
const functionHeaderLines = (() => {
  try {
    new Function(`throw new Error()\n//# sourceURL=${SCHEME}probe.js`)();
  } catch (error) {
    const line = /probe\.js:(\d+)/.exec(String((error as Error).stack))?.[1];
    if (line) return Number(line) - 1;
  }
  return 2;
})();

/**
 * A tiny CommonJS loader for the learner's files. Every module gets a `require` that resolves
 * relative imports among the learner's files and hands out the sandbox's own packages, so that
 * learner code and harness share one OpenTelemetry API and one tracer provider.
 */
export class LearnerModules {
  private readonly cache = new Map<string, { exports: unknown }>();
  private readonly maps = new Map<string, TraceMap>();

  private readonly files: Record<string, CompiledFile>;
  /** A package by name, for the file that requires it (the exercise's own files get more). */
  private readonly builtin: (name: string, from: string) => unknown;
  private readonly available: string[];

  constructor(files: Record<string, CompiledFile>, builtin: (name: string, from: string) => unknown, available: string[]) {
    this.files = files;
    this.builtin = builtin;
    this.available = available;
  }

  load(name: string): unknown {
    const cached = this.cache.get(name);
    if (cached) return cached.exports;
    const file = this.files[name];
    if (!file) throw new Error(`Cannot find module './${name}'`);
    const module = { exports: {} as unknown };
    this.cache.set(name, module);
    const factory = new Function('exports', 'require', 'module', '__filename', '__dirname', `${file.code}\n//# sourceURL=${SCHEME}${name}`) as Factory;
    const dir = name.includes('/') ? name.slice(0, name.lastIndexOf('/')) : '';
    factory(module.exports as object, (spec) => this.require(name, dir, spec), module, `/${name}`, `/${dir}`);
    return module.exports;
  }

  private require(from: string, dir: string, spec: string): unknown {
    if (spec.startsWith('./') || spec.startsWith('../')) {
      const target = this.resolveRelative(dir, spec);
      if (target) return this.load(target);
      throw new Error(`Cannot find module '${spec}': there is no such file in this exercise (files: ${Object.keys(this.files).join(', ')}).`);
    }
    const mod = this.builtin(spec, from);
    if (mod !== undefined) return mod;
    throw new Error(
      `Cannot find module '${spec}': packages cannot be installed in this sandbox. It provides ${this.available.join(', ')}.`,
    );
  }

  private resolveRelative(dir: string, spec: string): string | undefined {
    const parts = dir ? dir.split('/') : [];
    for (const part of spec.split('/')) {
      if (part === '..') parts.pop();
      else if (part !== '.') parts.push(part);
    }
    const base = parts.join('/');
    const stem = base.replace(/\.(js|mjs|cjs|ts|mts|cts)$/, '');
    return [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.js`, `${base}/index.ts`].find((c) => c in this.files);
  }

  /**
   * Maps a generated position back to the learner's TypeScript; undefined for code the
   * transpiler added (the `__awaiter` helpers), which the learner never wrote.
   */
  private original(file: string, line: number, column: number): SourcePosition | undefined {
    const map = this.files[file]?.map;
    if (!map) return { file, line: line - functionHeaderLines, column };
    let traced = this.maps.get(file);
    if (!traced) {
      traced = new TraceMap(map);
      this.maps.set(file, traced);
    }
    const pos = originalPositionFor(traced, { line: line - functionHeaderLines, column: column - 1 });
    return pos.line == null ? undefined : { file, line: pos.line, column: pos.column + 1 };
  }

  /** A learner-facing description of anything thrown: mapped position and a stack of the learner's frames only. */
  describe(thrown: unknown, prefix?: string): RunError {
    // The SDK rejects a flush that failed in several processors with an array of errors.
    if (Array.isArray(thrown) && thrown.length > 0 && thrown.every((e) => e instanceof Error)) {
      const first = this.describe(thrown[0], prefix);
      return thrown.length === 1 ? first : { ...first, message: `${first.message} (and ${thrown.length - 1} more error${thrown.length > 2 ? 's' : ''})` };
    }
    const isError = typeof thrown === 'object' && thrown !== null && typeof (thrown as Error).message === 'string';
    if (!isError) {
      return {
        kind: 'runtime',
        name: 'NonError',
        message: `${prefix ? `${prefix}: ` : ''}${formatValue(thrown, 1)} was thrown. Throw an Error object instead, so that it has a message and a stack.`,
      };
    }
    const error = thrown as Error;
    let at: SourcePosition | undefined;
    const frames: string[] = [];
    for (const line of String(error.stack ?? '').split('\n')) {
      const match = FRAME.exec(line);
      if (!match) continue;
      const pos = this.original(match[2]!, Number(match[3]), Number(match[4]));
      if (!pos) continue;
      at ??= pos;
      const fn = match[1] && match[1] !== 'eval' ? `${match[1]} ` : '';
      frames.push(`    at ${fn}(${pos.file}:${pos.line}:${pos.column})`);
    }
    const name = typeof error.name === 'string' ? error.name : 'Error';
    const message = `${prefix ? `${prefix}: ` : ''}${error.message}`;
    return { kind: 'runtime', name, message, at, stack: [`${name}: ${message}`, ...frames].join('\n') };
  }
}
