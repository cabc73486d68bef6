/**
 * Whether the build ships the offline service worker: on unless COURSE_OFFLINE=off, for a host
 * that must not have one (a service worker owns its scope: a site sharing the origin and path
 * with another app, or a deploy that must always be fetched fresh).
 */
export function offlineEnabled(env: Record<string, string | undefined> = process.env): boolean {
  const value = env['COURSE_OFFLINE'];
  if (value === undefined || value === '' || value === 'on') return true;
  if (value === 'off') return false;
  throw new Error(`COURSE_OFFLINE must be "on" or "off", not ${JSON.stringify(value)}.`);
}

/** Whether the host cannot send the isolation headers, so that a service worker adds them. */
export function isolationByServiceWorker(env: Record<string, string | undefined> = process.env): boolean {
  return env['COURSE_ISOLATION'] === 'service-worker';
}

/** The service worker's file, under the base path. */
export const SERVICE_WORKER_FILE = 'sw.js';
