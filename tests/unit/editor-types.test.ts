import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript-classic';
import { beforeAll, describe, expect, it } from 'vitest';
import { editorCompilerOptions } from '../../src/editor/compiler-options.ts';
import { collectDeclarations } from '../../src/editor/declarations.ts';
import { LEARNER_PACKAGES } from '../../src/editor/learner-packages.ts';
import { compilerOptions } from '../../src/runtime/transpile.ts';
import { repoRoot } from '../helpers/content.ts';

const libDir = path.dirname(ts.getDefaultLibFilePath({}));

/**
 * A TypeScript language service set up the way Monaco's TypeScript worker sets up its own:
 * file names are `file:///` URIs, the declaration bundle is a set of extra root files, lib files
 * are found by bare name, and there is no real file system behind it. It lets unit tests check
 * what learners will see in the editor (resolution, completion, errors) without a browser.
 */
function editorLanguageService(declarations: Record<string, string>, models: Record<string, string>): ts.LanguageService {
  const files = { ...declarations, ...models };
  const text = (name: string): string | undefined => {
    if (name in files) return files[name];
    if (/^lib\.[\w.]+\.d\.ts$/.test(name)) {
      const lib = path.join(libDir, name);
      return fs.existsSync(lib) ? fs.readFileSync(lib, 'utf8') : undefined;
    }
    return undefined;
  };
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => editorCompilerOptions as unknown as ts.CompilerOptions,
    getScriptFileNames: () => Object.keys(files),
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) => {
      const t = text(name);
      return t === undefined ? undefined : ts.ScriptSnapshot.fromString(t);
    },
    getCurrentDirectory: () => '',
    getDefaultLibFileName: () => 'lib.es2022.full.d.ts',
    fileExists: (name) => text(name) !== undefined,
    readFile: text,
  };
  return ts.createLanguageService(host);
}

const MAIN = 'file:///playground/main.ts';

function errorsOf(service: ts.LanguageService, file = MAIN): string[] {
  return [...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file)].map(
    (d) => `${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
  );
}

describe('the editor’s OpenTelemetry declarations', () => {
  let declarations: Record<string, string>;
  beforeAll(() => {
    declarations = collectDeclarations(repoRoot, LEARNER_PACKAGES);
  });

  it('cover exactly the packages the sandboxes provide', () => {
    const worker = fs.readFileSync(`${repoRoot}/sandboxes/worker/worker.ts`, 'utf8');
    const provided = [...worker.matchAll(/^\s*'(@opentelemetry\/[\w-]+)': \w+,$/gm)].map((m) => m[1]);
    expect([...LEARNER_PACKAGES].sort()).toEqual([...new Set(provided)].sort());
  });

  it('type-check a program importing every learner package, with no error', () => {
    const program = [
      "import { trace, context, SpanStatusCode, SpanKind } from '@opentelemetry/api';",
      "import api from '@opentelemetry/api';",
      "import { W3CTraceContextPropagator } from '@opentelemetry/core';",
      "import { resourceFromAttributes } from '@opentelemetry/resources';",
      "import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';",
      "import { BasicTracerProvider, SimpleSpanProcessor, InMemorySpanExporter, ParentBasedSampler, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base';",
      "import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';",
      'const exporter = new InMemorySpanExporter();',
      'const provider = new WebTracerProvider({',
      '  resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: "shop" }),',
      '  sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(0.5) }),',
      '  spanProcessors: [new SimpleSpanProcessor(exporter)],',
      '});',
      'const other: BasicTracerProvider = new BasicTracerProvider();',
      'new W3CTraceContextPropagator();',
      'export async function main(): Promise<void> {',
      "  const tracer = trace.getTracer('shop');",
      "  await tracer.startActiveSpan('checkout', { kind: SpanKind.SERVER }, async (span) => {",
      '    span.setStatus({ code: SpanStatusCode.ERROR });',
      '    span.end();',
      '  });',
      '  console.log(provider, other, context.active(), api.trace);',
      '}',
    ].join('\n');
    expect(errorsOf(editorLanguageService(declarations, { [MAIN]: program }))).toEqual([]);
  });

  it('complete `startActiveSpan` after `tracer.` and flag a type error', () => {
    const program = "import { trace } from '@opentelemetry/api';\nconst tracer = trace.getTracer('t');\ntracer.";
    const service = editorLanguageService(declarations, { [MAIN]: program });
    const names = service.getCompletionsAtPosition(MAIN, program.length, {})?.entries.map((e) => e.name);
    expect(names).toContain('startActiveSpan');

    // A learner's classic slip: the status code is an enum, not a string.
    const wrong = "import { trace } from '@opentelemetry/api';\ntrace.getTracer('t').startSpan('s').setStatus({ code: 'ERROR' });\n";
    expect(errorsOf(editorLanguageService(declarations, { [MAIN]: wrong }))).toEqual([
      expect.stringMatching(/^2322: Type 'string' is not assignable to type 'SpanStatusCode'/),
    ]);
  });

  it('resolve relative imports between the files of one exercise, and keep two exercises apart', () => {
    const service = editorLanguageService(declarations, {
      [MAIN]: "import { wait } from './helpers';\nexport const x: Promise<void> = wait(1);\nconst tracer = 1;\n",
      'file:///playground/helpers.ts': 'export const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));\n',
      'file:///other/main.ts': 'const tracer = 2;\n',
    });
    expect(errorsOf(service)).toEqual([]);
    expect(errorsOf(service, 'file:///other/main.ts')).toEqual([]);
  });

  it('match the runtime’s module options, so the editor flags what the runtime cannot run', () => {
    const runtime = compilerOptions(ts);
    for (const key of ['module', 'esModuleInterop', 'isolatedModules', 'verbatimModuleSyntax'] as const) {
      expect(editorCompilerOptions[key], key).toBe(runtime[key]);
    }
    const topLevelAwait = 'await Promise.resolve();\nexport {};\n';
    expect(errorsOf(editorLanguageService(declarations, { [MAIN]: topLevelAwait })).join('\n')).toMatch(/^1378: /m);
  });
});
