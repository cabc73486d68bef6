/**
 * The hint button's text, which is also its accessible name: it starts with "Hint" (the UI
 * contract's name, exactly that before the first press) and says which hint a press shows.
 */
export function hintButtonText(shown: number, total: number): string {
  if (total > 0 && shown >= total) return total === 1 ? 'Hint shown' : `Hints: all ${total} shown`;
  if (shown === 0) return 'Hint';
  return `Hint ${shown + 1} of ${total}`;
}
