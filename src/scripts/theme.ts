// The same key and rule as the inline script in BaseLayout.astro, which applies the theme
// before first paint; this module keeps it right afterwards.
const KEY = 'course:theme';
type Theme = 'light' | 'dark';

function apply(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-theme-toggle]')) {
    button.setAttribute('aria-pressed', String(theme === 'dark'));
  }
}

function storedChoice(): Theme | null {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}

/**
 * The toggle overrides the system setting and remembers the choice (when storage allows).
 * Until the learner chooses, the page follows the system setting, also when it changes while
 * the page is open; a choice made in another tab applies here too.
 */
export function initThemeToggle(): void {
  const system = matchMedia('(prefers-color-scheme: dark)');
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
  system.addEventListener('change', () => {
    if (storedChoice() === null) apply(system.matches ? 'dark' : 'light');
  });
  window.addEventListener('storage', (event) => {
    if (event.key !== KEY && event.key !== null) return;
    apply(storedChoice() ?? (system.matches ? 'dark' : 'light'));
  });
}
