/** A span as a lesson describes it for a static diagram: times in ms from the trace start. */
export interface DiagramSpan {
  name: string;
  start: number;
  duration: number;
  /** 0 for the root; a child is one deeper than its parent and listed after it. */
  depth: number;
  service?: string;
  status?: 'error';
  mark?: 'bottleneck';
}

export interface DiagramRow extends DiagramSpan {
  /** Bar position and width as percentages of the time axis. */
  left: number;
  width: number;
  /** Index into the palette, one colour per service in order of appearance. */
  colour: number;
}

export interface DiagramLayout {
  rows: DiagramRow[];
  total: number;
  ticks: Array<{ at: number; label: string }>;
  /** Distance between ticks as a percentage of the axis, for grid lines. */
  tickSpacing: number;
  services: string[];
}

/** 1, 2 or 5 times a power of ten, so that an axis has about `target` ticks. */
export function niceStep(total: number, target = 5): number {
  if (!(total > 0)) return 1;
  const raw = total / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  return step;
}

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${Number((ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 2))} s`;
  return `${Number(ms.toFixed(ms < 10 ? 1 : 0))} ms`;
}

/** Validates the lesson's spans and places them on a shared time axis. */
export function layoutDiagram(spans: DiagramSpan[]): DiagramLayout {
  if (!Array.isArray(spans) || spans.length === 0) throw new Error('<TraceDiagram>: spans must be a non-empty array');
  spans.forEach((s, i) => {
    const where = `<TraceDiagram> span ${i + 1} ("${s?.name}")`;
    if (typeof s?.name !== 'string' || !s.name) throw new Error(`${where}: name is required`);
    for (const key of ['start', 'duration', 'depth'] as const) {
      if (typeof s[key] !== 'number' || !Number.isFinite(s[key]) || s[key] < 0) {
        throw new Error(`${where}: ${key} must be a number >= 0`);
      }
    }
    const previousDepth = i === 0 ? -1 : spans[i - 1]!.depth;
    if (s.depth > previousDepth + 1) throw new Error(`${where}: depth ${s.depth} skips a level (a child must follow its parent)`);
  });
  const total = Math.max(...spans.map((s) => s.start + s.duration));
  const services: string[] = [];
  const rows = spans.map((s) => {
    const service = s.service ?? '';
    if (!services.includes(service)) services.push(service);
    return {
      ...s,
      left: total ? (s.start / total) * 100 : 0,
      width: total ? (s.duration / total) * 100 : 100,
      colour: services.indexOf(service),
    };
  });
  const step = niceStep(total, 4);
  const ticks = [];
  for (let at = 0; at <= total + 1e-9; at += step) ticks.push({ at: (at / total) * 100, label: formatMs(at) });
  return { rows, total, ticks, tickSpacing: total ? (step / total) * 100 : 100, services: services.filter(Boolean) };
}
