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
  let hits: SearchHit[] = [];
  let active = -1;
  let searchId = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let returnFocusTo: HTMLElement | null = null;

  const say = (text: string): void => {
    if (status.textContent !== text) status.textContent = text;
  };

  const setActive = (index: number): void => {
    const options = list.querySelectorAll<HTMLElement>('[role="option"]');
    options[active]?.setAttribute('aria-selected', 'false');
    active = index;
    const option = options[active];
    if (option) {
      option.setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  };

  const show = (next: SearchHit[]): void => {
    hits = next;
    active = -1;
    input.removeAttribute('aria-activedescendant');
    list.replaceChildren(...hits.map((hit, i) => renderHit(doc, hit, `search-hit-${i}`)));
    list.hidden = hits.length === 0;
    input.setAttribute('aria-expanded', String(hits.length > 0));
  };

  const go = (index: number): void => {
    const hit = hits[index];
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
      say(hits.length === 0 ? `No results for “${query}”.` : `${hits.length} ${hits.length === 1 ? 'result' : 'results'} for “${query}”. Use the arrow keys to choose one.`);
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
    if (event.isComposing) return;
    const count = hits.length;
    if (event.key === 'ArrowDown' && count > 0) {
      event.preventDefault();
      setActive((active + 1) % count);
    } else if (event.key === 'ArrowUp' && count > 0) {
      event.preventDefault();
      setActive(active <= 0 ? count - 1 : active - 1);
    } else if (event.key === 'Enter' && count > 0) {
      event.preventDefault();
      go(active >= 0 ? active : 0);
    }
  });
  dialog.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    dialog.close();
  });
  list.addEventListener('click', (event) => {
    const option = event.target instanceof Element ? event.target.closest<HTMLElement>('[role="option"]') : null;
    if (option) go([...list.children].indexOf(option));
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
