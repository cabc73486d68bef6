import type { CapturedRequest } from '../../sandboxes/wire/protocol.ts';
import { is } from './extras.ts';
import { fail } from './failure.ts';
import { code, list } from './format.ts';
import type { Extras } from './run-data.ts';

export type { CapturedRequest };

/** Which request: the sandbox service that received it, and optionally its method and path. */
export interface RequestTarget {
  /** The service name, e.g. `payments` or `collector`. */
  service: string;
  method?: string;
  /** The exact path, or a pattern. */
  path?: string | RegExp;
}

const requestsGuard = is.array(is.object({ service: is.string, method: is.string, path: is.string, headers: is.record(is.string), body: is.string }));

const describe = (t: RequestTarget) =>
  `${t.method ? `${t.method} ` : ''}${t.path ? `${typeof t.path === 'string' ? t.path : String(t.path)} ` : ''}request to ${code(t.service)}`.trim();

/**
 * The first request the service received that matches: it was really sent, over the sandbox's
 * network, whatever the program printed about it.
 */
export function findRequest(extras: Extras, target: RequestTarget): CapturedRequest {
  const all = requestsGuard(extras['requests']) ? extras['requests'] : [];
  const toService = all.filter((r) => r.service === target.service);
  const found = toService.find(
    (r) => (!target.method || r.method === target.method.toUpperCase()) && (!target.path || (typeof target.path === 'string' ? r.path === target.path : target.path.test(r.path))),
  );
  if (found) return found;
  if (toService.length === 0) {
    return fail(`No ${describe(target)} was sent: the service received nothing from the program${all.length ? ` (requests went to ${list([...new Set(all.map((r) => code(r.service)))])})` : ''}. Whatever the program printed, only a request that reached the service counts.`);
  }
  return fail(`No ${describe(target)} was sent; the service received ${list(toService.map((r) => code(`${r.method} ${r.path}`)))}.`);
}
