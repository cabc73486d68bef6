/**
 * On wide screens an exercise in a lesson also takes the page outline's column (global.css).
 * The outline sticks to the top of the window, so while an exercise passes under it the outline
 * steps aside instead of being drawn over.
 */
export function hideOutlineUnderExercises(root: Document): void {
  const page = root.querySelector<HTMLElement>('.lesson-page');
  const outline = root.querySelector<HTMLElement>('.lesson-page__outline');
  const exercises = [...root.querySelectorAll<HTMLElement>('.prose > .exercise')];
  if (!page || !outline || exercises.length === 0) return;

  let scheduled = false;
  const update = () => {
    scheduled = false;
    // The outline's own box, unhidden or not (visibility keeps its layout).
    const { top, bottom } = outline.getBoundingClientRect();
    const covered = exercises.some((exercise) => {
      const box = exercise.getBoundingClientRect();
      return box.top < bottom && box.bottom > top;
    });
    page.toggleAttribute('data-outline-covered', covered);
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(update);
  };
  window.addEventListener('scroll', schedule, { passive: true });
  window.addEventListener('resize', schedule);
  new ResizeObserver(schedule).observe(page);
  update();
}
