import { getCollection, type CollectionEntry } from 'astro:content';

export type Lesson = CollectionEntry<'lessons'>;

/** Lessons in course order. Drafts show in `astro dev` only. */
export async function getLessons(): Promise<Lesson[]> {
  const lessons = await getCollection('lessons', (l) => import.meta.env.DEV || !l.data.draft);
  return lessons.sort((a, b) => a.data.order - b.data.order || a.id.localeCompare(b.id));
}

/** Site-relative URL that respects the deploy base path (`COURSE_BASE`). */
export function url(path: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  return `${base}/${path.replace(/^\//, '')}`;
}

export const lessonUrl = (lesson: Lesson): string => url(`lessons/${lesson.id}/`);
