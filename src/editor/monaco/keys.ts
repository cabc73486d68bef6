import { KeyCode, KeyMod, type editor, type IDisposable } from 'monaco-editor/editor';

/**
 * Ctrl/Cmd+Enter runs. An action, not `addCommand`: actions belong to one editor, so two
 * editors on a page each run their own exercise.
 */
export function bindRun(codeEditor: editor.IStandaloneCodeEditor, run: () => void): IDisposable {
  return codeEditor.addAction({
    id: 'course.run',
    label: 'Run',
    keybindings: [KeyMod.CtrlCmd | KeyCode.Enter, KeyMod.WinCtrl | KeyCode.Enter],
    run,
  });
}

/**
 * Shift+Alt+F formats the file with TypeScript's formatter on every platform (Monaco binds it to
 * Ctrl+Shift+I on Linux only).
 */
export function bindFormat(codeEditor: editor.IStandaloneCodeEditor): IDisposable {
  return codeEditor.addAction({
    id: 'course.format',
    label: 'Format Document',
    keybindings: [KeyMod.Shift | KeyMod.Alt | KeyCode.KeyF],
    contextMenuGroupId: '1_modification',
    run: (target) => target.getAction('editor.action.formatDocument')?.run(),
  });
}

/**
 * No keyboard trap: Escape, when no widget of the editor wanted it (suggestions, hover, find,
 * a selection all take their Escape first), makes the next Tab or Shift+Tab leave the editor
 * the browser's way: Monaco's tab focus mode is on for that one key, then off again.
 */
export function escapeThenTabLeaves(codeEditor: editor.IStandaloneCodeEditor, host: HTMLElement): IDisposable {
  let armed = false;
  const arm = (on: boolean) => {
    if (armed === on) return;
    armed = on;
    codeEditor.updateOptions({ tabFocusMode: on });
  };
  // Bubble phase: Monaco's keybinding service, deeper in the tree, has stopped the Escapes it used.
  const onKeyDownEscape = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !event.defaultPrevented && codeEditor.hasTextFocus()) arm(true);
  };
  // Capture phase, before Monaco sees the key: anything but Tab (or a modifier) disarms.
  const onKeyDownOther = (event: KeyboardEvent) => {
    if (armed && event.key !== 'Tab' && event.key !== 'Escape' && event.key !== 'Shift') arm(false);
  };
  host.addEventListener('keydown', onKeyDownOther, true);
  host.addEventListener('keydown', onKeyDownEscape);
  const blur = codeEditor.onDidBlurEditorText(() => arm(false));
  return {
    dispose() {
      host.removeEventListener('keydown', onKeyDownOther, true);
      host.removeEventListener('keydown', onKeyDownEscape);
      blur.dispose();
    },
  };
}
