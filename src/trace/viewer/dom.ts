/**
 * Element creation for the viewer. Text goes in through `textContent` only: span names and
 * attribute values come from programs and files, and must never be parsed as HTML.
 */

export interface ElementOptions {
  className?: string;
  text?: string;
  attrs?: Record<string, string>;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, options: ElementOptions = {}, children: Array<Node | string> = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  if (options.attrs) for (const [name, value] of Object.entries(options.attrs)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

/** A button with visible text and, when the text is an icon, an accessible name. */
export function button(text: string, options: { label?: string; className?: string; title?: string } = {}): HTMLButtonElement {
  const node = el('button', { className: options.className ?? 'tv-button', text, attrs: { type: 'button' } });
  if (options.label) node.setAttribute('aria-label', options.label);
  if (options.title ?? options.label) node.title = options.title ?? options.label!;
  return node;
}

let nextId = 0;
/** A document-unique id for aria references between the viewer's own elements. */
export function uniqueId(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/**
 * A visible label around a form control. The control is named by the label's text alone
 * (aria-labelledby): a <select> inside a <label> would otherwise have its chosen option's
 * text added to its name.
 */
export function labelled(text: string, control: HTMLElement, className = 'tv-field'): HTMLLabelElement {
  const id = uniqueId('tv-label');
  control.setAttribute('aria-labelledby', id);
  return el('label', { className }, [el('span', { className: 'tv-field__label', text, attrs: { id } }), control]);
}

/** After these characters a long key or value may wrap: `shop.` / `operation`, `/api/` / `v2`. */
const BREAK_AFTER = /([./_\-?&=,:;@])/;

/**
 * Sets text that may wrap at sensible points only: a `<wbr>` follows each separator in keys,
 * URLs and paths, so that a narrow column breaks `shop.operation` after the dot, not inside a
 * word. `textContent` stays the same text.
 */
export function setBreakableText(node: HTMLElement, text: string): void {
  const parts = text.split(BREAK_AFTER);
  const children: Node[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part) children.push(document.createTextNode(part));
    if (i % 2 === 1) children.push(document.createElement('wbr'));
  }
  node.replaceChildren(...children);
}
