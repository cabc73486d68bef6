// The transport half of an OTLP/HTTP exporter: it POSTs the body your `toExportRequest` builds
// to the sandbox's collector, as OTLPTraceExporter from @opentelemetry/exporter-trace-otlp-http does.
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { collectorUrl, fetch } from '@course/sandbox';
import { toExportRequest } from './otlp-json.js';

export class OtlpJsonExporter implements SpanExporter {
  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    let body: string;
    try {
      body = JSON.stringify(toExportRequest(spans));
    } catch (error) {
      console.error(`exporter: toExportRequest threw: ${String(error)}`);
      resultCallback({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
      return;
    }
    fetch(`${collectorUrl}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(
      (response) => {
        console.log(`exporter: POST ${collectorUrl}/v1/traces with ${spans.length} spans answered ${response.status}`);
        resultCallback(response.ok ? { code: ExportResultCode.SUCCESS } : { code: ExportResultCode.FAILED, error: new Error(`the collector answered ${response.status}`) });
      },
      (error: unknown) => resultCallback({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) }),
    );
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
