import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractCodeBlocks } from '../../src/course/snippets.ts';
import { repoRoot } from '../helpers/content.ts';

const contentDir = path.join(repoRoot, 'content');
const lessonFiles = fs.readdirSync(path.join(contentDir, 'lessons')).filter((f) => f.endsWith('.mdx'));

/** APIs removed before SDK 2.x, each with the name a line must also give when it mentions it. */
const removed = [
  { pattern: /new Resource\(/, replacement: 'resourceFromAttributes' },
  { pattern: /SemanticResourceAttributes/, replacement: 'ATTR_' },
  { pattern: /exporter-otlp-http/, replacement: 'exporter-trace-otlp-http' },
];

/** Lines of a lesson that sit inside a ```ts legacy block, where old code is shown on purpose. */
function legacyLines(source: string): Set<number> {
  const lines = new Set<number>();
  for (const block of extractCodeBlocks(source)) {
    if (!block.meta.legacy) continue;
    block.code.split('\n').forEach((_, i) => lines.add(block.firstLine + i));
  }
  return lines;
}

describe('content accuracy', () => {
  it('has the seven lessons of the seed, in order', () => {
    expect(lessonFiles.sort()).toEqual([
      '01-traces-and-spans.mdx',
      '02-opentelemetry-setup.mdx',
      '03-custom-spans.mdx',
      '04-context-propagation.mdx',
      '05-sampling.mdx',
      '06-backends.mdx',
      '07-quick-reference.mdx',
    ]);
  });

  it('uses removed OpenTelemetry APIs only where a lesson explains the change', () => {
    const offending: string[] = [];
    const files = [...lessonFiles.map((f) => `lessons/${f}`), 'glossary.yaml', 'course.yaml'];
    for (const rel of files) {
      const source = fs.readFileSync(path.join(contentDir, rel), 'utf8');
      const legacy = legacyLines(source);
      source.split('\n').forEach((line, i) => {
        for (const { pattern, replacement } of removed) {
          if (pattern.test(line) && !legacy.has(i + 1) && !line.includes(replacement)) {
            offending.push(`${rel}:${i + 1}: ${line.trim()}`);
          }
        }
      });
    }
    expect(offending).toEqual([]);
  });

  it('never claims that Grafana Tempo does tail sampling by itself', () => {
    for (const f of lessonFiles) {
      const source = fs.readFileSync(path.join(contentDir, 'lessons', f), 'utf8');
      expect(source, f).not.toMatch(/Tempo or Honeycomb's Refinery can do tail/);
    }
  });

  it('teaches the checkout trace as a diagram, with the payment call as the bottleneck', () => {
    const source = fs.readFileSync(path.join(contentDir, 'lessons/01-traces-and-spans.mdx'), 'utf8');
    expect(source).toContain('<TraceDiagram');
    expect(source).toMatch(/name: ['"]Charge payment['"][^}]*mark: ['"]bottleneck['"]/);
    expect(source).not.toMatch(/├──/);
  });

  it('wraps the ratio sampler in a parent-based sampler wherever the sampling lesson configures one', () => {
    const source = fs.readFileSync(path.join(contentDir, 'lessons/05-sampling.mdx'), 'utf8');
    expect(source).toMatch(/new ParentBasedSampler\(\{\s*root: new TraceIdRatioBasedSampler/);
  });
});
