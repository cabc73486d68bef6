import type { CodeEditor } from '../../editor/code-editor.ts';
import { decodeSharedCode, encodeSharedCode, hasSharedCode } from '../share-code.ts';

/** Links longer than this may be cut by chat tools and mail clients: the learner is told. */
const LONG_LINK = 8_000;

interface ShareOptions {
  exerciseId: string;
  /** The exercise's own page (full screen), which the link opens. */
  pagePath: string;
  editor: CodeEditor;
  say(text: string): void;
}

/** "Copy link to my code": the link carries the code itself, so sharing needs no server. */
export function mountShareButton(button: HTMLButtonElement, { exerciseId, pagePath, editor, say }: ShareOptions): void {
  button.addEventListener('click', async () => {
    const link = new URL(pagePath, location.href);
    link.hash = await encodeSharedCode(exerciseId, editor.getValue());
    const long = link.href.length > LONG_LINK ? ` It is ${link.href.length.toLocaleString('en')} characters long: some chat tools cut long links, so check that it opens.` : '';
    try {
      await navigator.clipboard.writeText(link.href);
      say(`Link to your code copied. Whoever opens it sees your code in this exercise; their own draft is kept unless they choose to replace it.${long}`);
    } catch {
      // No clipboard (permissions, an insecure origin): the link is shown to copy by hand.
      window.prompt('Copy this link to your code:', link.href);
    }
  });
}

function offer(before: Element, text: string, actions: { label: string; act(): void }[]): HTMLElement {
  const box = document.createElement('div');
  box.className = 'exercise__share-offer';
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', 'Code from a link');
  const message = document.createElement('p');
  message.textContent = text;
  box.append(message);
  for (const { label, act } of actions) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button';
    button.textContent = label;
    button.addEventListener('click', act);
    box.append(button);
  }
  before.before(box);
  return box;
}

interface OpenOptions {
  exerciseId: string;
  editor: CodeEditor;
  starter: string;
  /** Where the offer to replace the learner's own code appears. */
  anchor: Element;
  say(text: string): void;
}

/**
 * Opens code from a link made by the share button. The learner's own draft is never replaced
 * without asking; once asked, their code stays one click (or Ctrl+Z) away.
 */
export async function openSharedCode({ exerciseId, editor, starter, anchor, say }: OpenOptions): Promise<void> {
  if (!hasSharedCode(location.hash)) return;
  const named = new URLSearchParams(location.hash.slice(1)).get('exercise');
  if (named && named !== exerciseId) return;
  const shared = await decodeSharedCode(location.hash);
  // Answered once: a reload does not ask again, and the address bar no longer carries the code.
  history.replaceState(history.state, '', location.pathname + location.search);
  if (!shared.ok) return say(shared.error);
  const mine = editor.getValue();
  if (mine === shared.code) return say('The code from the link is the code you already have.');
  if (mine === starter) {
    editor.setValue(shared.code);
    return say('Opened the code from the link. Reset brings back the starter code.');
  }
  const box = offer(anchor, 'This link carries code for this exercise. You have your own code here: it stays unless you choose to open the shared code.', [
    {
      label: 'Open the shared code',
      act: () => {
        editor.setValue(shared.code);
        box.remove();
        const restore = offer(anchor, 'Opened the code from the link.', [
          {
            label: 'Restore my code',
            act: () => {
              editor.setValue(mine);
              restore.remove();
              say('Your code is back.');
            },
          },
        ]);
      },
    },
    { label: 'Keep my code', act: () => box.remove() },
  ]);
  box.querySelector('button')?.focus({ preventScroll: true });
  box.scrollIntoView({ block: 'nearest' });
}
