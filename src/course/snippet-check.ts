import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from './paths.ts';
import { lessonSlugFromFile } from './slugs.ts';
import { checkedBlocks, snippetFileNames, type CodeBlock } from './snippets.ts';

export interface SnippetError {
  /** Lesson file, relative to the project root. */
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
}

export interface SnippetCheckResult {
  lessons: number;
  blocks: number;
  errors: SnippetError[];
}

/** Compiler options a learner's own Node + browser project would have. */
const compilerOptions = {
  strict: true,
  noEmit: true,
  target: 'es2022',
  module: 'nodenext',
  moduleResolution: 'nodenext',
  moduleDetection: 'force',
  lib: ['es2023', 'dom', 'dom.iterable'],
  types: ['node'],
  skipLibCheck: true,
  esModuleInterop: true,
};

/**
 * Writes each lesson's checked blocks into a scratch project inside `node_modules/.cache` (so
 * that imports resolve to the installed packages), runs one `tsc` over all of them and maps
 * every diagnostic back to its lesson file and line.
 */
export async function checkSnippets(options: { contentDir: string; files?: string[] | undefined }): Promise<SnippetCheckResult> {
  const lessonsDir = path.join(options.contentDir, 'lessons');
  const lessonFiles = options.files?.map((f) => path.resolve(f)) ??
    fs.readdirSync(lessonsDir).filter((f) => f.endsWith('.mdx')).sort().map((f) => path.join(lessonsDir, f));

  // Inside node_modules so that imports resolve to the installed packages; one folder per call
  // so that two checks can run at once.
  const cache = path.join(projectRoot, 'node_modules', '.cache');
  fs.mkdirSync(cache, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(cache, 'course-snippets-'));
  fs.writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({ type: 'module' }));

  const origin = new Map<string, { lesson: string; block: CodeBlock }>();
  let blockCount = 0;
  for (const lessonFile of lessonFiles) {
    const blocks = checkedBlocks(fs.readFileSync(lessonFile, 'utf8'));
    const dir = path.join(scratch, lessonSlugFromFile(path.basename(lessonFile)));
    fs.mkdirSync(dir, { recursive: true });
    snippetFileNames(blocks).forEach((name, i) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, blocks[i]!.code + '\n');
      origin.set(path.resolve(file), { lesson: path.relative(projectRoot, lessonFile), block: blocks[i]! });
    });
    blockCount += blocks.length;
  }
  fs.writeFileSync(path.join(scratch, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['**/*.ts', '**/*.tsx'] }, null, 2));

  const tsc = path.join(projectRoot, 'node_modules', '.bin', 'tsc');
  const output = await promisify(execFile)(tsc, ['-p', scratch, '--pretty', 'false'], { cwd: scratch, maxBuffer: 64 << 20 })
    .then((r) => r.stdout)
    .catch((error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`);

  fs.rmSync(scratch, { recursive: true, force: true });

  const errors: SnippetError[] = [];
  let last: SnippetError | undefined;
  for (const line of output.split('\n')) {
    const diag = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
    if (diag) {
      const file = path.resolve(scratch, diag[1]!);
      const from = origin.get(file);
      last = {
        file: from?.lesson ?? path.relative(projectRoot, file),
        line: (from ? from.block.firstLine - 1 : 0) + Number(diag[2]),
        column: Number(diag[3]),
        code: diag[4]!,
        message: diag[5]!,
      };
      errors.push(last);
    } else if (last && /^\s+\S/.test(line)) {
      last.message += `\n${line}`;
    } else if (/error TS\d+/.test(line)) {
      errors.push({ file: 'tsconfig', line: 0, column: 0, code: 'TS', message: line });
    }
  }
  return { lessons: lessonFiles.length, blocks: blockCount, errors };
}
