import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { ConfigProblem, SourcePosition } from './config-model.ts';

export type KeyPath = ReadonlyArray<string | number>;

/** `service.pipelines.traces.exporters[0]` */
export function formatPath(path: KeyPath): string {
  return path.map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`)).join('');
}

/**
 * A YAML text parsed with the `yaml` package, keeping where every key and value sits so that a
 * problem found in the data can be reported at its line and column.
 */
export class ConfigSource {
  readonly text: string;
  readonly data: unknown;
  /** Syntax errors, each at its line and column; `data` is undefined when there is one. */
  readonly syntaxProblems: ConfigProblem[];
  private readonly doc: Document.Parsed;
  private readonly lines: LineCounter;

  constructor(text: string) {
    this.text = text;
    this.lines = new LineCounter();
    // The Collector reads its configuration with Go's yaml.v3, which merges `<<: *anchor` keys.
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true, merge: true });
    this.syntaxProblems = this.doc.errors.map((error) => {
      const position = this.position(error.pos[0]);
      return {
        severity: 'error' as const,
        message: `YAML syntax: ${error.message.split('\n')[0]}`,
        path: '',
        line: position.line,
        column: position.column,
      };
    });
    this.data = this.syntaxProblems.length === 0 ? this.doc.toJS({ maxAliasCount: 100 }) : undefined;
  }

  private position(offset: number): SourcePosition {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  /**
   * Where the key (for a mapping entry) or the item (for a list entry) at `path` starts; the
   * closest existing parent when the path goes further than the document.
   */
  locate(path: KeyPath): SourcePosition | undefined {
    let node: unknown = this.doc.contents;
    let offset: number | undefined;
    for (const step of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
        if (!pair) break;
        offset = (pair.key as { range?: [number, number, number] } | null)?.range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof step === 'number') {
        const item = node.items[step] as { range?: [number, number, number] } | undefined;
        if (!item) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else {
        break;
      }
    }
    return offset === undefined ? undefined : this.position(offset);
  }

  problem(severity: ConfigProblem['severity'], path: KeyPath, message: string): ConfigProblem {
    const position = this.locate(path);
    return { severity, message, path: formatPath(path), line: position?.line, column: position?.column };
  }
}
