import type { CourseMeta, WebContainerSettings } from './schemas.ts';

/** The build-time environment variable that sets (and overrides) the course's WebContainer API key. */
export const API_KEY_ENV = 'WEBCONTAINER_API_KEY';

/**
 * The WebContainer settings a built page carries: the course's, with the API key from
 * `WEBCONTAINER_API_KEY` when the build has one, so a key need not be committed.
 */
export function webcontainerSettings(course: CourseMeta, env: Record<string, string | undefined> = process.env): WebContainerSettings {
  const apiKey = env[API_KEY_ENV]?.trim() || course.webcontainer.apiKey;
  return apiKey ? { ...course.webcontainer, apiKey } : { boot: course.webcontainer.boot };
}
