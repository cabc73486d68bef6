/**
 * The environment variable that carries a WebContainer run's start parameters,
 * `{ secret, inputFile }` as JSON, to the Node harness, which removes it before learner code runs.
 */
export const START_ENV = 'COURSE_SANDBOX_START';
