/**
 * The file tabs of a multi-file exercise (WAI-ARIA tabs, automatic activation): click, or
 * Left/Right/Home/End once a tab has focus. Rendered by CodeEditorHost.astro; wired here.
 */
export function wireFileTabs(host: HTMLElement, select: (file: string) => void): (file: string) => void {
  const tabs = [...host.querySelectorAll<HTMLButtonElement>('[role="tab"][data-file]')];
  const mark = (file: string) => {
    for (const tab of tabs) {
      const selected = tab.dataset.file === file;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
  };
  tabs.forEach((tab, index) => {
    tab.addEventListener('click', () => select(tab.dataset.file!));
    tab.addEventListener('keydown', (event) => {
      const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      const target = tabs[(next + tabs.length) % tabs.length]!;
      target.focus();
      select(target.dataset.file!);
    });
  });
  return mark;
}
