import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { extractCodeBlocks } from '../../../src/course/snippets.ts';
import { repoRoot } from '../../helpers/content.ts';

const lessonsDir = path.join(repoRoot, 'content/lessons');
const lessons = fs
  .readdirSync(lessonsDir)
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => ({ file: f, source: fs.readFileSync(path.join(lessonsDir, f), 'utf8') }));
const glossary = fs.readFileSync(path.join(repoRoot, 'content/glossary.yaml'), 'utf8');

/** Lesson code outside `legacy` blocks: what a learner is meant to copy. */
function copyableCode(): { file: string; code: string }[] {
  return lessons.flatMap(({ file, source }) =>
    extractCodeBlocks(source)
      .filter((b) => !b.meta.legacy)
      .map((b) => ({ file, code: b.code })),
  );
}

/** Claims that were once wrong in the lessons, each checked where it would come back. */
describe('lesson claims', () => {
  it('never casts a caught value to Error, nor wraps it in a new Error', () => {
    const offending = copyableCode().filter(({ code }) => /\bas Error\b|new Error\(String\(/.test(code));
    expect(offending.map((o) => o.file)).toEqual([]);
  });

  it('injects context by hand only inside a CLIENT or PRODUCER span', () => {
    // A block that injects into an outgoing request must start the span that the header names.
    const offending = copyableCode().filter(
      ({ code }) => /propagation\.inject\(/.test(code) && /\bfetch\(/.test(code) && !/SpanKind\.(CLIENT|PRODUCER)/.test(code),
    );
    expect(offending.map((o) => o.file)).toEqual([]);
  });

  it('batches in Collector exporters, not with the batch processor', () => {
    const pipelines = copyableCode().filter(({ code }) => /processors:\s*\[[^\]]*\bbatch\b/.test(code));
    expect(pipelines.map((o) => o.file)).toEqual([]);
    const collector = lessons.find((l) => l.file.startsWith('06-'))!.source;
    expect(collector).toMatch(/sending_queue:\s*\n\s*batch: \{\}/);
  });

  it('does not claim that every SDK makes the same ratio decision for the same trace', () => {
    const ratio = (parse(glossary) as Record<string, { definition: string }>)['ratio-sampling']!.definition;
    for (const text of [ratio, ...lessons.map((l) => l.source)]) {
      expect(text).not.toMatch(/every service makes the same decision|(?<!JS )services with the same ratio make the same decision/);
    }
    expect(ratio).toMatch(/consistent probability sampling/);
  });

  it('names messaging.system and messaging.operation.type on every messaging span it builds', () => {
    const messaging = copyableCode().filter(({ code }) => /SpanKind\.(PRODUCER|CONSUMER)/.test(code) && /messaging\./.test(code));
    expect(messaging.length).toBeGreaterThan(0);
    for (const { file, code } of messaging) {
      expect(code, file).toContain("'messaging.system'");
      expect(code, file).toContain("'messaging.operation.type'");
    }
  });

  it('names PostgreSQL spans as instrumentation-pg does', () => {
    const pgNames = lessons.flatMap(({ source }) => [...source.matchAll(/name: '((?:SELECT|INSERT|UPDATE|DELETE|pg\.query)[^']*)'/g)].map((m) => m[1]!));
    expect(pgNames.length).toBeGreaterThan(0);
    for (const name of pgNames) expect(name).toMatch(/^pg\.query:(SELECT|INSERT|UPDATE|DELETE) \w+$/);
  });
});
