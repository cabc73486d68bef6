import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchOutDir } from '../src/course/paths.ts';
import { atMost, info, type Figure, type Scale } from './lib.ts';
import type { BenchSite } from './site.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Builds `contentDir` into `outDir` and returns the build time in seconds. */
export function buildCourse(contentDir: string, outDir: string): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    env: { ...process.env, COURSE_CONTENT_DIR: contentDir, COURSE_OUT_DIR: outDir, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`build of ${contentDir} failed:\n${(result.stderr || result.stdout).slice(-2000)}`);
  return seconds;
}

/** Build time of `contentDir` into a scratch folder, removed afterwards. */
function build(contentDir: string): number {
  const outDir = scratchOutDir('bench');
  try {
    return buildCourse(contentDir, outDir);
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

/** A course of `n` generated lessons, each with prose, a glossary term, a diagram and a code block. */
function generatedCourse(n: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-course-${n}-`));
  fs.cpSync(path.join(root, 'tests/fixtures/course'), dir, { recursive: true });
  fs.rmSync(path.join(dir, 'lessons'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'lessons'));
  fs.rmSync(path.join(dir, 'exercises'), { recursive: true, force: true });
  for (let i = 1; i <= n; i++) {
    const body = `---
title: Generated lesson ${i}
order: ${i}
summary: A generated lesson that measures how the build grows with the course.
objectives:
  - Read lesson ${i}.
---

## Section one

Every <Term id="span">span</Term> of lesson ${i} has a start and an end. ${'Tracing shows where the time goes. '.repeat(20)}

<TraceDiagram caption="Lesson ${i}" spans={[{ name: 'GET /', start: 0, duration: 100, depth: 0 }, { name: 'query', start: 10, duration: 80, depth: 1 }]} />

## Section two

\`\`\`ts title="lesson-${i}.ts"
import { trace } from '@opentelemetry/api';
trace.getTracer('lesson-${i}').startActiveSpan('work', (span) => span.end());
\`\`\`
`;
    fs.writeFileSync(path.join(dir, 'lessons', `${String(i).padStart(3, '0')}-generated-${i}.mdx`), body);
  }
  return dir;
}

/**
 * Build time of the course and of generated courses (linear growth expected). A quick run
 * reports the build of the site it serves (`site`). `check:content` has its own section.
 */
export async function benchBuild(scale: Scale, site: BenchSite): Promise<Figure[]> {
  if (scale === 'quick') {
    if (site.buildSeconds === undefined) throw new Error('a quick run measures the build of the site it serves, and there was none');
    return [info('build of the fixture course', site.buildSeconds, 's', path.relative(root, site.contentDir))];
  }
  const figures: Figure[] = [info('build of the course', build(path.join(root, 'content')), 's')];
  const times = new Map<number, number>();
  for (const n of [100, 200, 500]) {
    const dir = generatedCourse(n);
    times.set(n, build(dir));
    fs.rmSync(dir, { recursive: true, force: true });
    figures.push(info(`build of ${n} generated lessons`, times.get(n)!, 's'));
  }
  // Per-lesson time at 500 over per-lesson time at 100: about 1 when the build is linear.
  const growth = times.get(500)! / 500 / (times.get(100)! / 100);
  figures.push({ ...atMost('per-lesson build time, 500 vs 100 lessons', growth, 1.5, 'x'), note: 'about 1 means linear growth' });
  return figures;
}
