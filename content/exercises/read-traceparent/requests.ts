// The traceparent headers that reach the payments gateway today, by request id. Some come from
// services instrumented with OpenTelemetry, some from hand-written clients and proxies.
export const requests: Array<{ id: string; traceparent?: string }> = [
  { id: 'r01', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
  { id: 'r02', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-03' },
  { id: 'r03', traceparent: '00-5c3e2f0b7d8a4e1f9a6b3c2d1e0f4a5b-b9c7c989f97918e1-00' },
  { id: 'r04', traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01' },
  { id: 'r05', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01' },
  { id: 'r06', traceparent: '00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01' },
  { id: 'r07', traceparent: 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
  { id: 'r08', traceparent: '00-a3ce929d0e0e4736-00f067aa0ba902b7-01' },
  { id: 'r09', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra' },
  { id: 'r10', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1' },
  { id: 'r11', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba9g2b7-01' },
  { id: 'r12' },
];
