/**
 * Pagefind excerpts are HTML: escaped page text with the matched words in <mark>. They are
 * never parsed as HTML here. Only the <mark> tags and the entities of HTML escaping are
 * understood; anything else that looks like markup stays literal text, so a page that
 * talks about `<script>` shows those characters and runs nothing.
 */

export interface ExcerptPart {
  text: string;
  marked: boolean;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the entities an HTML escaper produces; unknown ones are left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Splits an excerpt into plain-text runs, each marked (a match) or not. */
export function parseExcerpt(html: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let depth = 0;
  let last = 0;
  const push = (raw: string): void => {
    const text = decodeEntities(raw);
    if (text === '') return;
    const marked = depth > 0;
    const previous = parts.at(-1);
    if (previous && previous.marked === marked) previous.text += text;
    else parts.push({ text, marked });
  };
  for (const tag of html.matchAll(/<(\/?)mark>/gi)) {
    push(html.slice(last, tag.index));
    depth = tag[1] ? Math.max(0, depth - 1) : depth + 1;
    last = tag.index + tag[0].length;
  }
  push(html.slice(last));
  return parts;
}

/** The excerpt as DOM: text nodes and <mark> elements, nothing else. */
export function renderExcerpt(html: string, doc: Document): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  for (const part of parseExcerpt(html)) {
    if (part.marked) {
      const mark = doc.createElement('mark');
      mark.textContent = part.text;
      fragment.append(mark);
    } else {
      fragment.append(doc.createTextNode(part.text));
    }
  }
  return fragment;
}
