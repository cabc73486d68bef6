import type { ShikiTransformer } from 'shiki';

/**
 * Lines above this marker are compiled by the snippet type-check but not shown to the learner
 * (the Twoslash convention): a lesson can declare `submitOrder` or `Order` without cluttering
 * the example that teaches something else.
 */
export const CUT_MARKER = '// ---cut---';

export function stripHiddenPrelude(code: string): string {
  const at = code.indexOf(CUT_MARKER);
  if (at < 0) return code;
  const lineEnd = code.indexOf('\n', at);
  return lineEnd < 0 ? '' : code.slice(lineEnd + 1);
}

/** The OpenTelemetry JS line a block is written for: 2.x is the course's install, 3.x has its own. */
export type OtelLine = 2 | 3;

/**
 * Code fence meta:
 * - `title="tracing.ts"` names the file;
 * - `legacy` marks an old API kept for comparison (`legacy="1.x"` names the line it belongs to);
 * - `otel=3` marks code for the 3.x line, type-checked against its own install; `otel=2+3` marks
 *   code that runs unchanged on both lines, type-checked against each;
 * - `nocheck="why"` shows a block without type-checking it, and must say why.
 */
export interface CodeFenceMeta {
  title?: string | undefined;
  legacy: boolean;
  /** The line a legacy block belongs to, when the fence names it (`legacy="1.x"`). */
  legacyLine?: string;
  /** The lines the block is written for, and type-checked against: `[2]` unless the fence says otherwise. */
  otel: OtelLine[];
  /** Present when the block is not type-checked: the reason given, or '' when none was. */
  nocheck?: string;
}

function attribute(raw: string, name: string): string | undefined {
  const quoted = new RegExp(`(?:^|\\s)${name}=(?:"([^"]*)"|'([^']*)'|([^\\s"']+))`).exec(raw);
  if (quoted) return quoted[1] ?? quoted[2] ?? quoted[3];
  return new RegExp(`(?:^|\\s)${name}(?:\\s|$)`).test(raw) ? '' : undefined;
}

function parseLines(value: string | undefined): OtelLine[] {
  const lines = (value ?? '').split('+').filter((v): v is '2' | '3' => v === '2' || v === '3').map((v) => Number(v) as OtelLine);
  return lines.length ? [...new Set(lines)].sort() : [2];
}

export function parseFenceMeta(meta: string | undefined): CodeFenceMeta {
  const raw = meta ?? '';
  const title = attribute(raw, 'title');
  const legacy = attribute(raw, 'legacy');
  const nocheck = attribute(raw, 'nocheck');
  const parsed: CodeFenceMeta = {
    legacy: legacy !== undefined,
    otel: parseLines(attribute(raw, 'otel')),
  };
  if (title) parsed.title = title;
  if (legacy) parsed.legacyLine = legacy;
  if (nocheck !== undefined) parsed.nocheck = nocheck;
  return parsed;
}

/** The caption above a block: its file name, and what the learner must know before copying it. */
export function codeBlockLabel(meta: CodeFenceMeta): string | undefined {
  const note = meta.legacy
    ? `old API${meta.legacyLine ? `, SDK ${meta.legacyLine}` : ''}: do not copy`
    : meta.otel.includes(3) ? (meta.otel.includes(2) ? 'SDK 2.x and 3.x' : 'SDK 3.x') : undefined;
  if (meta.title) return note ? `${meta.title} · ${note}` : meta.title;
  return note && note[0]!.toUpperCase() + note.slice(1);
}

export function courseCodeBlocks(): ShikiTransformer {
  return {
    name: 'course-code-blocks',
    preprocess: stripHiddenPrelude,
    pre(node) {
      const meta = parseFenceMeta(this.options.meta?.__raw);
      const label = codeBlockLabel(meta);
      if (meta.title) node.properties['data-title'] = meta.title;
      if (label) node.properties['data-label'] = label;
      if (meta.legacy) node.properties['data-legacy'] = 'true';
      if (meta.otel.includes(3)) node.properties['data-otel'] = meta.otel.join('+');
      node.properties['data-lang'] = this.options.lang;
    },
  };
}
