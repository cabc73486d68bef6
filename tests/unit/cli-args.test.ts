import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../bench/run.ts';
import { parseCheckContentArgs } from '../../scripts/check-content.ts';
import { parseCheckSnippetsArgs } from '../../scripts/check-snippets.ts';
import { oneOf, parseCommandLine, portFromEnv, UsageError } from '../../scripts/cli.ts';
import { parseGradeArgs } from '../../scripts/grade.ts';
import { parseNewExerciseArgs } from '../../scripts/new-exercise.ts';
import { parseNewLessonArgs } from '../../scripts/new-lesson.ts';

/** The UsageError message `parse` throws (fails the test when it throws none or another error). */
function usageError(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError, and the arguments were accepted');
}

describe('the shared command-line parsing', () => {
  it('names the valid options when given an unknown one', () => {
    expect(usageError(() => parseCommandLine(['--jsn'], { json: { type: 'boolean' }, out: { type: 'string', short: 'o' } }))).toBe(
      "unknown option '--jsn'; use one of: --json, --out (-o)",
    );
    expect(usageError(() => parseCommandLine(['-v'], {}))).toBe("unknown option '-v'; this command takes none");
  });

  it('names a missing or an extra positional', () => {
    const names = { names: ['exercise id', 'file'], required: 1 };
    expect(usageError(() => parseCommandLine([], {}, names))).toBe('missing the exercise id');
    expect(usageError(() => parseCommandLine(['a', 'b', 'c'], {}, names))).toBe("unexpected argument 'c' after the file");
    expect(usageError(() => parseCommandLine(['x'], {}))).toBe("unexpected argument 'x': this command takes none");
    expect(parseCommandLine(['a', 'b', 'c'], {}, { names: ['file'], rest: true }).positionals).toEqual(['a', 'b', 'c']);
  });

  it('reports a string option without its value', () => {
    expect(usageError(() => parseCommandLine(['--title'], { title: { type: 'string' } }))).toMatch(/--title/);
  });

  it('accepts a value from the list, and lists it otherwise', () => {
    expect(oneOf('runtime', 'node', ['node', 'worker'])).toBe('node');
    expect(usageError(() => oneOf('runtime', 'Node', ['node', 'worker']))).toBe("unknown runtime 'Node'; use one of: node, worker");
  });

  it('reads a port from the environment', () => {
    expect(portFromEnv('BENCH_PORT', 4399, {})).toBe(4399);
    expect(portFromEnv('BENCH_PORT', 4399, { BENCH_PORT: '4411' })).toBe(4411);
    for (const bad of ['0', '65536', '44.1', 'http']) {
      expect(usageError(() => portFromEnv('BENCH_PORT', 4399, { BENCH_PORT: bad }))).toBe(`BENCH_PORT='${bad}' is not a port; use a whole number from 1 to 65535`);
    }
  });
});

describe('npm run check:content arguments', () => {
  it('check both runtimes by default, or the ones named', () => {
    expect(parseCheckContentArgs([])).toEqual({ runtimes: ['node', 'worker'] });
    expect(parseCheckContentArgs(['--runtime', 'node'])).toEqual({ runtimes: ['node'] });
    expect(parseCheckContentArgs(['--runtime=worker', '--runtime', 'node'])).toEqual({ runtimes: ['worker', 'node'] });
  });

  it('refuse an unknown runtime or option', () => {
    expect(usageError(() => parseCheckContentArgs(['--runtime', 'nod']))).toBe("unknown runtime 'nod'; use one of: node, worker");
    expect(usageError(() => parseCheckContentArgs(['--runtimes', 'node']))).toBe("unknown option '--runtimes'; use one of: --runtime");
    expect(usageError(() => parseCheckContentArgs(['node']))).toBe("unexpected argument 'node': this command takes none");
  });
});

describe('npm run grade arguments', () => {
  const exercises = ['checkout-trace', 'one-trace'];

  it('take an exercise id, an optional file and --json', () => {
    expect(parseGradeArgs(['one-trace'], exercises)).toEqual({ id: 'one-trace', json: false });
    expect(parseGradeArgs(['checkout-trace', 'mine.ts', '--json'], exercises)).toEqual({ id: 'checkout-trace', file: 'mine.ts', json: true });
  });

  it('take the seed of a hidden run to replay, a whole number', () => {
    expect(parseGradeArgs(['one-trace', 'mine.ts', '--seed', '461789164'], exercises)).toEqual({ id: 'one-trace', file: 'mine.ts', json: false, seed: 461789164 });
    expect(usageError(() => parseGradeArgs(['one-trace', '--seed', 'abc'], exercises))).toBe('--seed must be a whole number >= 0, not abc');
  });

  it('take a folder with where its results go and how many run at once', () => {
    expect(parseGradeArgs(['one-trace', 'class/', '--results', 'r.json', '--junit', 'r.xml', '--jobs', '4'], exercises)).toEqual({
      id: 'one-trace',
      file: 'class/',
      json: false,
      results: 'r.json',
      junit: 'r.xml',
      jobs: 4,
    });
    expect(usageError(() => parseGradeArgs(['one-trace', 'class/', '--jobs', '0'], exercises))).toBe("--jobs '0' is not a number of jobs; use a whole number from 1");
  });

  it('refuse an unknown or missing exercise, listing the exercises, and unknown options', () => {
    expect(usageError(() => parseGradeArgs(['checkout'], exercises))).toBe("unknown exercise 'checkout'; use one of: checkout-trace, one-trace");
    expect(usageError(() => parseGradeArgs([], exercises))).toBe('missing the exercise id; use one of: checkout-trace, one-trace');
    expect(usageError(() => parseGradeArgs(['one-trace', '--jsno'], exercises))).toBe("unknown option '--jsno'; use one of: --json, --seed, --results, --junit, --jobs");
    expect(usageError(() => parseGradeArgs(['one-trace', 'a.ts', 'b.ts'], exercises))).toBe("unexpected argument 'b.ts' after the file");
  });
});

describe('npm run check:snippets arguments', () => {
  const cwd = '/course';
  const lessons = ['content/lessons/01-traces.mdx', 'content/lessons/02-setup.mdx'];

  it('check every lesson by default, or the lesson files named', () => {
    expect(parseCheckSnippetsArgs([], lessons, cwd)).toEqual({});
    expect(parseCheckSnippetsArgs(['./content/lessons/02-setup.mdx', '/course/content/lessons/01-traces.mdx'], lessons, cwd)).toEqual({
      files: [path.resolve(cwd, lessons[1]!), path.resolve(cwd, lessons[0]!)],
    });
  });

  it('refuse a file that is not a lesson, listing the lessons', () => {
    expect(usageError(() => parseCheckSnippetsArgs(['content/lessons/03-spans.mdx'], lessons, cwd))).toBe(
      "unknown lesson file 'content/lessons/03-spans.mdx'; use one of: content/lessons/01-traces.mdx, content/lessons/02-setup.mdx",
    );
    expect(usageError(() => parseCheckSnippetsArgs(['--all'], lessons, cwd))).toBe("unknown option '--all'; this command takes none");
  });
});

describe('npm run new:lesson and new:exercise arguments', () => {
  it('take a slug or id and their options', () => {
    expect(parseNewLessonArgs(['baggage', '--title', 'Baggage'])).toEqual({ slug: 'baggage', title: 'Baggage' });
    expect(parseNewLessonArgs([])).toEqual({ slug: undefined });
    expect(parseNewExerciseArgs(['queue-spans', '--lesson', 'sampling'])).toEqual({ id: 'queue-spans', lesson: 'sampling' });
    expect(parseNewExerciseArgs(['queue-spans', '--lesson', 'sampling', '--objective', '2', '--objective', 'Keep every error.'])).toEqual({ id: 'queue-spans', lesson: 'sampling', objectives: ['2', 'Keep every error.'] });
  });

  it('refuse unknown options, a second slug and a missing --lesson', () => {
    expect(usageError(() => parseNewLessonArgs(['baggage', '--titel', 'Baggage']))).toBe("unknown option '--titel'; use one of: --title");
    expect(usageError(() => parseNewLessonArgs(['context', 'propagation']))).toBe("unexpected argument 'propagation' after the slug");
    expect(usageError(() => parseNewExerciseArgs(['queue-spans']))).toBe('Missing --lesson <lesson-slug>: the lesson the exercise belongs to.');
    expect(usageError(() => parseNewExerciseArgs(['queue-spans', '--lessons', 'sampling']))).toBe("unknown option '--lessons'; use one of: --lesson, --title, --kind, --objective");
  });
});

describe('npm run bench arguments', () => {
  it('run in full by default, quick with --quick, on BENCH_PORT', () => {
    expect(parseBenchArgs([], {})).toEqual({ scale: 'full', port: 4399 });
    expect(parseBenchArgs(['--quick'], { BENCH_PORT: '4411' })).toEqual({ scale: 'quick', port: 4411 });
  });

  it('refuse anything else', () => {
    expect(parseBenchArgs(['--only', 'runtime', '--only', 'content', '--only', 'runtime'], {})).toEqual({ scale: 'full', port: 4399, only: ['runtime', 'content'] });
    expect(usageError(() => parseBenchArgs(['--only', 'speed'], {}))).toBe("unknown only 'speed'; use one of: runtime, editor, viewer, lighthouse, build, content");
    expect(usageError(() => parseBenchArgs(['--fast'], {}))).toBe("unknown option '--fast'; use one of: --quick, --only");
    expect(usageError(() => parseBenchArgs(['--quick=yes'], {}))).toMatch(/--quick/);
  });
});
