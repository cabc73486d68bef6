import type { RunError } from '../../sandboxes/wire/protocol.ts';
import type { BackendOptions, Cursor, EditorBackend } from './types.ts';

/** 1-based line and column of a text offset. */
export function cursorAt(text: string, offset: number): Cursor {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The text offset of a 1-based line and column, clamped to the text. */
export function offsetOf(text: string, cursor: Cursor): number {
  const lines = text.split('\n');
  const line = Math.min(Math.max(cursor.line, 1), lines.length);
  let offset = 0;
  for (let i = 0; i < line - 1; i++) offset += lines[i]!.length + 1;
  return offset + Math.min(Math.max(cursor.column, 1) - 1, lines[line - 1]!.length);
}

/**
 * The stand-in when Monaco cannot load (blocked, offline, an old browser): a plain textarea
 * that still edits, runs with Ctrl/Cmd+Enter, keeps the draft and lists the last Run's errors.
 * Tab keeps its browser meaning (next control), so there is no keyboard trap here either.
 */
export function mountTextarea(options: BackendOptions): EditorBackend {
  const values = new Map(options.files.map((f) => [f.name, f.value]));
  const readOnly = new Set(options.files.filter((f) => f.readOnly).map((f) => f.name));
  let shown = options.active;

  const textarea = document.createElement('textarea');
  textarea.className = 'code-editor__textarea';
  textarea.spellcheck = false;
  textarea.setAttribute('autocapitalize', 'off');
  textarea.setAttribute('autocomplete', 'off');
  textarea.setAttribute('wrap', 'off');
  textarea.setAttribute('aria-label', `${options.label}. Ctrl+Enter runs.`);
  const problems = document.createElement('ul');
  problems.className = 'code-editor__problems';
  problems.id = `${options.directory}-problems`;
  problems.hidden = true;
  textarea.setAttribute('aria-describedby', problems.id);
  options.surface.append(textarea, problems);

  const load = (file: string) => {
    textarea.value = values.get(file) ?? '';
    textarea.readOnly = readOnly.has(file);
  };
  load(shown);

  const cursor = () => cursorAt(textarea.value, textarea.selectionStart);
  textarea.addEventListener('input', () => {
    values.set(shown, textarea.value);
    options.events.change(shown, textarea.value);
  });
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      options.events.run();
    }
  });
  const reportCursor = () => options.events.cursor(cursor());
  textarea.addEventListener('keyup', reportCursor);
  textarea.addEventListener('pointerup', reportCursor);

  const setCursor = (at: Cursor) => {
    const offset = offsetOf(textarea.value, at);
    textarea.setSelectionRange(offset, offset);
  };
  if (options.cursor) setCursor(options.cursor);

  return {
    kind: 'textarea',
    getValue: (file) => (file === shown ? textarea.value : (values.get(file) ?? '')),
    replace(file, value) {
      if (file !== shown) {
        values.set(file, value);
        return options.events.change(file, value);
      }
      // Through the browser's editing commands, so that Ctrl+Z brings the old text back.
      textarea.focus();
      textarea.select();
      if (!document.execCommand('insertText', false, value)) {
        textarea.value = value;
        textarea.dispatchEvent(new Event('input'));
      }
    },
    undo() {
      textarea.focus();
      document.execCommand('undo');
    },
    show(file) {
      values.set(shown, textarea.value);
      shown = file;
      load(file);
    },
    getCursor: cursor,
    setCursor,
    setRunErrors(errors: RunError[]) {
      const located = errors.filter((e) => e.at);
      problems.replaceChildren(
        ...located.map((e) => {
          const item = document.createElement('li');
          item.textContent = `${e.at!.file}, line ${e.at!.line}: ${e.name}: ${e.message}`;
          return item;
        }),
      );
      problems.hidden = located.length === 0;
    },
    focus: () => textarea.focus(),
    scrollTo: (top) => (textarea.scrollTop = top),
    transpiler: () => undefined,
    dispose() {
      textarea.remove();
      problems.remove();
    },
  };
}
