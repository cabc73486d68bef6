import Aside from './Aside.astro';
import Exercise from './Exercise.astro';
import Term from './Term.astro';
import TraceDiagram from './TraceDiagram.astro';
import TraceparentAnatomy from './TraceparentAnatomy.astro';

/** Components every lesson can use without importing them (docs/writing-lessons.md). */
export const lessonComponents = { Aside, Exercise, Term, TraceDiagram, TraceparentAnatomy };
