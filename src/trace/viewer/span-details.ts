/**
 * The details panel for the selected span, beside (or, when narrow, below) the tree: every
 * field of the record, attributes with their types and a copy button, events with exception
 * message and stack, links, ids. Long values are cut with a button to show them whole. All
 * data goes in as text.
 */
import type { CriticalPath } from '../critical-path.ts';
import { findSpanByKey, type MissingParentGroup, type SpanNode, type TraceView, type TreeItem } from '../model.ts';
import type { AttributeValue, Attributes, SpanEventRecord } from '../../../sandboxes/wire/span-record.ts';
import type { SpanAnnotator } from './annotations.ts';
import { button, el, setBreakableText } from './dom.ts';
import { formatCount, formatDuration, formatOffset, plural } from './format.ts';

export interface DetailsContext {
  trace: TraceView;
  critical: CriticalPath | undefined;
  /** Heading level of the span name (section titles are one below). */
  headingLevel: number;
  onGoTo(item: TreeItem): void;
  onZoomTo(node: SpanNode): void;
  /** A URL that selects this span, or undefined when the page keeps no links. */
  linkTo(node: SpanNode): string | undefined;
  /** What the page adds to the details (a comparison with the reference), if anything. */
  annotate?: SpanAnnotator | undefined;
}

/** Values longer than this are cut, with a button to show all of them. */
export const TRUNCATE_AT = 240;
const STACK_LINES_SHOWN = 8;

export function renderEmptyDetails(panel: HTMLElement, text: string): void {
  panel.replaceChildren(el('p', { className: 'tv-details__empty', text }));
}

export function renderDetails(panel: HTMLElement, item: TreeItem, ctx: DetailsContext): void {
  if (item.kind === 'missing-parent') {
    renderGroupDetails(panel, item, ctx);
    return;
  }
  const node = item;
  const record = node.record;
  const annotation = ctx.annotate?.(record);
  if (annotation?.absent) {
    renderAbsentDetails(panel, node, annotation.absent.facts, annotation.details?.(ctx.headingLevel + 1), ctx.headingLevel);
    return;
  }
  const status = el('p', { className: 'tv-details__status', attrs: { role: 'status' } });
  const parts: HTMLElement[] = [heading(ctx.headingLevel, record.name, 'tv-details__title')];

  const flags = flagList(node, ctx);
  if (flags) parts.push(flags);
  const note = annotation?.details?.(ctx.headingLevel + 1);
  if (note) parts.push(note);

  const facts = el('dl', { className: 'tv-facts' });
  const fact = (term: string, ...value: Array<Node | string>) => facts.append(el('dt', { text: term }), el('dd', {}, value));
  const serviceDot = el('span', { className: 'tv-swatch', attrs: { 'aria-hidden': 'true', 'data-service': String(node.serviceIndex % 6) } });
  fact('Service', serviceDot, node.service);
  fact('Kind', record.kind);
  fact('Start', `${formatOffset(node.startMs)} from the trace start`);
  fact('Duration', node.unfinished ? `never ended (running at least ${formatDuration(node.endMs - node.startMs)} when the data ends)` : formatDuration(node.durationMs!));
  const statusText = record.status.code === 'ERROR' ? `⚠ ERROR${record.status.message ? `: ${record.status.message}` : ''}` : `${record.status.code}${record.status.message ? `: ${record.status.message}` : ''}`;
  fact('Status', el('span', { className: record.status.code === 'ERROR' ? 'tv-status-error' : '', text: statusText }));
  const path = ctx.critical;
  if (path && path.subtreeMs[node.index]! > 0) {
    const share = path.totalMs > 0 ? Math.round((path.subtreeMs[node.index]! / path.totalMs) * 100) : 0;
    fact('Critical path', `${formatDuration(path.selfMs[node.index]!)} in this span itself, ${formatDuration(path.subtreeMs[node.index]!)} with its children (${share}% of the trace)`);
  } else if (path) {
    fact('Critical path', 'not on it: the trace did not wait for this span');
  }
  fact('Span ID', idValue(record.spanId, 'span ID', status));
  fact('Parent span ID', parentValue(node, ctx, status));
  fact('Trace ID', idValue(record.traceId, 'trace ID', status));
  if (record.traceState) fact('Trace state', record.traceState);
  fact('Instrumentation scope', record.scope.version ? `${record.scope.name} ${record.scope.version}` : record.scope.name || '(no name)');
  parts.push(facts);

  const actions = el('p', { className: 'tv-details__actions' });
  if (!node.unfinished || node.endMs > node.startMs) {
    const zoom = button('Zoom to span');
    zoom.addEventListener('click', () => ctx.onZoomTo(node));
    actions.append(zoom);
  }
  const link = ctx.linkTo(node);
  if (link !== undefined) {
    const copyLink = button('Copy link to span');
    copyLink.addEventListener('click', () => void copyText(link, status, 'Link copied'));
    actions.append(copyLink);
  }
  if (actions.firstChild) parts.push(actions);

  const sub = ctx.headingLevel + 1;
  parts.push(section(sub, `Attributes (${Object.keys(record.attributes).length})`, attributeTable(record.attributes, status), true));
  parts.push(section(sub, `Events (${record.events.length})`, eventList(record.events, node, status), true));
  parts.push(section(sub, `Links (${record.links.length})`, linkList(node, ctx, status), record.links.length > 0));
  parts.push(section(sub, `Resource (${Object.keys(record.resource).length})`, attributeTable(record.resource, status), false));
  const dropped = record.dropped;
  if (dropped && (dropped.attributes || dropped.events || dropped.links)) {
    const text = [
      dropped.attributes ? plural(dropped.attributes, 'attribute') : '',
      dropped.events ? plural(dropped.events, 'event') : '',
      dropped.links ? plural(dropped.links, 'link') : '',
    ].filter(Boolean);
    parts.push(el('p', { className: 'tv-note', text: `The SDK dropped ${text.join(', ')} of this span (over its limits).` }));
  }
  parts.push(status);
  panel.replaceChildren(...parts);
}

/**
 * A record that is not one of the trace's spans (one only the reference has, in a comparison):
 * what the annotator says is true of it and its attributes; no ids, copy buttons, links or
 * critical path, which would be made up.
 */
function renderAbsentDetails(panel: HTMLElement, node: SpanNode, factList: Array<[string, string]>, note: HTMLElement | undefined, headingLevel: number): void {
  const facts = el('dl', { className: 'tv-facts' }, factList.flatMap(([term, value]) => [el('dt', { text: term }), el('dd', { text: value })]));
  const attributes = node.record.attributes;
  panel.replaceChildren(
    heading(headingLevel, node.record.name, 'tv-details__title'),
    ...(note ? [note] : []),
    facts,
    section(headingLevel + 1, `Attributes (${Object.keys(attributes).length})`, attributeTable(attributes, undefined), true),
  );
}

function renderGroupDetails(panel: HTMLElement, group: MissingParentGroup, ctx: DetailsContext): void {
  const ids = group.missingParentIds;
  panel.replaceChildren(
    heading(ctx.headingLevel, 'Missing parent', 'tv-details__title'),
    el('p', {
      text: `${plural(group.children.length, 'span')} of this trace ${group.children.length === 1 ? 'names' : 'name'} a parent span that is not in this data. The parent may belong to another service whose spans were not collected, may have been dropped by sampling, or may not have ended yet.`,
    }),
    el('p', { text: `Missing parent span ${ids.length === 1 ? 'id' : 'ids'}:` }),
    el('ul', { className: 'tv-id-list' }, ids.slice(0, 50).map((id) => el('li', {}, [el('code', { text: id })]))),
  );
}

function heading(level: number, text: string, className: string): HTMLElement {
  const tag = `h${Math.min(Math.max(level, 2), 6)}` as 'h2' | 'h3' | 'h4' | 'h5' | 'h6';
  return el(tag, { className, text });
}

function section(level: number, title: string, body: HTMLElement, open: boolean): HTMLElement {
  const summary = el('summary', {}, [heading(level, title, 'tv-details__section-title')]);
  const details = el('details', { className: 'tv-details__section' }, [summary, body]);
  details.open = open;
  return details;
}

function flagList(node: SpanNode, ctx: DetailsContext): HTMLElement | undefined {
  const flags: HTMLElement[] = [];
  const add = (text: string, kind: string) => flags.push(el('li', { className: `tv-badge tv-badge--${kind}`, text }));
  if (node.isError) add('⚠ error', 'error');
  if (ctx.critical?.isBottleneck[node.index] === 1) add('bottleneck: most of the trace’s time is spent here', 'bottleneck');
  if (node.unfinished) add('unfinished: the span never ended', 'warn');
  if (node.durationMs === 0) add('zero duration', 'info');
  if (node.startsBeforeParent) add('⇆ starts before its parent (clock skew?)', 'warn');
  if (node.endsAfterParent) add('⇆ ends after its parent (clock skew?)', 'warn');
  if (node.duplicateId) add('duplicate span id: another span in this trace uses it', 'warn');
  if (node.orphan) add('parent not in this data', 'warn');
  return flags.length ? el('ul', { className: 'tv-flags', attrs: { 'aria-label': 'Flags' } }, flags) : undefined;
}

function parentValue(node: SpanNode, ctx: DetailsContext, status: HTMLElement): Node {
  const parentId = node.record.parentSpanId;
  if (!parentId) return document.createTextNode('none: this is a root span');
  const wrap = el('span', {}, [idValue(parentId, 'parent span ID', status)]);
  if (node.parent) {
    const go = button(`Go to parent`, { className: 'tv-button tv-button--small', label: `Go to parent: ${node.parent.record.name}` });
    go.addEventListener('click', () => ctx.onGoTo(node.parent!));
    wrap.append(' ', go);
  } else {
    wrap.append(el('span', { className: 'tv-muted', text: ' (not in this data)' }));
  }
  return wrap;
}

function idValue(id: string, what: string, status: HTMLElement): Node {
  const copy = button('Copy', { className: 'tv-button tv-button--small', label: `Copy ${what}` });
  copy.addEventListener('click', () => void copyText(id, status, `${what[0]!.toUpperCase()}${what.slice(1)} copied`));
  return el('span', { className: 'tv-id' }, [el('code', { text: id }), ' ', copy]);
}

/** The value's type as OTLP names it; a number that is an integer exports as `int`. */
export function attributeType(value: AttributeValue): string {
  const scalar = (v: unknown): string => (typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : Number.isInteger(v) ? 'int' : 'double');
  if (!Array.isArray(value)) return scalar(value);
  const first = value.find((v) => v !== null);
  if (first === undefined) return 'array';
  // An array of numbers is `double[]` as soon as one element is not an integer.
  if (typeof first === 'number') return (value as Array<number | null>).every((v) => v === null || Number.isInteger(v)) ? 'int[]' : 'double[]';
  return `${scalar(first)}[]`;
}

/** Text to show and to copy: strings as they are, everything else as JSON. */
export function attributeValueText(value: AttributeValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Without `status`, no copy buttons (for values that are not the learner's). */
function attributeTable(attributes: Attributes, status: HTMLElement | undefined): HTMLElement {
  const keys = Object.keys(attributes);
  if (keys.length === 0) return el('p', { className: 'tv-muted', text: 'None.' });
  const rows = keys.map((key) => {
    const value = attributes[key]!;
    const text = attributeValueText(value);
    const cells = [
      el('th', { attrs: { scope: 'row', 'data-type': attributeType(value) } }, [breakable('code', key)]),
      el('td', { className: 'tv-attr-value' }, [longText(text, 'value')]),
      el('td', { className: 'tv-attr-type', text: attributeType(value) }),
    ];
    if (status) {
      const copy = button('Copy', { className: 'tv-button tv-button--small', label: `Copy value of ${key}` });
      copy.addEventListener('click', () => void copyText(text, status, `Value of ${key} copied`));
      cells.push(el('td', { className: 'tv-attr-copy' }, [copy]));
    }
    return el('tr', {}, cells);
  });
  const head = [el('th', { text: 'Key', attrs: { scope: 'col' } }), el('th', { text: 'Value', attrs: { scope: 'col' } }), el('th', { text: 'Type', attrs: { scope: 'col' } })];
  if (status) head.push(el('th', { attrs: { scope: 'col' } }, [el('span', { className: 'visually-hidden', text: 'Copy' })]));
  return el('table', { className: 'tv-attrs' }, [el('thead', {}, [el('tr', {}, head)]), el('tbody', {}, rows)]);
}

function breakable<K extends keyof HTMLElementTagNameMap>(tag: K, text: string): HTMLElementTagNameMap[K] {
  const node = el(tag);
  setBreakableText(node, text);
  return node;
}

/** Text that is cut at TRUNCATE_AT characters (or `lines` lines) with a button to show it all. */
function longText(text: string, what: string, lines?: number): HTMLElement {
  const wrap = el('span', { className: 'tv-long' });
  const content = el('span', { className: 'tv-long__text' });
  wrap.append(content);
  let cut: string | undefined;
  if (lines !== undefined) {
    const all = text.split('\n');
    if (all.length > lines) cut = `${all.slice(0, lines).join('\n')}\n…`;
  }
  if (cut === undefined && text.length > TRUNCATE_AT) cut = `${text.slice(0, TRUNCATE_AT)}…`;
  if (cut === undefined) {
    setBreakableText(content, text);
    return wrap;
  }
  setBreakableText(content, cut);
  const toggle = button(lines !== undefined ? `Show the whole ${what} (${plural(text.split('\n').length, 'line')})` : `Show all ${formatCount(text.length)} characters`, {
    className: 'tv-button tv-button--small tv-long__toggle',
  });
  toggle.setAttribute('aria-expanded', 'false');
  const shortLabel = toggle.textContent ?? '';
  toggle.addEventListener('click', () => {
    const expanded = toggle.getAttribute('aria-expanded') === 'true';
    setBreakableText(content, expanded ? cut! : text);
    toggle.setAttribute('aria-expanded', String(!expanded));
    toggle.textContent = expanded ? shortLabel : 'Show less';
  });
  wrap.append(' ', toggle);
  return wrap;
}

function eventList(events: SpanEventRecord[], node: SpanNode, status: HTMLElement): HTMLElement {
  if (events.length === 0) return el('p', { className: 'tv-muted', text: 'None.' });
  const spanStartNs = BigInt(node.record.startTimeUnixNano);
  return el(
    'ol',
    { className: 'tv-events' },
    events.map((event) => {
      let offset = '';
      try {
        offset = formatOffset(Number(BigInt(event.timeUnixNano) - spanStartNs) / 1e6);
      } catch {
        offset = '?';
      }
      const item = el('li', { className: 'tv-event' }, [
        el('p', { className: 'tv-event__head' }, [el('strong', { text: event.name }), el('span', { className: 'tv-muted', text: ` ${offset} from the span start` })]),
      ]);
      if (event.name === 'exception') {
        item.classList.add('tv-event--exception');
        const type = event.attributes['exception.type'];
        const message = event.attributes['exception.message'];
        const stack = event.attributes['exception.stacktrace'];
        item.append(el('p', { className: 'tv-exception__message' }, [el('span', { text: '⚠ ', attrs: { 'aria-hidden': 'true' } }), `${type !== undefined ? `${String(type)}: ` : ''}${message !== undefined ? String(message) : '(no message)'}`]));
        if (typeof stack === 'string' && stack !== '') {
          item.append(el('pre', { className: 'tv-exception__stack', attrs: { 'aria-label': 'Stack trace' } }, [longText(stack, 'stack', STACK_LINES_SHOWN)]));
        }
        const rest: Attributes = {};
        for (const [key, value] of Object.entries(event.attributes)) if (!['exception.type', 'exception.message', 'exception.stacktrace'].includes(key)) rest[key] = value;
        if (Object.keys(rest).length) item.append(attributeTable(rest, status));
      } else if (Object.keys(event.attributes).length) {
        item.append(attributeTable(event.attributes, status));
      }
      return item;
    }),
  );
}

function linkList(node: SpanNode, ctx: DetailsContext, status: HTMLElement): HTMLElement {
  const links = node.record.links;
  if (links.length === 0) return el('p', { className: 'tv-muted', text: 'None.' });
  return el(
    'ol',
    { className: 'tv-links' },
    links.map((link) => {
      const target = link.traceId === ctx.trace.traceId ? findSpanByKey(ctx.trace, link.spanId) : undefined;
      const item = el('li', {}, [
        el('p', {}, [
          'Span ',
          idValue(link.spanId, 'linked span ID', status),
          link.traceId === ctx.trace.traceId ? ' in this trace' : el('span', {}, [' in trace ', el('code', { text: link.traceId })]),
        ]),
      ]);
      if (target) {
        const go = button(`Go to ${target.record.name}`, { className: 'tv-button tv-button--small' });
        go.addEventListener('click', () => ctx.onGoTo(target));
        item.append(go);
      }
      if (link.traceState) item.append(el('p', { text: `Trace state: ${link.traceState}` }));
      if (Object.keys(link.attributes).length) item.append(attributeTable(link.attributes, status));
      return item;
    }),
  );
}

async function copyText(text: string, status: HTMLElement, done: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = done;
  } catch {
    status.textContent = 'Copying is not allowed here: select the text and copy it instead.';
  }
}
