/**
 * The lines above the span tree: the trace's one-line summary, the legend (services, critical
 * path, the badges this trace uses) and notes about anything unusual in the data.
 */
import type { CriticalPath } from '../critical-path.ts';
import type { TraceModel, TraceView } from '../model.ts';
import { el } from './dom.ts';
import { formatDuration, plural, shortId } from './format.ts';
import { icon, type IconName } from './icons.ts';
import { BADGES, badge } from './span-row.ts';

export function renderSummary(summary: HTMLElement, trace: TraceView): void {
  const parts = [formatDuration(trace.durationMs), plural(trace.spanCount, 'span'), plural(trace.services.length, 'service')];
  if (trace.errorCount) parts.push(`⚠ ${plural(trace.errorCount, 'error')}`);
  summary.replaceChildren(
    el('strong', { text: trace.title }),
    ` · ${parts.join(' · ')} · trace `,
    el('code', { text: shortId(trace.traceId), attrs: { title: trace.traceId } }),
  );
}

export function renderLegend(legend: HTMLElement, trace: TraceView, model: TraceModel, critical: CriticalPath | undefined): void {
  const items = trace.services.map((index) =>
    el('li', { className: 'tv-legend__service' }, [
      el('span', { className: 'tv-swatch', attrs: { 'aria-hidden': 'true', 'data-service': String(index % 6) } }),
      model.services[index]!,
    ]),
  );
  items.push(el('li', { className: 'tv-legend__critical', text: 'critical path' }));
  const explain = (which: keyof typeof BADGES, text: string) => {
    const shown = badge(which);
    shown.querySelector('.tv-badge__word')?.remove();
    shown.setAttribute('aria-hidden', 'true');
    items.push(el('li', {}, [shown, text]));
  };
  if (trace.errorCount) explain('error', 'error');
  if (critical && critical.bottleneck.length > 0) explain('bottleneck', `bottleneck: ${critical.bottleneck.map((node) => node.record.name).join(' › ')}`);
  if (trace.unfinishedCount) explain('unfinished', 'never ended');
  if (trace.skewCount) explain('skew', 'outside its parent (clock skew)');
  if (trace.duplicateCount) explain('duplicate', 'duplicate span id');
  legend.replaceChildren(...items);
}

/** Notes about the data: several traces, missing parents, clock skew, duplicate ids, spans that never ended. */
export function renderNotes(notes: HTMLElement, trace: TraceView, model: TraceModel): void {
  const list: HTMLElement[] = [];
  const note = (name: IconName, text: string, kind = 'warn') =>
    list.push(el('li', { className: `tv-note tv-note--${kind}` }, [el('span', { className: 'tv-note__icon' }, [icon(name)]), text]));
  const one = (count: number, singular: string, many: string) => (count === 1 ? singular : many);
  if (model.traces.length > 1) note('info', `This data holds ${model.traces.length} traces: choose one in the Trace list.`, 'info');
  if (trace.orphanCount) {
    const n = trace.orphanCount;
    note('warning', `${plural(n, 'span')} ${one(n, 'has a parent', 'have parents')} that ${one(trace.missingParent!.missingParentIds.length, 'is', 'are')} not in this data: listed under “Missing parent”.`);
  }
  if (trace.skewCount) {
    const n = trace.skewCount;
    note('skew', `${plural(n, 'span')} ${one(n, 'starts', 'start')} before or ${one(n, 'ends', 'end')} after ${one(n, 'its', 'their')} parent (clock skew between hosts?): drawn at ${one(n, 'its', 'their')} own times and flagged ⇆.`);
  }
  if (trace.duplicateCount) note('warning', `${plural(trace.duplicateCount, 'span')} share a span id with another span of this trace: all are shown, flagged “dup id”.`);
  if (trace.unfinishedCount) note('unfinished', `${plural(trace.unfinishedCount, 'span')} never ended: drawn up to the end of the trace and marked “unfinished”.`);
  notes.replaceChildren(...list);
  notes.hidden = list.length === 0;
}
