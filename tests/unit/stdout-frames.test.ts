import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeFrame, newFrameSecret } from '../../sandboxes/wire/frames.ts';
import { RunCollector } from '../../src/runtime/collector.ts';
import { LineSplitter, StdoutFrames } from '../../src/runtime/stdout-frames.ts';

describe('stdout of a Node sandbox', () => {
  it('is split into lines whatever the chunks, keeping an unterminated last line for the end', () => {
    const lines = new LineSplitter();
    expect(lines.push('al')).toEqual([]);
    expect(lines.push('pha\nbe')).toEqual(['alpha']);
    expect(lines.push('ta\n\ngam')).toEqual(['beta', '']);
    expect(lines.end()).toBe('gam');
    expect(lines.end()).toBeUndefined();
  });

  it('becomes console lines, harness messages and counted forgeries, in order, and ends the run at done', async () => {
    const secret = newFrameSecret();
    const sign = (text: string) => createHmac('sha256', secret).update(text).digest('hex');
    const collector = new RunCollector('node');
    let finished = 0;
    const frames = new StdoutFrames(secret, collector, () => 7, () => (finished += 1));
    frames.push('printed by the program');
    frames.push(encodeFrame(sign, 0, { type: 'console', line: { level: 'info', text: 'from the harness', at: 1 } }).trimEnd());
    frames.push(encodeFrame((text) => createHmac('sha256', newFrameSecret()).update(text).digest('hex'), 1, { type: 'done', ok: true, unfinished: [] }).trimEnd());
    frames.push('');
    frames.push(encodeFrame(sign, 1, { type: 'done', ok: true, unfinished: [] }).trimEnd());
    frames.push('after the end');
    await frames.drained();
    const result = collector.result({ transpileMs: 0, startMs: 0, runMs: 0, totalMs: 0 });
    expect(result.console).toEqual([
      { level: 'log', text: 'printed by the program', at: 7 },
      { level: 'info', text: 'from the harness', at: 1 },
    ]);
    expect(result.rejectedFrames).toBe(1);
    expect(result.exit).toBe('ok');
    expect(finished).toBe(1);
    expect(frames.tail()).toBe('printed by the program');
  });
});
