import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCourse } from '../helpers/build.ts';
import { appendedLine, copyFixtureCourse, editFile, fixtureCourse } from '../helpers/content.ts';

// Real `astro build` runs: slow-ish (a few seconds each), so one build per behaviour.
describe('building a course from a content folder', () => {
  it('builds the fixture course with the same engine: home, lessons, glossary', () => {
    const { status, output, outDir } = buildCourse(fixtureCourse);
    expect(status, output).toBe(0);
    for (const page of ['index.html', 'lessons/first-steps/index.html', 'lessons/second-steps/index.html', 'glossary/index.html']) {
      expect(fs.existsSync(path.join(outDir, page)), page).toBe(true);
    }
    const lesson = fs.readFileSync(path.join(outDir, 'lessons/first-steps/index.html'), 'utf8');
    expect(lesson).toContain('Fixture course');
    expect(lesson).toMatch(/role="tooltip"[^>]*>\s*<strong>Span<\/strong>: One timed operation within a trace\./);
    expect(lesson).toContain('rel="next"');
    // The playground opens with the course's own playground.ts, not the engine's sample.
    const playground = fs.readFileSync(path.join(outDir, 'playground/index.html'), 'utf8');
    expect(playground).toContain('checkout finished');
    expect(playground).not.toContain('report rendered');
  });

  it('fails on a lesson with a broken frontmatter field, naming the file and the field', () => {
    const dir = copyFixtureCourse();
    editFile(path.join(dir, 'lessons/02-second-steps.mdx'), (t) => t.replace('order: 2', 'order: second'));
    const { status, output } = buildCourse(dir);
    expect(status).not.toBe(0);
    expect(output).toContain('02-second-steps.mdx');
    expect(output).toMatch(/\border\b/);
    expect(output).toContain(`${path.join(dir, 'lessons/02-second-steps.mdx')}:3: order: Invalid input: expected number, received string`);
  });

  it('fails on misspelt optional and required lesson keys with file, line and the nearest field, and no stack trace', () => {
    const dir = copyFixtureCourse();
    editFile(path.join(dir, 'lessons/02-second-steps.mdx'), (t) => t.replace('summary:', 'sumary:').replace('order: 2', 'order: 2\ndarft: true'));
    const { status, output } = buildCourse(dir);
    const file = path.join(dir, 'lessons/02-second-steps.mdx');
    expect(status).not.toBe(0);
    expect(output).toContain(`${file}:4: \`darft\` is not a lesson field; did you mean \`draft\`?`);
    expect(output).toContain(`${file}:5: \`summary\` is missing (is \`sumary\` a misspelling of it?): a lesson needs it`);
    expect(output).toContain(`${file}:5: \`sumary\` is not a lesson field; did you mean \`summary\`?`);
    expect(output).not.toMatch(/Stack trace|\bat .*integration\.ts/);
  });

  it('fails on a lesson with a missing required field, naming the file and the field', () => {
    const dir = copyFixtureCourse();
    editFile(path.join(dir, 'lessons/01-first-steps.mdx'), (t) => t.replace(/^summary: .*\n/m, ''));
    const { status, output } = buildCourse(dir);
    expect(status).not.toBe(0);
    expect(output).toContain('01-first-steps.mdx');
    expect(output).toMatch(/\bsummary\b/);
  });

  it('fails on an MDX syntax error with the lesson file, line and column', () => {
    const dir = copyFixtureCourse();
    const line = appendedLine(path.join(dir, 'lessons/02-second-steps.mdx'), '<Aside type="tip">never closed\n\nMore text.\n');
    const { status, output } = buildCourse(dir);
    expect(status).not.toBe(0);
    expect(output).toContain(`${path.join(dir, 'lessons/02-second-steps.mdx')}:${line}:1`);
    expect(output).toMatch(/Expected a closing tag for `<Aside>`/);
  });

  it('fails on an unknown glossary term with the lesson file and line', () => {
    const dir = copyFixtureCourse();
    const line = appendedLine(path.join(dir, 'lessons/02-second-steps.mdx'), 'A <Term id="provider">provider</Term>.\n');
    const { status, output } = buildCourse(dir);
    expect(status).not.toBe(0);
    expect(output).toContain(`${path.join(dir, 'lessons/02-second-steps.mdx')}:${line}: <Term id="provider">: no term "provider" in glossary.yaml`);
  });

  it('fails on a course.yaml that does not match its schema, naming the field', () => {
    const dir = copyFixtureCourse();
    fs.writeFileSync(path.join(dir, 'course.yaml'), 'title: Fixture course\noutcomes: []\n');
    const { status, output } = buildCourse(dir);
    expect(status).not.toBe(0);
    expect(output).toContain(path.join(dir, 'course.yaml'));
    expect(output).toMatch(/tagline/);
  });
});
