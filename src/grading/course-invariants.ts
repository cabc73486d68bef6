import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../course/paths.ts';
import { checkSnippets } from '../course/snippet-check.ts';
import { checkedBlocks, extractCodeBlocks } from '../course/snippets.ts';

/**
 * What must hold for the content of any course built on this engine, beyond its schemas: what it
 * teaches compiles and is true of the OpenTelemetry JS SDK 2.x. Each problem is
 * `<file relative to the content folder>:<line>: <message>`.
 */
export async function courseInvariantProblems(contentDir: string): Promise<string[]> {
  const lessons = lessonSources(contentDir);
  const texts = [...lessons, ...['glossary.yaml', 'course.yaml'].flatMap((rel) => readIfPresent(contentDir, rel))];
  return [
    ...texts.flatMap(removedApiProblems),
    ...texts.flatMap(falseClaimProblems),
    ...lessons.flatMap(bareRatioSamplerProblems),
    ...(await snippetProblems(contentDir)),
  ];
}

interface ContentText {
  /** Relative to the content folder. */
  rel: string;
  source: string;
}

function lessonSources(contentDir: string): ContentText[] {
  const dir = path.join(contentDir, 'lessons');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.mdx'))
    .sort()
    .map((f) => ({ rel: `lessons/${f}`, source: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

function readIfPresent(contentDir: string, rel: string): ContentText[] {
  const file = path.join(contentDir, rel);
  return fs.existsSync(file) ? [{ rel, source: fs.readFileSync(file, 'utf8') }] : [];
}

/** APIs removed before SDK 2.x, each with the name a line must also give when it mentions it. */
const removedApis = [
  { pattern: /new Resource\(/, replacement: 'resourceFromAttributes' },
  { pattern: /SemanticResourceAttributes/, replacement: 'ATTR_' },
  { pattern: /exporter-otlp-http/, replacement: 'exporter-trace-otlp-http' },
];

/** Lines inside ```ts legacy blocks, where old code is shown on purpose. */
function legacyLines(source: string): Set<number> {
  const lines = new Set<number>();
  for (const block of extractCodeBlocks(source)) {
    if (block.meta.legacy) block.code.split('\n').forEach((_, i) => lines.add(block.firstLine + i));
  }
  return lines;
}

/** A removed API is named only in a legacy block, or on a line that also gives its replacement. */
function removedApiProblems({ rel, source }: ContentText): string[] {
  const legacy = legacyLines(source);
  const problems: string[] = [];
  source.split('\n').forEach((line, i) => {
    if (legacy.has(i + 1)) return;
    for (const { pattern, replacement } of removedApis) {
      if (pattern.test(line) && !line.includes(replacement)) {
        problems.push(`${rel}:${i + 1}: ${pattern.source.replace(/\\/g, '')} was removed before SDK 2.x; use ${replacement}, or show the old code in a \`\`\`ts legacy block`);
      }
    }
  });
  return problems;
}

/** Claims that older course material made and that are not true. */
const falseClaims = [
  { pattern: /Tempo or Honeycomb's Refinery can do tail/, why: 'Grafana Tempo does not tail-sample by itself: the OpenTelemetry Collector, Grafana Alloy or Honeycomb Refinery do' },
];

function falseClaimProblems({ rel, source }: ContentText): string[] {
  const problems: string[] = [];
  source.split('\n').forEach((line, i) => {
    for (const { pattern, why } of falseClaims) if (pattern.test(line)) problems.push(`${rel}:${i + 1}: ${why}`);
  });
  return problems;
}

/**
 * A ratio sampler configured in a lesson's code sits inside a `ParentBasedSampler`, so that the
 * services of a trace follow the caller's decision instead of each deciding again.
 */
function bareRatioSamplerProblems({ rel, source }: ContentText): string[] {
  const problems: string[] = [];
  for (const block of checkedBlocks(source)) {
    for (const match of block.code.matchAll(/new TraceIdRatioBasedSampler\(/g)) {
      if (insideCall(block.code, 'new ParentBasedSampler(', match.index)) continue;
      const line = block.firstLine + block.code.slice(0, match.index).split('\n').length - 1;
      problems.push(`${rel}:${line}: wrap TraceIdRatioBasedSampler in a ParentBasedSampler ({ root: new TraceIdRatioBasedSampler(...) }) so that child services follow the caller's decision`);
    }
  }
  return problems;
}

/** True when `index` falls between the parentheses of the last `call` that opens before it. */
function insideCall(code: string, call: string, index: number): boolean {
  const start = code.lastIndexOf(call, index);
  if (start === -1) return false;
  let depth = 1;
  for (let i = start + call.length; i < index; i++) {
    if (code[i] === '(') depth++;
    else if (code[i] === ')' && --depth === 0) return false;
  }
  return true;
}

/** Every TypeScript block of every lesson compiles against the installed packages. */
async function snippetProblems(contentDir: string): Promise<string[]> {
  if (!fs.existsSync(path.join(contentDir, 'lessons'))) return [];
  const { errors } = await checkSnippets({ contentDir });
  return errors.map((e) => `${path.relative(contentDir, path.resolve(projectRoot, e.file))}:${e.line}:${e.column}: ${e.code} ${e.message}`);
}
