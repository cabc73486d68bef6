export type SiteTheme = 'light' | 'dark';

/** The site's theme, as the head script and the theme toggle set it on `<html data-theme>`. */
export function siteTheme(): SiteTheme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

/** Calls `listener` whenever the site's theme changes; returns the unsubscribe function. */
export function onSiteThemeChange(listener: (theme: SiteTheme) => void): () => void {
  let last = siteTheme();
  const observer = new MutationObserver(() => {
    const now = siteTheme();
    if (now !== last) listener((last = now));
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}
