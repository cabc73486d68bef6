import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SpanRecord } from '../../../sandboxes/wire/span-record.ts';
import { courseContent } from '../../helpers/course-pages.ts';

const traceOf = async (id: string, build: string): Promise<SpanRecord[]> => {
  const module = (await import(pathToFileURL(path.join(courseContent, 'exercises', id, 'trace.ts')).href)) as Record<string, () => SpanRecord[]>;
  return module[build]!();
};

describe('the trace of "Where did it fail?"', () => {
  it('is generated the same on every build', async () => {
    expect(await traceOf('where-it-failed', 'failedOrder')).toEqual(await traceOf('where-it-failed', 'failedOrder'));
  });

  it('has 200+ spans from 4+ services in one trace, every span ended, and errors in more than one branch', async () => {
    const spans = await traceOf('where-it-failed', 'failedOrder');
    expect(spans.length).toBeGreaterThanOrEqual(200);
    expect(new Set(spans.map((s) => s.resource['service.name'])).size).toBeGreaterThanOrEqual(4);
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
    expect(spans.every((s) => s.endTimeUnixNano !== undefined)).toBe(true);
    const errorServices = new Set(spans.filter((s) => s.status.code === 'ERROR').map((s) => s.resource['service.name']));
    expect(errorServices.size).toBeGreaterThanOrEqual(3);
  });
});
