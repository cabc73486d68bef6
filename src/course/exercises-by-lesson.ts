import { getCollection } from 'astro:content';

/** Exercise ids of each lesson, in folder order. */
export async function exercisesByLesson(): Promise<Map<string, string[]>> {
  const byLesson = new Map<string, string[]>();
  for (const exercise of (await getCollection('exercises')).sort((a, b) => a.id.localeCompare(b.id))) {
    byLesson.set(exercise.data.lesson, [...(byLesson.get(exercise.data.lesson) ?? []), exercise.id]);
  }
  return byLesson;
}
