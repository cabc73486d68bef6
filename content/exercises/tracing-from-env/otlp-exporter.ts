// A stand-in for OTLPTraceExporter from @opentelemetry/exporter-trace-otlp-http, whose HTTP
// client cannot reach the sandbox's services. Same options (`url`, `headers`), same choice of
// endpoint, same OTLP/JSON body; it sends with the sandbox's `fetch`. In a real service you import
// `OTLPTraceExporter` from '@opentelemetry/exporter-trace-otlp-http' instead, and nothing else changes.
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { fetch, otlpJson } from '@course/sandbox';

export interface OTLPExporterConfig {
  /** The full traces URL. Leave it out to let the environment decide. */
  url?: string;
  headers?: Record<string, string>;
}

/** A variable as the SDK reads it: unset, empty and blank are all "not set". */
function setting(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}

export class OTLPTraceExporter implements SpanExporter {
  readonly url: string;
  private readonly headers: Record<string, string>;

  constructor(config: OTLPExporterConfig = {}) {
    // The order OTLPTraceExporter uses, read when the exporter is created:
    // 1. the url option; 2. OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, as is;
    // 3. OTEL_EXPORTER_OTLP_ENDPOINT, a base URL, plus /v1/traces; 4. the default.
    const base = setting('OTEL_EXPORTER_OTLP_ENDPOINT');
    this.url = config.url ?? setting('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') ?? (base ? `${base.replace(/\/+$/, '')}/v1/traces` : 'http://localhost:4318/v1/traces');
    this.headers = config.headers ?? {};
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    fetch(this.url, { method: 'POST', headers: { ...this.headers, 'content-type': 'application/json' }, body: otlpJson(spans) }).then(
      (response) => {
        // The real exporter is silent unless OTEL_LOG_LEVEL=debug; this one says what went wrong.
        if (!response.ok) console.warn(`exporter: POST ${this.url} answered ${response.status}; ${spans.length} spans dropped`);
        resultCallback(response.ok ? { code: ExportResultCode.SUCCESS } : { code: ExportResultCode.FAILED, error: new Error(`${this.url} answered ${response.status}`) });
      },
      (error: unknown) => {
        console.warn(`exporter: POST ${this.url} failed: ${String(error)}; ${spans.length} spans dropped`);
        resultCallback({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
