import { FrameVerifier } from '../../sandboxes/wire/frames.ts';
import type { RunCollector } from './collector.ts';

/** Splits a stream of text chunks into lines; the last, unterminated piece waits for more. */
export class LineSplitter {
  private partial = '';

  /** The lines this chunk completes. */
  push(chunk: string): string[] {
    if (!chunk.includes('\n')) {
      this.partial += chunk;
      return [];
    }
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop()!;
    return lines;
  }

  /** What is left once the stream has ended, if anything. */
  end(): string | undefined {
    const rest = this.partial;
    this.partial = '';
    return rest || undefined;
  }
}

/**
 * A Node sandbox's stdout, line by line, into a run's collector: verified frames become harness
 * messages, forged ones are counted and dropped, anything else is the program's own output.
 * Lines are handled strictly in order, each after the one before has been verified.
 */
export class StdoutFrames {
  private readonly verifier: FrameVerifier;
  private readonly collector: RunCollector;
  private readonly elapsed: () => number;
  private readonly onFinished: () => void;
  private readonly onReady: (() => void) | undefined;
  private queue: Promise<void> = Promise.resolve();
  private readonly lastText: string[] = [];

  /**
   * `elapsed`: milliseconds since the program started; `onFinished`: called once a frame ends the
   * run; `onReady`: called on the harness's `ready` frame, sent once it has started and before
   * any learner code runs.
   */
  constructor(secret: string, collector: RunCollector, elapsed: () => number, onFinished: () => void, onReady?: () => void) {
    this.verifier = new FrameVerifier(secret);
    this.collector = collector;
    this.elapsed = elapsed;
    this.onFinished = onFinished;
    this.onReady = onReady;
  }

  push(line: string): void {
    const read = this.verifier.read(line);
    this.queue = this.queue.then(async () => {
      const decoded = await read;
      if (this.collector.finished) return;
      if (decoded.kind === 'rejected') return this.collector.rejectFrame();
      if (decoded.kind === 'frame') {
        if (decoded.message.type === 'ready') return this.onReady?.();
        if (this.collector.accept(decoded.message)) this.onFinished();
        return;
      }
      if (!line) return;
      this.lastText.push(line);
      if (this.lastText.length > 5) this.lastText.shift();
      this.collector.accept({ type: 'console', line: { level: 'log', text: line, at: this.elapsed() } });
    }).catch(() => this.collector.rejectFrame());
  }

  /** Resolves once every line pushed so far has been handled. */
  drained(): Promise<void> {
    return this.queue;
  }

  /** The program's last few lines of output, for a crash report. */
  tail(): string {
    return this.lastText.join('\n');
  }
}
