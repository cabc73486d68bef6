import type { CompiledFile } from '../../sandboxes/wire/protocol.ts';
import type { Transpiler } from './browser-transpiler.ts';
import type { TranspileResult } from './transpile.ts';

/** Compiled files by `precompiledKey` of their name and source. */
export type PrecompiledTable = Record<string, CompiledFile>;

const encoder = new TextEncoder();

/**
 * The key of one file's compiled form: SHA-256 of its name and source, as hex. The name counts
 * because the source map names the file. The same in the build (Node) and the page (WebCrypto).
 */
export async function precompiledKey(name: string, source: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(`${name}\u0000${source}`));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Every file of `files` compiled, when the table has them all; otherwise undefined. */
export async function lookupPrecompiled(table: PrecompiledTable, files: Record<string, string>): Promise<TranspileResult | undefined> {
  const compiled: Record<string, CompiledFile> = {};
  for (const [name, source] of Object.entries(files)) {
    const found = table[await precompiledKey(name, source)];
    if (!found) return undefined;
    compiled[name] = found;
  }
  return { files: compiled, errors: [] };
}

/**
 * A transpiler that answers from files compiled when the site was built (starters, solutions,
 * read-only files, the playground's sample), so that a Run of unedited code needs no compiler;
 * anything else goes to `inner`, which loads the compiler. `table` is read on first use.
 */
export class PrecompiledTranspiler implements Transpiler {
  private readonly inner: Transpiler;
  private readonly load: () => PrecompiledTable;
  private table: PrecompiledTable | undefined;

  constructor(inner: Transpiler, table: () => PrecompiledTable) {
    this.inner = inner;
    this.load = table;
  }

  /** The compiled files when every one was compiled at build time; the compiler is not touched. */
  precompiled(files: Record<string, string>): Promise<TranspileResult | undefined> {
    this.table ??= this.load();
    return lookupPrecompiled(this.table, files);
  }

  warm(): Promise<void> {
    return this.inner.warm();
  }

  warmNow(): Promise<void> {
    return this.inner.warmNow?.() ?? this.inner.warm();
  }

  async transpile(files: Record<string, string>): Promise<TranspileResult> {
    return (await this.precompiled(files)) ?? this.inner.transpile(files);
  }

  reset(): void {
    this.inner.reset?.();
  }
}

/** What the page's `<script type="application/json" data-precompiled>` elements hold, merged. */
export function pagePrecompiledTable(root: ParentNode = document): PrecompiledTable {
  const table: PrecompiledTable = {};
  for (const script of root.querySelectorAll('script[data-precompiled]')) {
    try {
      Object.assign(table, JSON.parse(script.textContent ?? '{}') as PrecompiledTable);
    } catch {
      // A damaged table only costs the compiler's load.
    }
  }
  return table;
}
