// An exporter that sends spans to the sandbox's OTLP collector as OTLP/JSON, as
// OTLPTraceExporter from @opentelemetry/exporter-trace-otlp-http does.
import { collectorUrl, fetch, observe, otlpJson } from '@course/sandbox';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';

/** Exports this exporter started, told to the sandbox, so the checks can tell a flush that never finished from none. */
let started = 0;

export class CollectorExporter implements SpanExporter {
  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    observe('exports started', ++started);
    fetch(`${collectorUrl}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: otlpJson(spans),
    }).then(
      (response) => resultCallback({ code: response.ok ? ExportResultCode.SUCCESS : ExportResultCode.FAILED }),
      (error: unknown) => resultCallback({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) }),
    );
  }

  async shutdown(): Promise<void> {}
}
