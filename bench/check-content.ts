import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { atMost, info, type Figure, type Scale } from './lib.ts';
import { FIXTURE_COURSE } from './site.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * `npm run check:content` as a deploy runs it (both runtimes and the plain-Node comparison, the
 * Worker's grading page bundled afresh), timed from outside; on the course (full) or the fixture course
 * (quick). The machine's load is reported beside it: other work on a shared machine slows it.
 */
export async function benchCheckContent(scale: Scale): Promise<Figure[]> {
  const load = os.loadavg()[0]!;
  const started = performance.now();
  const env = { ...process.env, ...(scale === 'quick' ? { COURSE_CONTENT_DIR: FIXTURE_COURSE } : {}) };
  const result = spawnSync('npm', ['run', 'check:content', '--silent'], { cwd: root, env, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`check:content failed:\n${`${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-15).join('\n')}`);
  const exercises = /(\d+) exercise\(s\) checked/.exec(result.stdout)?.[1] ?? '?';
  return [
    atMost('check:content, whole course', seconds, 20, 's', `${exercises} exercises, node and worker, ${os.cpus().length} cores, load ${load.toFixed(1)} at start`),
    ...partFigures(result.stdout),
    info('1-minute load average after', os.loadavg()[0]!, 'x'),
  ];
}

/** When each part of the check had finished ("Finished (side by side, from the start): grading page 2.3 s, ..."): what the whole waits on. */
function partFigures(stdout: string): Figure[] {
  const line = /^Finished \(side by side, from the start\): (.*)\.$/m.exec(stdout)?.[1] ?? '';
  return [...line.matchAll(/([^,]+?) ([\d.]+) s/g)].map(([, part, seconds]) => info(`check:content, ${part!.trim()} done after`, Number(seconds), 's'));
}
