/**
 * The code as it is shown before Monaco loads: per file, the `<pre>` that CodeEditorHost.astro
 * highlighted at build time. Nothing here downloads or highlights anything.
 */
export function staticViews(host: HTMLElement): Map<string, HTMLElement> {
  return new Map([...host.querySelectorAll<HTMLElement>('[data-static-file]')].map((view) => [view.dataset.staticFile!, view]));
}

/** Shows a draft in place of the highlighted starter, as plain text in the same layout. */
export function showPlainText(view: HTMLElement, text: string): void {
  const code = view.querySelector('code') ?? view.querySelector('pre') ?? view;
  code.replaceChildren(
    ...text.split('\n').flatMap((line, index) => {
      const span = document.createElement('span');
      span.className = 'line';
      span.textContent = line;
      return index ? ['\n', span] : [span];
    }),
  );
}

/** The scrollable element of a static view (its `<pre>`). */
export function scroller(view: HTMLElement): HTMLElement {
  return view.querySelector('pre') ?? view;
}
