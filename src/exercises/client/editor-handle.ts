import type { RunError } from '../../runtime/protocol.ts';

/** What the exercise needs from an editor, whichever one is loaded. */
export interface EditorHandle {
  getValue(): string;
  /** Replaces the text as one undoable edit. */
  setValue(text: string): void;
  focus(): void;
  /** Marks the last run's errors on their lines (and clears old marks). */
  showErrors(errors: RunError[]): void;
  onChange(listener: () => void): void;
  /** Ctrl/Cmd+Enter. */
  onRun(listener: () => void): void;
  cursor(): { line: number; column: number } | undefined;
  setCursor(position: { line: number; column: number }): void;
}

/** A plain textarea: what the learner gets before (or instead of) the full editor. */
export function textareaEditor(host: HTMLElement, initial: string, label: string): EditorHandle {
  const area = document.createElement('textarea');
  area.className = 'code-input exercise__textarea';
  area.value = initial;
  area.spellcheck = false;
  area.wrap = 'off';
  area.rows = Math.min(30, Math.max(12, initial.split('\n').length + 2));
  area.setAttribute('aria-label', label);
  area.setAttribute('autocapitalize', 'off');
  area.setAttribute('autocomplete', 'off');
  host.replaceChildren(area);
  const offsetOf = (line: number, column: number) => {
    const lines = area.value.split('\n');
    let offset = 0;
    for (let i = 0; i < Math.min(line - 1, lines.length); i++) offset += lines[i]!.length + 1;
    return offset + column - 1;
  };
  return {
    getValue: () => area.value,
    setValue(text) {
      area.focus();
      area.select();
      // execCommand keeps the browser's undo stack; assigning `value` would erase it.
      if (!document.execCommand('insertText', false, text)) area.value = text;
      area.dispatchEvent(new Event('input'));
    },
    focus: () => area.focus(),
    showErrors(errors) {
      const first = errors.find((e) => e.at);
      area.setAttribute('aria-invalid', first ? 'true' : 'false');
      area.title = first ? `Line ${first.at!.line}: ${first.message}` : '';
    },
    onChange: (listener) => area.addEventListener('input', listener),
    onRun: (listener) =>
      area.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          listener();
        }
      }),
    cursor() {
      const before = area.value.slice(0, area.selectionStart).split('\n');
      return { line: before.length, column: before.at(-1)!.length + 1 };
    },
    setCursor({ line, column }) {
      const offset = offsetOf(line, column);
      area.setSelectionRange(offset, offset);
    },
  };
}
