/**
 * Which items of a trace are rows right now. Subtrees are contiguous in `items` (depth-first
 * order), so skipping a collapsed subtree is one jump: the work is proportional to the rows shown.
 */
import type { TraceView } from '../model.ts';

export interface VisibleRows {
  /** Item index of each row, top to bottom. */
  items: Int32Array;
  /** Row of each item, or -1 when it is hidden. */
  rowOf: Int32Array;
}

/**
 * `expanded[i]` says whether item i shows its children. With `only` (matches and their
 * ancestors), items outside it are left out too; collapsing still hides a subtree.
 */
export function visibleRows(trace: TraceView, expanded: Uint8Array, only?: Uint8Array): VisibleRows {
  const count = trace.items.length;
  const rows = new Int32Array(count);
  const rowOf = new Int32Array(count).fill(-1);
  let n = 0;
  for (let i = 0; i < count; ) {
    if (only !== undefined && only[i] !== 1) {
      // Nothing below a left-out item is kept either (ancestors of matches are kept).
      i += trace.items[i]!.descendantCount + 1;
      continue;
    }
    rowOf[i] = n;
    rows[n++] = i;
    i += expanded[i] === 1 ? 1 : trace.items[i]!.descendantCount + 1;
  }
  return { items: rows.subarray(0, n), rowOf };
}
