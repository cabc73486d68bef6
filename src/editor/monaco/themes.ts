import { editor } from 'monaco-editor/editor';
import { onSiteThemeChange, siteTheme, type SiteTheme } from '../site-theme.ts';

/**
 * Token colours of Shiki's github-light-default / github-dark-default themes, which the site's
 * code blocks and the static preview use, so that the code keeps its colours when Monaco
 * replaces the preview.
 */
const syntax: Record<SiteTheme, { fg: string; rules: editor.ITokenThemeRule[] }> = {
  light: {
    fg: '#1f2328',
    rules: [
      { token: 'keyword', foreground: 'cf222e' },
      { token: 'string', foreground: '0a3069' },
      { token: 'regexp', foreground: '0a3069' },
      { token: 'comment', foreground: '6e7781' },
      { token: 'number', foreground: '0550ae' },
      { token: 'type.identifier', foreground: '953800' },
      { token: 'delimiter', foreground: '1f2328' },
    ],
  },
  dark: {
    fg: '#e6edf3',
    rules: [
      { token: 'keyword', foreground: 'ff7b72' },
      { token: 'string', foreground: 'a5d6ff' },
      { token: 'regexp', foreground: 'a5d6ff' },
      { token: 'comment', foreground: '8b949e' },
      { token: 'number', foreground: '79c0ff' },
      { token: 'type.identifier', foreground: 'ffa657' },
      { token: 'delimiter', foreground: 'e6edf3' },
    ],
  },
};

/** A design token of the site (global.css) as Monaco wants it, `#rrggbb`; `fallback` if it is not a hex colour. */
function token(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  if (/^#[0-9a-f]{6}$/i.test(value)) return value;
  if (/^#[0-9a-f]{3}$/i.test(value)) return `#${[...value.slice(1)].map((c) => c + c).join('')}`;
  return fallback;
}

/** Monaco's colours from the site's tokens, read now (they switch with the site's theme). */
function defineCourseTheme(theme: SiteTheme): string {
  const name = `course-${theme}`;
  const dark = theme === 'dark';
  const bg = token('--bg', dark ? '#111317' : '#ffffff');
  const border = token('--border', dark ? '#2e333b' : '#dde1e6');
  const raised = token('--bg-raised', dark ? '#1d2127' : '#ffffff');
  const accent = token('--accent', dark ? '#a5b4fc' : '#4338ca');
  const muted = token('--text-muted', dark ? '#a3abb5' : '#555d66');
  const text = token('--text', dark ? '#e6e8eb' : '#1c2024');
  const accentSoft = token('--accent-soft', dark ? '#23264a' : '#eef0ff');
  editor.defineTheme(name, {
    base: dark ? 'vs-dark' : 'vs',
    inherit: true,
    rules: [{ token: '', foreground: syntax[theme].fg.slice(1) }, ...syntax[theme].rules],
    colors: {
      'editor.background': bg,
      'editor.foreground': syntax[theme].fg,
      'editorLineNumber.foreground': muted,
      'editorLineNumber.activeForeground': text,
      'editor.lineHighlightBackground': `${border}55`,
      'editor.lineHighlightBorder': '#00000000',
      'editor.selectionBackground': `${accent}44`,
      'editor.inactiveSelectionBackground': `${accent}26`,
      'editorCursor.foreground': accent,
      'editorWidget.background': raised,
      'editorWidget.foreground': text,
      'editorWidget.border': border,
      'editorSuggestWidget.background': raised,
      'editorSuggestWidget.foreground': text,
      'editorSuggestWidget.border': border,
      'editorSuggestWidget.selectedBackground': accentSoft,
      'editorSuggestWidget.selectedForeground': text,
      'editorSuggestWidget.selectedIconForeground': text,
      'editorSuggestWidget.highlightForeground': accent,
      'editorSuggestWidget.focusHighlightForeground': accent,
      'list.activeSelectionBackground': accentSoft,
      'list.activeSelectionForeground': text,
      'list.focusForeground': text,
      'list.hoverBackground': `${border}66`,
      'editorHoverWidget.background': raised,
      'editorHoverWidget.foreground': text,
      'editorHoverWidget.border': border,
      'editorError.foreground': token('--error', dark ? '#fda29b' : '#b42318'),
      'editorWarning.foreground': token('--warn', dark ? '#fdb022' : '#9a5b00'),
      'focusBorder': token('--focus', dark ? '#93c5fd' : '#2563eb'),
      'scrollbarSlider.background': `${muted}40`,
      'scrollbarSlider.hoverBackground': `${muted}66`,
    },
  });
  return name;
}

let following = false;

/** Monaco's theme (one per page) follows the site's light/dark theme from now on. */
export function followSiteTheme(): void {
  if (following) return;
  following = true;
  editor.setTheme(defineCourseTheme(siteTheme()));
  onSiteThemeChange((theme) => editor.setTheme(defineCourseTheme(theme)));
}
