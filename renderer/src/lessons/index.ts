/**
 * Lessons with a checker (docs/lessons.md): the side panel that runs a lesson of the course.
 *
 * @example
 * import { LessonsPanel, useLessonsStore } from './lessons';
 */
export { LessonsPanel } from './LessonsPanel';
export { useLessonsStore } from './lessons-store';
