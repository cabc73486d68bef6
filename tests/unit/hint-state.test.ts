import { describe, expect, it } from 'vitest';
import { hintView, nextHint } from '../../src/exercises/client/hint-state.ts';

describe('the hint controls', () => {
  it('offer the first hint, then the next, then say there are no more', () => {
    let view = hintView(0, 2);
    expect(view).toEqual({ shown: 0, buttonText: 'Hint', buttonDisabled: false, listHidden: true });
    view = nextHint(view, 2);
    expect(view).toEqual({ shown: 1, buttonText: 'Hint 2 of 2', buttonDisabled: false, listHidden: false });
    view = nextHint(view, 2);
    expect(view).toEqual({ shown: 2, buttonText: 'Hints: all 2 shown', buttonDisabled: true, listHidden: false });
    expect(nextHint(view, 2).shown).toBe(2);
  });

  it('restore a remembered count, never more than the exercise has', () => {
    expect(hintView(5, 3).shown).toBe(3);
    expect(hintView(-1, 3).shown).toBe(0);
    expect(hintView(0, 0)).toMatchObject({ buttonDisabled: true, listHidden: true });
  });
});
