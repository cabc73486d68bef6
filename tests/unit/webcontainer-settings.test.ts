import { describe, expect, it } from 'vitest';
import { courseSchema } from '../../src/course/schemas.ts';
import { API_KEY_ENV, webcontainerSettings } from '../../src/course/webcontainer-settings.ts';

const base = { title: 'A course', tagline: 'Something to learn here.', outcomes: ['One thing.'] };

describe('the WebContainer settings of course.yaml', () => {
  it('boots on the first Run, without an API key, unless the course says otherwise', () => {
    expect(courseSchema.parse(base).webcontainer).toEqual({ boot: 'on-first-run' });
    expect(courseSchema.parse({ ...base, webcontainer: { boot: 'background', apiKey: 'wc_api_x' } }).webcontainer).toEqual({ boot: 'background', apiKey: 'wc_api_x' });
  });

  it('rejects an unknown key or boot mode, naming the field', () => {
    const unknown = courseSchema.safeParse({ ...base, webcontainer: { boot: 'background', key: 'x' } });
    expect(unknown.success).toBe(false);
    expect(JSON.stringify(unknown.error?.issues)).toContain('key');
    const mode = courseSchema.safeParse({ ...base, webcontainer: { boot: 'eager' } });
    expect(mode.error?.issues[0]?.path).toEqual(['webcontainer', 'boot']);
  });

  it('takes the API key from the build environment first', () => {
    const course = courseSchema.parse({ ...base, webcontainer: { apiKey: 'from-yaml' } });
    expect(webcontainerSettings(course, {})).toEqual({ boot: 'on-first-run', apiKey: 'from-yaml' });
    expect(webcontainerSettings(course, { [API_KEY_ENV]: 'from-env' })).toEqual({ boot: 'on-first-run', apiKey: 'from-env' });
    expect(webcontainerSettings(courseSchema.parse(base), { [API_KEY_ENV]: '  ' })).toEqual({ boot: 'on-first-run' });
  });
});
