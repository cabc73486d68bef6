/**
 * Lesson tables scroll sideways when they are wider than the text column (on phones, most of
 * them). A box that scrolls must be reachable by keyboard so that it can be scrolled with the
 * arrow keys (WCAG 2.1.1; axe "scrollable-region-focusable"). Tables that fit get no extra
 * Tab stop; the check runs again whenever a table's size changes.
 */
export function makeScrollRegionsFocusable(root: Document, selector = '.prose table'): void {
  const update = (box: HTMLElement): void => {
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls && !box.hasAttribute('tabindex')) {
      box.tabIndex = 0;
      box.dataset.scrollRegion = 'focusable';
    } else if (!scrolls && box.dataset.scrollRegion === 'focusable') {
      box.removeAttribute('tabindex');
      delete box.dataset.scrollRegion;
    }
  };
  const boxes = [...root.querySelectorAll<HTMLElement>(selector)];
  if (boxes.length === 0) return;
  const observer = new ResizeObserver((entries) => {
    for (const entry of entries) update(entry.target as HTMLElement);
  });
  for (const box of boxes) {
    update(box);
    observer.observe(box);
  }
}
