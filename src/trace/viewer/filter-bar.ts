/**
 * The viewer's toolbar: find by name, more filters (service, status, attribute, minimum
 * duration), "show matches only", next/previous match, expand all / collapse all.
 */
import type { SpanFilter } from '../filter.ts';
import type { StatusCodeName } from '../../../sandboxes/wire/span-record.ts';
import { button, el, labelled, uniqueId } from './dom.ts';
import { formatCount, plural } from './format.ts';

export interface FilterBarEvents {
  onFilter(filter: SpanFilter, matchesOnly: boolean): void;
  onStep(direction: 1 | -1): void;
  onExpandAll(expand: boolean): void;
}

/** Typing waits this long before filtering, so a 100,000-span trace is not filtered per key. */
const TYPING_DELAY_MS = 120;

export class FilterBar {
  readonly element: HTMLElement;
  private readonly events: FilterBarEvents;
  private readonly name: HTMLInputElement;
  private readonly service: HTMLSelectElement;
  private readonly status: HTMLSelectElement;
  private readonly attribute: HTMLInputElement;
  private readonly minDuration: HTMLInputElement;
  private readonly matchesOnly: HTMLInputElement;
  private readonly more: HTMLButtonElement;
  private readonly panel: HTMLElement;
  private readonly count: HTMLElement;
  private readonly previous: HTMLButtonElement;
  private readonly next: HTMLButtonElement;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(events: FilterBarEvents) {
    this.events = events;
    this.name = el('input', { className: 'tv-input tv-search', attrs: { type: 'search', 'aria-label': 'Find spans by name', placeholder: 'Find spans by name', autocomplete: 'off', spellcheck: 'false' } });
    this.previous = button('↑', { label: 'Previous match', className: 'tv-button tv-button--icon' });
    this.next = button('↓', { label: 'Next match', className: 'tv-button tv-button--icon' });
    this.count = el('span', { className: 'tv-match-count', attrs: { role: 'status' } });
    const panelId = uniqueId('tv-filters');
    this.more = button('Filters', { className: 'tv-button' });
    this.more.setAttribute('aria-expanded', 'false');
    this.more.setAttribute('aria-controls', panelId);
    const expand = button('Expand all');
    const collapse = button('Collapse all');

    const field = (label: string, control: HTMLElement) => labelled(label, control);
    this.service = el('select', { className: 'tv-input' });
    this.status = el('select', { className: 'tv-input' }, [
      el('option', { text: 'Any', attrs: { value: '' } }),
      el('option', { text: 'Error', attrs: { value: 'ERROR' } }),
      el('option', { text: 'OK', attrs: { value: 'OK' } }),
      el('option', { text: 'Unset', attrs: { value: 'UNSET' } }),
    ]);
    this.attribute = el('input', { className: 'tv-input', attrs: { type: 'text', placeholder: 'key or key=value', autocomplete: 'off', spellcheck: 'false' } });
    this.minDuration = el('input', { className: 'tv-input tv-input--number', attrs: { type: 'number', min: '0', step: 'any', inputmode: 'decimal' } });
    this.matchesOnly = el('input', { attrs: { type: 'checkbox' } });
    const clear = button('Clear filters');
    this.panel = el('div', { className: 'tv-filter-panel', attrs: { id: panelId } }, [
      field('Service', this.service),
      field('Status', this.status),
      field('Attribute', this.attribute),
      field('Min duration (ms)', this.minDuration),
      el('label', { className: 'tv-check' }, [this.matchesOnly, ' Show matches only']),
      clear,
    ]);
    this.panel.hidden = true;

    this.element = el('div', { className: 'tv-filter', attrs: { role: 'search', 'aria-label': 'Filter spans' } }, [
      el('div', { className: 'tv-filter__row' }, [
        el('div', { className: 'tv-filter__find' }, [this.name, this.previous, this.next, this.count]),
        el('div', { className: 'tv-filter__buttons' }, [this.more, expand, collapse]),
      ]),
      this.panel,
    ]);

    const now = () => this.emit();
    this.name.addEventListener('input', () => this.emitSoon());
    this.attribute.addEventListener('input', () => this.emitSoon());
    this.minDuration.addEventListener('input', () => this.emitSoon());
    this.service.addEventListener('change', now);
    this.status.addEventListener('change', now);
    this.matchesOnly.addEventListener('change', now);
    this.name.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      if (this.timer !== undefined) this.emit();
      this.events.onStep(event.shiftKey ? -1 : 1);
    });
    this.previous.addEventListener('click', () => this.events.onStep(-1));
    this.next.addEventListener('click', () => this.events.onStep(1));
    this.more.addEventListener('click', () => {
      this.panel.hidden = !this.panel.hidden;
      this.more.setAttribute('aria-expanded', String(!this.panel.hidden));
    });
    expand.addEventListener('click', () => this.events.onExpandAll(true));
    collapse.addEventListener('click', () => this.events.onExpandAll(false));
    clear.addEventListener('click', () => {
      this.name.value = '';
      this.service.value = '';
      this.status.value = '';
      this.attribute.value = '';
      this.minDuration.value = '';
      this.matchesOnly.checked = false;
      this.emit();
    });
    this.setMatches(0, -1, false);
  }

  setServices(services: string[]): void {
    const current = this.service.value;
    this.service.replaceChildren(el('option', { text: 'All services', attrs: { value: '' } }), ...services.map((name) => el('option', { text: name, attrs: { value: name } })));
    this.service.value = services.includes(current) ? current : '';
  }

  /** `current` is the position (0-based) of the focused match, or -1. */
  setMatches(count: number, current: number, active: boolean): void {
    this.count.textContent = !active ? '' : count === 0 ? 'No matches' : current >= 0 ? `${formatCount(current + 1)} of ${plural(count, 'match', 'matches')}` : plural(count, 'match', 'matches');
    this.previous.disabled = count === 0;
    this.next.disabled = count === 0;
    const extra = [this.service.value, this.status.value, this.attribute.value.trim(), this.minDuration.value].filter(Boolean).length;
    this.more.textContent = extra ? `Filters (${extra})` : 'Filters';
  }

  filter(): SpanFilter {
    const min = Number(this.minDuration.value);
    return {
      name: this.name.value,
      service: this.service.value || undefined,
      status: (this.status.value || undefined) as StatusCodeName | undefined,
      attribute: this.attribute.value,
      minDurationMs: this.minDuration.value !== '' && Number.isFinite(min) ? min : undefined,
    };
  }

  destroy(): void {
    clearTimeout(this.timer);
  }

  private emitSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.emit(), TYPING_DELAY_MS);
  }

  private emit(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.events.onFilter(this.filter(), this.matchesOnly.checked);
  }
}
