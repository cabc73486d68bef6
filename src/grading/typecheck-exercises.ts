import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../course/paths.ts';
import type { LoadedExercise } from '../exercises/load.ts';

export interface TypeError {
  /** The exercise file the error is in (starter.ts, solution.ts or a file of the folder). */
  file: string;
  line: number;
  column: number;
  message: string;
}

/**
 * Type-checks each exercise twice, as the learner sees it: once with starter.ts and once with
 * solution.ts in place of the learner's file, beside the scenario, read-only files and checks.
 * One `tsc` run for the whole course; errors map back to the exercise's own files.
 */
export async function typecheckExercises(exercises: LoadedExercise[]): Promise<TypeError[]> {
  const cache = path.join(projectRoot, 'node_modules', '.cache');
  fs.mkdirSync(cache, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(cache, 'exercise-types-'));
  const origin = new Map<string, string>();
  try {
    for (const exercise of exercises) {
      for (const variant of ['starter', 'solution'] as const) {
        const dir = path.join(scratch, exercise.id, variant);
        fs.mkdirSync(dir, { recursive: true });
        const files: Record<string, string> = { ...exercise.files, [exercise.meta.file]: exercise[variant] };
        if (variant === 'solution') files['checks.ts'] = fs.readFileSync(exercise.checksFile, 'utf8');
        for (const [name, text] of Object.entries(files)) {
          fs.writeFileSync(path.join(dir, name), text);
          const source = name === exercise.meta.file ? `${variant}.ts` : name;
          origin.set(path.join(dir, name), path.join('exercises', exercise.id, source));
        }
      }
    }
    fs.writeFileSync(
      path.join(scratch, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'es2022',
          module: 'esnext',
          moduleResolution: 'bundler',
          moduleDetection: 'force',
          lib: ['es2023', 'dom'],
          types: [],
          skipLibCheck: true,
          allowImportingTsExtensions: true,
        },
        include: ['**/*.ts'],
        files: [path.join(projectRoot, 'sandboxes/types/course-sandbox.d.ts'), path.join(projectRoot, 'sandboxes/types/process.d.ts')],
      }),
    );
    const tsc = path.join(projectRoot, 'node_modules', '.bin', 'tsc');
    const output = await promisify(execFile)(tsc, ['-p', scratch, '--pretty', 'false'], { cwd: scratch, maxBuffer: 64 << 20 })
      .then((r) => r.stdout)
      .catch((error: { stdout?: string }) => error.stdout ?? String(error));
    const errors: TypeError[] = [];
    for (const line of output.split('\n')) {
      const diag = /^(.+?)\((\d+),(\d+)\): error (TS\d+: .*)$/.exec(line);
      if (!diag) continue;
      const file = path.resolve(scratch, diag[1]!);
      errors.push({ file: origin.get(file) ?? file, line: Number(diag[2]), column: Number(diag[3]), message: diag[4]! });
    }
    // The same error in a read-only file shows up in both variants: report it once.
    return errors.filter((e, i) => errors.findIndex((o) => o.file === e.file && o.line === e.line && o.message === e.message) === i);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
