import fs from 'node:fs';
import path from 'node:path';
import type { RunRequest } from '../../src/runtime/runtime.ts';
import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';
import { repoRoot } from './content.ts';

const programsDir = path.join(repoRoot, 'tests/fixtures/programs');
const setupDir = path.join(repoRoot, 'tests/fixtures/setup');

/**
 * The setup files every sample program may import, as a service's own files would:
 * `./tracing.js` (context manager, propagators and a global tracer provider) or `./context.js`
 * (context manager and propagators only). The sandbox registers none of these itself.
 */
export const setupFiles: Record<string, string> = Object.fromEntries(
  ['context.ts', 'tracing.ts'].map((name) => [name, fs.readFileSync(path.join(setupDir, name), 'utf8')]),
);

/**
 * Each sample program's file, by name: those in tests/fixtures/programs, and `checkout`, the
 * fixture course's playground program (also the benchmark's), kept in one copy.
 */
const programFiles: Record<string, string> = {
  ...Object.fromEntries(
    fs.readdirSync(programsDir).filter((f) => f.endsWith('.ts')).map((f) => [f.slice(0, -3), path.join(programsDir, f)]),
  ),
  checkout: path.join(repoRoot, 'tests/fixtures/course/playground.ts'),
};

/** The sample programs every runtime must run identically. */
export const parityPrograms = Object.keys(programFiles).sort();

export function programRequest(name: string): RunRequest {
  const file = programFiles[name];
  if (!file) throw new Error(`No sample program "${name}"; there are: ${parityPrograms.join(', ')}`);
  return { files: { ...setupFiles, 'main.ts': fs.readFileSync(file, 'utf8') }, entry: 'main.ts' };
}

/** A single-file run request from source text. */
export const source = (code: string, extra: Partial<RunRequest> = {}): RunRequest => ({ files: { 'main.ts': code }, entry: 'main.ts', ...extra });

/** A run request from source text that starts by importing the setup (`./tracing.js`). */
export const traced = (code: string, extra: Partial<RunRequest> = {}): RunRequest => ({
  files: { ...setupFiles, 'main.ts': `import './tracing.js';\n${code}` },
  entry: 'main.ts',
  ...extra,
});

const HEX_ID = /\b[0-9a-f]{16,32}\b/g;

/**
 * A trace without what legitimately differs between two runs (ids, times, stacks): each span by
 * its path of names from the root, with kind, attributes, status, events, links, service and
 * scope. Two runtimes that agree on this produced the same trace.
 */
export function traceShape(spans: SpanRecord[]) {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const pathOf = (span: SpanRecord): string => {
    const names: string[] = [];
    const seen = new Set<string>();
    for (let s: SpanRecord | undefined = span; s && !seen.has(s.spanId); s = s.parentSpanId ? byId.get(s.parentSpanId) : undefined) {
      seen.add(s.spanId);
      names.unshift(s.name);
    }
    return names.join(' > ');
  };
  const scrub = (attributes: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(attributes)
        .filter(([key]) => key !== 'exception.stacktrace')
        .map(([key, value]) => [key, typeof value === 'string' ? value.replace(HEX_ID, '<id>') : value]),
    );
  return {
    traces: new Set(spans.map((s) => s.traceId)).size,
    spans: spans
      .map((s) => ({
        path: pathOf(s),
        kind: s.kind,
        attributes: scrub(s.attributes),
        status: s.status,
        events: s.events.map((e) => ({ name: e.name, attributes: scrub(e.attributes) })),
        links: s.links.map((l) => ({ to: byId.get(l.spanId)?.name ?? 'outside', attributes: l.attributes })),
        // A provider without a service name reports `unknown_service`, plus the executable in Node.
        service: String(s.resource['service.name']).replace(/^unknown_service:.*$/, 'unknown_service'),
        scope: s.scope.name,
        sameTraceAsParent: s.parentSpanId ? byId.get(s.parentSpanId)?.traceId === s.traceId : true,
      }))
      .map((shape) => ({ shape, key: `${shape.path}\u0000${JSON.stringify(shape)}` }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(({ shape }) => shape),
  };
}
