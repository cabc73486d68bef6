/** What the hint controls show when `shown` of `total` hints are open: pure, so it is tested without a page. */
export interface HintView {
  /** The hints to show, in order. */
  shown: number;
  buttonText: 'Hint' | 'Next hint' | 'No more hints';
  buttonDisabled: boolean;
  listHidden: boolean;
}

export function hintView(shown: number, total: number): HintView {
  const open = Math.max(0, Math.min(shown, total));
  return {
    shown: open,
    buttonText: open === 0 ? 'Hint' : open < total ? 'Next hint' : 'No more hints',
    buttonDisabled: open >= total,
    listHidden: open === 0,
  };
}

/** One more hint, never past the last. */
export const nextHint = (view: HintView, total: number): HintView => hintView(view.shown + 1, total);
