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

/** Code fence meta: `title="tracing.ts"` names the file; `legacy` marks pre-2.x code kept for comparison. */
export interface CodeFenceMeta {
  title?: string | undefined;
  legacy: boolean;
  nocheck: boolean;
}

export function parseFenceMeta(meta: string | undefined): CodeFenceMeta {
  const raw = meta ?? '';
  const title = /\btitle=(?:"([^"]*)"|'([^']*)')/.exec(raw);
  return {
    title: title ? (title[1] ?? title[2]) : undefined,
    legacy: /(^|\s)legacy(\s|$)/.test(raw),
    nocheck: /(^|\s)nocheck(\s|$)/.test(raw),
  };
}

export function courseCodeBlocks(): ShikiTransformer {
  return {
    name: 'course-code-blocks',
    preprocess: stripHiddenPrelude,
    pre(node) {
      const meta = parseFenceMeta(this.options.meta?.__raw);
      if (meta.title) node.properties['data-title'] = meta.title;
      if (meta.legacy) node.properties['data-legacy'] = 'true';
      node.properties['data-lang'] = this.options.lang;
    },
  };
}
