import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordReferenceTraces } from '../../src/build/reference-traces.ts';
import { parseReferenceTrace } from '../../src/trace/reference-trace.ts';
import { copyFixtureCourse, editFile } from '../helpers/content.ts';

const read = (outDir: string, id: string) => parseReferenceTrace(JSON.parse(fs.readFileSync(path.join(outDir, 'reference-traces', `${id}.json`), 'utf8')));

describe('reference traces recorded at build time', () => {
  it('runs each program exercise’s solution once, then reuses the run until the exercise changes', { timeout: 120_000 }, async () => {
    const contentDir = copyFixtureCourse();
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'reference-traces-'));
    const paths = { contentDir, outDir: path.join(scratch, 'out'), cacheDir: path.join(scratch, 'cache') };

    const first = await recordReferenceTraces(paths);
    expect(first).toMatchObject({ cached: 0, problems: [] });
    expect(first.written.sort()).toEqual(['checkout', 'hello-span']);
    const checkout = read(paths.outDir, 'checkout');
    expect(checkout.exercise).toBe('checkout');
    expect(checkout.spans.map((s) => s.name).sort()).toEqual(['POST /checkout', 'auth middleware', 'charge payment', 'save order', 'stripe api call', 'validate cart']);
    // A trace-reading exercise runs nothing: nothing to compare with.
    expect(fs.existsSync(path.join(paths.outDir, 'reference-traces', 'read-checkout.json'))).toBe(false);

    const again = await recordReferenceTraces({ ...paths, outDir: path.join(scratch, 'out2') });
    expect(again.cached).toBe(2);
    expect(read(path.join(scratch, 'out2'), 'checkout')).toEqual(checkout);

    editFile(path.join(contentDir, 'exercises/checkout/solution.ts'), (t) => t.replace("'save order'", "'store order'"));
    const changed = await recordReferenceTraces(paths);
    expect(changed.cached).toBe(1);
    expect(read(paths.outDir, 'checkout').spans.map((s) => s.name)).toContain('store order');
  });

  it('reports an exercise whose solution does not run, and writes no trace for it', { timeout: 120_000 }, async () => {
    const contentDir = copyFixtureCourse();
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'reference-traces-'));
    editFile(path.join(contentDir, 'exercises/hello-span/solution.ts'), (t) => `throw new Error('broken on purpose');\n${t}`);
    const report = await recordReferenceTraces({ contentDir, outDir: path.join(scratch, 'out'), cacheDir: path.join(scratch, 'cache') });
    expect(report.written).toEqual(['checkout']);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatch(/^exercises\/hello-span: no reference trace: /);
  });
});

describe('parseReferenceTrace', () => {
  it('names the first field that does not fit', () => {
    expect(() => parseReferenceTrace([])).toThrow('The reference trace is not valid: "exercise" is not a string.');
    expect(() => parseReferenceTrace({ exercise: 'x', spans: [{ traceId: 't', spanId: 's', name: 'n', kind: 'INTERNAL' }] })).toThrow('spans[0].startTimeUnixNano is not a string');
  });
});
