/** The keys of a keydown event that decide whether it opens the search. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** `/` alone, or Ctrl+K / Cmd+K. */
export function isSearchShortcut(event: KeyPress): boolean {
  if (event.altKey) return false;
  if (event.key === '/') return !event.ctrlKey && !event.metaKey;
  return event.key.toLowerCase() === 'k' && event.ctrlKey !== event.metaKey;
}

/**
 * True when the key belongs to what the learner is typing: a text field, a select, an
 * editable region or the code editor (Monaco types into a hidden textarea, and uses
 * Ctrl+K as the start of its own chords).
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"]), [role="textbox"], .monaco-editor')) {
    return !(target instanceof HTMLInputElement && ['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range', 'color'].includes(target.type));
  }
  return false;
}
