import { hintButtonText } from './hint-button.ts';

/** What the hint controls show when `shown` of `total` hints are open: pure, so it is tested without a page. */
export interface HintView {
  /** The hints to show, in order. */
  shown: number;
  /** Also the button's accessible name: it starts with "Hint", as the UI contract wants. */
  buttonText: string;
  buttonDisabled: boolean;
  listHidden: boolean;
}

export function hintView(shown: number, total: number): HintView {
  const open = Math.max(0, Math.min(shown, total));
  return {
    shown: open,
    buttonText: hintButtonText(open, total),
    buttonDisabled: open >= total,
    listHidden: open === 0,
  };
}

/** One more hint, never past the last. */
export const nextHint = (view: HintView, total: number): HintView => hintView(view.shown + 1, total);
