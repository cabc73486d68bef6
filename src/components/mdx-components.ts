import Aside from './Aside.astro';
import Exercise from './Exercise.astro';
import LessonLink from './LessonLink.astro';
import PropagationDiagram from './PropagationDiagram.astro';
import SamplingChart from './SamplingChart.astro';
import Term from './Term.astro';
import TraceDiagram from './TraceDiagram.astro';
import TraceparentAnatomy from './TraceparentAnatomy.astro';

/**
 * Components every lesson can use without importing them (docs/writing-lessons.md), and `a`,
 * which renders every Markdown link so that root-relative links follow the deploy base path.
 */
export const lessonComponents = { a: LessonLink, Aside, Exercise, PropagationDiagram, SamplingChart, Term, TraceDiagram, TraceparentAnatomy };
