/**
 * Glossary tooltips follow the WAI-ARIA tooltip pattern: they show on hover and on keyboard
 * focus, Escape hides them without moving focus, and a click or tap toggles them for touch.
 * CSS shows a tip unless its term is `data-dismissed`; this module only manages that state.
 */
export function enhanceTerms(root: Document): void {
  if (root.documentElement.dataset.termsReady) return;
  root.documentElement.dataset.termsReady = 'true';

  const termOf = (target: EventTarget | null) => (target instanceof Element ? target.closest<HTMLElement>('.term') : null);
  const closeAll = (except?: HTMLElement | null) => {
    for (const term of root.querySelectorAll<HTMLElement>('.term[data-open]')) {
      if (term !== except) delete term.dataset.open;
    }
  };

  root.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    for (const term of root.querySelectorAll<HTMLElement>('.term:hover, .term:focus-within, .term[data-open]')) {
      term.dataset.dismissed = '';
      delete term.dataset.open;
    }
  });
  root.addEventListener('click', (event) => {
    const term = termOf(event.target);
    closeAll(term);
    if (!term || !(event.target instanceof Element) || !event.target.closest('.term__trigger')) return;
    if (term.dataset.open === undefined) {
      term.dataset.open = '';
      delete term.dataset.dismissed;
      keepInViewport(term);
    } else {
      delete term.dataset.open;
    }
  });
  // Leaving a term re-arms it, so the next hover or focus shows the tip again.
  const rearm = (event: Event) => {
    const term = termOf(event.target);
    if (term && !term.matches(':hover, :focus-within')) delete term.dataset.dismissed;
  };
  root.addEventListener('focusout', (event) => queueMicrotask(() => rearm(event)));
  root.addEventListener('mouseout', rearm);
  root.addEventListener('focusin', (event) => keepInViewport(termOf(event.target)));
  root.addEventListener('mouseover', (event) => keepInViewport(termOf(event.target)));
}

/**
 * Shifts a tip left when it would run off the right edge (phones, terms near the margin), and
 * opens it above its term when there is no room below (a term near the bottom of the window).
 */
function keepInViewport(term: HTMLElement | null): void {
  const tip = term?.querySelector<HTMLElement>('.term__tip');
  if (!term || !tip) return;
  tip.style.removeProperty('--tip-shift');
  delete term.dataset.tipAbove;
  requestAnimationFrame(() => {
    const box = tip.getBoundingClientRect();
    if (box.height === 0) return;
    const overflow = box.right - (document.documentElement.clientWidth - 8);
    if (overflow > 0) tip.style.setProperty('--tip-shift', `${-overflow}px`);
    const header = document.querySelector('.site-header')?.getBoundingClientRect().bottom ?? 0;
    const gap = box.top - term.getBoundingClientRect().bottom;
    const roomAbove = term.getBoundingClientRect().top - gap - Math.max(0, header) - 8;
    if (box.bottom > window.innerHeight - 8 && roomAbove >= box.height) term.dataset.tipAbove = '';
  });
}
