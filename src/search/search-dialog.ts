import { renderExcerpt } from './excerpt.ts';
import { toHits, type SearchHit } from './hits.ts';
import { loadPagefind, type PagefindClient } from './pagefind-client.ts';
import { isSearchShortcut, isTypingTarget } from './shortcut.ts';

export interface SearchOptions {
  /** The site's base path, ending in `/`. */
  base: string;
  /** `astro dev` serves no index: say so instead of failing to load it. */
  dev: boolean;
}

/** The elements SearchDialog.astro and SearchButton.astro render. */
interface Parts {
  dialog: HTMLDialogElement;
  input: HTMLInputElement;
  status: HTMLElement;
  list: HTMLElement;
  close: HTMLButtonElement;
  openers: HTMLElement[];
}

const PAGES_SHOWN = 6;
const TYPING_PAUSE_MS = 80;
export const DEV_MESSAGE = 'Search works in the built site (npm run build && npm run preview).';

function findParts(doc: Document): Parts | null {
  const dialog = doc.querySelector<HTMLDialogElement>('dialog[data-search-dialog]');
  const input = dialog?.querySelector<HTMLInputElement>('[data-search-input]');
  const status = dialog?.querySelector<HTMLElement>('[data-search-status]');
  const list = dialog?.querySelector<HTMLElement>('[data-search-results]');
  const close = dialog?.querySelector<HTMLButtonElement>('[data-search-close]');
  if (!dialog || !input || !status || !list || !close) return null;
  return { dialog, input, status, list, close, openers: [...doc.querySelectorAll<HTMLElement>('[data-search-open]')] };
}

function renderHit(doc: Document, hit: SearchHit, id: string): HTMLLIElement {
  const option = doc.createElement('li');
  option.id = id;
  option.className = 'search-hit';
  option.setAttribute('role', 'option');
  option.setAttribute('aria-selected', 'false');
  option.dataset.url = hit.url;
  const title = doc.createElement('span');
  title.className = 'search-hit__title';
  const page = doc.createElement('span');
  page.className = 'search-hit__page';
  page.textContent = hit.page;
  title.append(page);
  if (hit.heading) {
    const heading = doc.createElement('span');
    heading.className = 'search-hit__heading';
    heading.textContent = hit.heading;
    title.append(doc.createTextNode(' › '), heading);
  }
  const excerpt = doc.createElement('span');
  excerpt.className = 'search-hit__excerpt';
  excerpt.append(renderExcerpt(hit.excerpt, doc));
  // The option's name is all of its text (axe: the visible text must be part of the name).
  option.append(title, excerpt);
  return option;
}

/** The listbox of hits and which one is active; focus stays in the field that owns the list. */
class HitList {
  private hits: SearchHit[] = [];
  private active = -1;

  private readonly doc: Document;
  private readonly input: HTMLInputElement;
  private readonly list: HTMLElement;

  constructor(doc: Document, input: HTMLInputElement, list: HTMLElement) {
    this.doc = doc;
    this.input = input;
    this.list = list;
  }

  get count(): number {
    return this.hits.length;
  }

  at(index: number): SearchHit | undefined {
    return this.hits[index];
  }

  show(next: SearchHit[]): void {
    this.hits = next;
    this.active = -1;
    this.input.removeAttribute('aria-activedescendant');
    this.list.replaceChildren(...next.map((hit, i) => renderHit(this.doc, hit, `search-hit-${i}`)));
    this.list.hidden = next.length === 0;
    this.input.setAttribute('aria-expanded', String(next.length > 0));
  }

  /** Up and Down move the active hit; Enter returns the hit to open (the first when none is active). */
  onKey(event: KeyboardEvent): SearchHit | undefined {
    const count = this.hits.length;
    if (count === 0) return undefined;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      this.setActive((this.active + 1) % count);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      this.setActive(this.active <= 0 ? count - 1 : this.active - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      return this.hits[Math.max(this.active, 0)];
    }
    return undefined;
  }

  private setActive(index: number): void {
    const options = this.list.querySelectorAll<HTMLElement>('[role="option"]');
    options[this.active]?.setAttribute('aria-selected', 'false');
    this.active = index;
    const option = options[this.active];
    if (option) {
      option.setAttribute('aria-selected', 'true');
      this.input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
  }
}

/**
 * The search dialog: a combobox (the text field) that owns a listbox of hits. Focus stays in
 * the field; Up/Down move the active hit (aria-activedescendant), Enter opens it, Escape
 * closes the dialog and gives focus back to where it was.
 */
export function mountSearch(doc: Document, options: SearchOptions): { open: () => void } | null {
  const parts = findParts(doc);
  if (!parts) return null;
  const { dialog, input, status, list, close } = parts;
  let client: Promise<PagefindClient> | null = null;
  const results = new HitList(doc, input, list);
  let searchId = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let returnFocusTo: HTMLElement | null = null;

  const say = (text: string): void => {
    if (status.textContent !== text) status.textContent = text;
  };
  const show = (next: SearchHit[]): void => results.show(next);

  const go = (hit: SearchHit | undefined): void => {
    if (!hit) return;
    returnFocusTo = null;
    dialog.close();
    doc.defaultView?.location.assign(hit.url);
  };

  const loadClient = (): Promise<PagefindClient> => {
    client ??= loadPagefind(options.base);
    return client;
  };

  const search = async (): Promise<void> => {
    const id = ++searchId;
    const query = input.value.trim();
    if (options.dev) return say(DEV_MESSAGE);
    if (query === '') {
      show([]);
      return say('Type to search the lessons and the glossary.');
    }
    try {
      const pagefind = await loadClient();
      const found = await pagefind.search(query);
      const pages = await Promise.all(found.results.slice(0, PAGES_SHOWN).map((r) => r.data()));
      // A later keystroke started a newer search: its results win.
      if (id !== searchId) return;
      show(toHits(pages));
      const count = results.count;
      say(count === 0 ? `No results for “${query}”.` : `${count} ${count === 1 ? 'result' : 'results'} for “${query}”. Use the arrow keys to choose one.`);
    } catch (error) {
      if (id !== searchId) return;
      client = null;
      show([]);
      say(`Search could not load (${error instanceof Error ? error.message : String(error)}). Reload the page to try again.`);
    }
  };

  const open = (): void => {
    if (dialog.open) return input.focus();
    const focused = doc.activeElement;
    returnFocusTo = focused instanceof HTMLElement ? focused : null;
    dialog.showModal();
    input.focus();
    input.select();
    if (options.dev) return say(DEV_MESSAGE);
    if (!client) say('Loading search…');
    // Start fetching the index while the learner types the first letters.
    loadClient().then(
      () => void search(),
      () => void search(),
    );
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void search(), TYPING_PAUSE_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (!event.isComposing) go(results.onKey(event));
  });
  dialog.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    dialog.close();
  });
  list.addEventListener('click', (event) => {
    const option = event.target instanceof Element ? event.target.closest<HTMLElement>('[role="option"]') : null;
    if (option) go(results.at([...list.children].indexOf(option)));
  });
  // A click on the backdrop (the dialog element itself, outside its panel) closes it.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    clearTimeout(timer);
    if (returnFocusTo?.isConnected) returnFocusTo.focus();
    returnFocusTo = null;
  });

  for (const opener of parts.openers) opener.addEventListener('click', open);
  doc.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || dialog.open || !isSearchShortcut(event) || isTypingTarget(event.target)) return;
    event.preventDefault();
    open();
  });
  return { open };
}
