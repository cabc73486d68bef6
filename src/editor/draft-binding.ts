/**
 * Connects a draft autosave to the page: other tabs' writes (`storage` events), saving when the
 * page is hidden or closed, and the notice that asks which version to keep after a conflict.
 */
import type { Draft, DraftStorage } from '../progress/draft.ts';
import { DraftAutosave } from './drafts.ts';
import type { EditorNotice } from './editor-notice.ts';

export interface BoundDrafts {
  autosave: DraftAutosave;
  /** The draft found when the editor opened. */
  restored: Draft | undefined;
  dispose(): void;
}

/** `takeTheirs` puts the other tab's code into the editor. */
export function bindDrafts(storage: DraftStorage, notice: EditorNotice, takeTheirs: (code: string) => void): BoundDrafts {
  const autosave: DraftAutosave = new DraftAutosave(storage, {
    onConflict: () =>
      notice.show(
        'This code was changed in another tab. Your changes here are not saved until you choose which version to keep.',
        [
          {
            label: 'Use the other tab’s version',
            run: () => {
              const theirs = autosave.takeTheirs();
              if (theirs) takeTheirs(theirs.code);
              notice.hide();
            },
          },
          {
            label: 'Keep this version',
            run: () => {
              autosave.keepMine();
              notice.hide();
            },
          },
        ],
        'warn',
      ),
    onError: (message) => notice.show(message, [], 'error'),
    onSaved: () => notice.tone === 'error' && notice.hide(),
  });
  const restored = autosave.restore();
  const onStorage = (event: StorageEvent) => {
    if (event.key === null) autosave.receive(null);
    else if (event.key === autosave.key) autosave.receive(event.newValue);
  };
  const flush = () => autosave.flush();
  const onHidden = () => document.visibilityState === 'hidden' && autosave.flush();
  window.addEventListener('storage', onStorage);
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', onHidden);
  return {
    autosave,
    restored,
    dispose() {
      window.removeEventListener('storage', onStorage);
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHidden);
      autosave.flush();
      autosave.dispose();
    },
  };
}
