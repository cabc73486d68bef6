import type { APIRoute } from 'astro';
import { url } from '../course/lessons.ts';
import { getCourseMeta } from '../course/meta.ts';

/** The web app manifest: the course installs as an app that opens at its home page, under the base path. */
export const GET: APIRoute = () => {
  const course = getCourseMeta();
  const manifest = {
    name: course.title,
    short_name: course.title,
    description: course.tagline,
    id: url('/'),
    start_url: url('/'),
    scope: url('/'),
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#4338ca',
    icons: [
      { src: url('favicon.svg'), sizes: 'any', type: 'image/svg+xml' },
      { src: url('icons/icon-192.png'), sizes: '192x192', type: 'image/png' },
      { src: url('icons/icon-512.png'), sizes: '512x512', type: 'image/png' },
      { src: url('icons/icon-maskable-512.png'), sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
  return new Response(JSON.stringify(manifest, null, 2), { headers: { 'Content-Type': 'application/manifest+json' } });
};
