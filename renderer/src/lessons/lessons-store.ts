/**
 * The Lessons panel's part of the app store (stores/lessons-slice.ts).
 *
 * @example
 * await useLessonsStore.getState().open('01-visibility');
 */
import { sliceHook } from '../stores/slice-hooks';

export type { LessonsState } from '../stores/lessons-slice';
export const useLessonsStore = sliceHook('lessons');
