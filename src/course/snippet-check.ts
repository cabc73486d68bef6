import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { OtelLine } from './code-blocks.ts';
import { ensureOtel3xInstall, otel3xPackageNames } from './otel-3x-packages.ts';
import { projectRoot } from './paths.ts';
import { lessonSlugFromFile } from './slugs.ts';
import { checkedBlocks, importedPackages, snippetFileNames, uncheckedBlocks, type CodeBlock } from './snippets.ts';

export interface SnippetError {
  /** Lesson file, relative to the project root. */
  file: string;
  line: number;
  column: number;
  /** A TypeScript code (`TS2339`), or `COURSE` for a rule of the course. */
  code: string;
  message: string;
}

/** A block shown without a type-check, and the reason its fence gives. */
export interface SkippedBlock {
  file: string;
  line: number;
  reason: string;
}

export interface SnippetCheckResult {
  lessons: number;
  /** Blocks type-checked, each counted once even when checked against both lines. */
  blocks: number;
  /** Of those, blocks checked against the 3.x install. */
  otel3Blocks: number;
  skipped: SkippedBlock[];
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

/** Packages whose tracer providers only the old API needs; lesson code uses `@opentelemetry/sdk-trace`. */
const OLD_TRACE_PACKAGES = ['@opentelemetry/sdk-trace-base', '@opentelemetry/sdk-trace-node'];

interface LessonBlocks {
  lesson: string;
  slug: string;
  blocks: CodeBlock[];
}

/**
 * Rules the compiler cannot see: old packages outside `legacy` blocks, 3.x imports the 3.x folder
 * lacks (for blocks that are type-checked), a `nocheck` without its reason.
 */
function courseRuleErrors(lesson: string, block: CodeBlock, otel3Packages: () => Set<string>): SnippetError[] {
  const errors: SnippetError[] = [];
  const at = (message: string): SnippetError => ({ file: lesson, line: block.firstLine - 1, column: 1, code: 'COURSE', message });
  const imports = importedPackages(block.code);
  if (!block.meta.legacy) {
    for (const name of imports.filter((n) => OLD_TRACE_PACKAGES.includes(n))) {
      errors.push(at(`imports ${name}: use @opentelemetry/sdk-trace, or mark the block \`legacy\``));
    }
    if (/\bBasicTracerProvider\b/.test(block.code)) errors.push(at('uses BasicTracerProvider: use TracerProvider, or mark the block `legacy`'));
  }
  if (block.meta.otel.includes(3) && block.meta.nocheck === undefined) {
    const pinned = otel3Packages();
    for (const name of imports.filter((n) => n.startsWith('@opentelemetry/') && !pinned.has(n))) {
      errors.push(at(`imports ${name}, which scripts/otel-3x/package.json does not pin: it would resolve to the 2.x install`));
    }
  }
  if (block.meta.nocheck === '') errors.push(at('`nocheck` needs a reason: nocheck="why this block cannot compile"'));
  return errors;
}

/**
 * Writes the given blocks into a scratch project under `<root>/node_modules/.cache` (so that
 * imports resolve to the packages installed in `root`), runs one `tsc` over all of them and maps
 * every diagnostic back to its lesson file and line.
 */
async function typeCheck(root: string, lessons: LessonBlocks[]): Promise<SnippetError[]> {
  if (lessons.every((l) => l.blocks.length === 0)) return [];
  // One folder per call so that two checks can run at once.
  const cache = path.join(root, 'node_modules', '.cache');
  fs.mkdirSync(cache, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(cache, 'course-snippets-'));
  fs.writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({ type: 'module' }));

  const origin = new Map<string, { lesson: string; block: CodeBlock }>();
  for (const { lesson, slug, blocks } of lessons) {
    const dir = path.join(scratch, slug);
    fs.mkdirSync(dir, { recursive: true });
    snippetFileNames(blocks).forEach((name, i) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, blocks[i]!.code + '\n');
      origin.set(path.resolve(file), { lesson, block: blocks[i]! });
    });
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
  return errors;
}

/**
 * Type-checks every TypeScript block of the lessons: blocks for the 2.x line (the default, and
 * `legacy` ones) against the installed packages, blocks marked `otel=3` against the 3.x folder,
 * installed on demand, and blocks marked `otel=2+3` against both. Blocks marked `nocheck="why"` are listed with their reason instead.
 */
export async function checkSnippets(options: {
  contentDir: string;
  files?: string[] | undefined;
  /** The folder holding the 3.x packages (default: `scripts/otel-3x`). */
  otel3xDir?: string;
}): Promise<SnippetCheckResult> {
  const lessonsDir = path.join(options.contentDir, 'lessons');
  const lessonFiles = options.files?.map((f) => path.resolve(f)) ??
    fs.readdirSync(lessonsDir).filter((f) => f.endsWith('.mdx')).sort().map((f) => path.join(lessonsDir, f));

  const byLine: Record<OtelLine, LessonBlocks[]> = { 2: [], 3: [] };
  const skipped: SkippedBlock[] = [];
  const ruleErrors: SnippetError[] = [];
  let pinned: Set<string> | undefined;
  const otel3Packages = () => (pinned ??= otel3xPackageNames(options.otel3xDir));
  let checkedCount = 0;
  for (const lessonFile of lessonFiles) {
    const source = fs.readFileSync(lessonFile, 'utf8');
    const lesson = path.relative(projectRoot, lessonFile);
    const slug = lessonSlugFromFile(path.basename(lessonFile));
    const blocks = checkedBlocks(source);
    const unchecked = uncheckedBlocks(source);
    checkedCount += blocks.length;
    for (const block of [...blocks, ...unchecked]) ruleErrors.push(...courseRuleErrors(lesson, block, otel3Packages));
    for (const line of [2, 3] as const) byLine[line].push({ lesson, slug, blocks: blocks.filter((b) => b.meta.otel.includes(line)) });
    for (const block of unchecked) skipped.push({ file: lesson, line: block.firstLine - 1, reason: block.meta.nocheck ?? '' });
  }

  const errors = [...ruleErrors, ...(await typeCheck(projectRoot, byLine[2]))];
  if (byLine[3].some((l) => l.blocks.length > 0)) {
    errors.push(...(await typeCheck(await ensureOtel3xInstall(options.otel3xDir), byLine[3])));
  }
  const count = (line: OtelLine) => byLine[line].reduce((n, l) => n + l.blocks.length, 0);
  return { lessons: lessonFiles.length, blocks: checkedCount, otel3Blocks: count(3), skipped, errors };
}
