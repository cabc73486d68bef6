import type { ConsoleLine } from '../wire/protocol.ts';

const LEVELS = ['log', 'info', 'warn', 'error', 'debug'] as const;
/** Other console methods that print, and the level their lines get (ConsoleSpanExporter uses dir). */
const ALIASES = { dir: 'log', trace: 'debug', table: 'log' } as const;

/** A readable one-line rendering of console arguments, the same in a Worker and in Node. */
export function formatValue(value: unknown, depth = 0, seen = new WeakSet<object>()): string {
  if (typeof value === 'string') return depth === 0 ? value : JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol' || typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  if (typeof value === 'function') return `[Function ${value.name || '(anonymous)'}]`;
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  if (typeof value !== 'object') return String(value);
  if (seen.has(value)) return '[Circular]';
  if (depth > 3) return Array.isArray(value) ? '[Array]' : '[Object]';
  seen.add(value);
  if (Array.isArray(value)) {
    const items = value.slice(0, 100).map((v) => formatValue(v, depth + 1, seen));
    if (value.length > 100) items.push(`... ${value.length - 100} more`);
    return `[ ${items.join(', ')} ]`;
  }
  if (value instanceof Map) return `Map(${value.size}) { ${[...value].slice(0, 50).map(([k, v]) => `${formatValue(k, depth + 1, seen)} => ${formatValue(v, depth + 1, seen)}`).join(', ')} }`;
  if (value instanceof Set) return `Set(${value.size}) { ${[...value].slice(0, 50).map((v) => formatValue(v, depth + 1, seen)).join(', ')} }`;
  const entries = Object.entries(value).slice(0, 50).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${formatValue(v, depth + 1, seen)}`);
  const name = value.constructor && value.constructor !== Object ? `${value.constructor.name} ` : '';
  return entries.length ? `${name}{ ${entries.join(', ')} }` : `${name}{}`;
}

/** Replaces the console methods learner code calls; the lines go to `emit`, capped per run. */
export function captureConsole(emit: (line: ConsoleLine) => void, elapsed: () => number, maxLines = 2_000): void {
  let count = 0;
  for (const [name, level] of [...LEVELS.map((l) => [l, l] as const), ...Object.entries(ALIASES)] as Array<[string, ConsoleLine['level']]>) {
    const method = (...args: unknown[]) => {
      count += 1;
      if (count > maxLines) {
        if (count === maxLines + 1) emit({ level: 'warn', text: `Console output stopped after ${maxLines} lines.`, at: elapsed() });
        return;
      }
      const text = args.map((a) => formatValue(a)).join(' ');
      emit({ level, text: text.length > 10_000 ? `${text.slice(0, 10_000)}… (${text.length - 10_000} more characters)` : text, at: elapsed() });
    };
    Object.defineProperty(console, name, { value: method, configurable: true, writable: true });
  }
}
