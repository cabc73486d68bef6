const KEY = 'course:theme';
type Theme = 'light' | 'dark';

function apply(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-theme-toggle]')) {
    button.setAttribute('aria-pressed', String(theme === 'dark'));
  }
}

/** The toggle overrides the system setting and remembers the choice (when storage allows). */
export function initThemeToggle(): void {
  apply(document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light');
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-theme-toggle]')) {
    button.addEventListener('click', () => {
      const next: Theme = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
      apply(next);
      try {
        localStorage.setItem(KEY, next);
      } catch {
        // Private mode or a full quota: the theme still applies for this page.
      }
    });
  }
}
