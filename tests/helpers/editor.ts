/**
 * Driving the course's code editor (src/editor/) from Playwright, whether it is Monaco or the
 * fallback textarea. `host` is the editor's host element, e.g. `page.locator('#playground-code')`.
 *
 *   await fillEditor(host, 'export function main() {}');   // replaces the main file, like a paste
 *   await pressInEditor(host, 'Control+Enter');             // a key with the editor focused
 *   await typeInEditor(host, 'tracer.');                    // real keystrokes at the cursor
 *   await expect.poll(() => editorValue(host)).toMatch(/main/);
 */
import { expect, type Locator } from '@playwright/test';

export type EditorKind = 'monaco' | 'textarea';

/** Waits until the editor in `host` can be edited: Monaco, or the textarea standing in for it. */
export async function editorReady(host: Locator): Promise<EditorKind> {
  await expect(host).toHaveAttribute('data-editor', /^(monaco|textarea)$/, { timeout: 30_000 });
  return (await host.getAttribute('data-editor')) as EditorKind;
}

/** The element that has focus while the learner types: Monaco's input, or the textarea. */
export function editorInput(host: Locator): Locator {
  return host.locator('.monaco-editor .native-edit-context, .monaco-editor textarea.inputarea, textarea.code-editor__textarea').first();
}

const hostId = async (host: Locator) => {
  const id = await host.getAttribute('id');
  if (!id) throw new Error('The editor host needs an id');
  return id;
};

/** Focuses the editor without moving its cursor (a click would). */
export async function focusEditor(host: Locator): Promise<void> {
  await editorReady(host);
  await host.page().evaluate((id) => window.courseEditors![id]!.focus(), await hostId(host));
  await expect(editorInput(host)).toBeFocused();
}

/**
 * Replaces the main file's text as a paste would (select all, paste): Monaco takes pasted text
 * as it is, where typing it would add auto-closed brackets and indentation.
 */
export async function fillEditor(host: Locator, text: string): Promise<void> {
  const kind = await editorReady(host);
  if (kind === 'textarea') return host.locator('textarea.code-editor__textarea').fill(text);
  await focusEditor(host);
  await host.page().keyboard.press('ControlOrMeta+a');
  await editorInput(host).evaluate((input, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await expect.poll(() => editorValue(host)).toBe(text);
}

/** Types at the cursor, key by key, as a learner does (Monaco's auto-closing and indenting apply). */
export async function typeInEditor(host: Locator, text: string): Promise<void> {
  await focusEditor(host);
  await host.page().keyboard.type(text);
}

/** Presses a key (e.g. `Control+Enter`) with the editor focused. */
export async function pressInEditor(host: Locator, key: string): Promise<void> {
  await focusEditor(host);
  await host.page().keyboard.press(key);
}

/** The main file's text (or another file's). */
export async function editorValue(host: Locator, file?: string): Promise<string> {
  return host.page().evaluate(([id, name]) => window.courseEditors![id!]!.getValue(name), [await hostId(host), file] as const);
}

/** The cursor, 1-based. */
export async function editorCursor(host: Locator): Promise<{ line: number; column: number } | undefined> {
  return host.page().evaluate((id) => window.courseEditors![id]!.getCursor(), await hostId(host));
}
