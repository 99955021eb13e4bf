/**
 * The reader's progress through the course, kept in this browser only (localStorage, never sent):
 * which lessons were opened and which questions were answered right. Pure functions over a plain
 * object, plus load/save that tolerate a missing, full or blocked storage.
 */
export const STORAGE_KEY = 'shadowstep.course.v1';

/** Returns the progress object read from text; anything unreadable is a fresh start. */
export function parseProgress(text) {
  try {
    const value = JSON.parse(text ?? '');
    return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

/** Returns progress with the lesson marked as opened. */
export function markVisited(progress, slug) {
  const lesson = progress[slug] ?? {};
  return { ...progress, [slug]: { ...lesson, visited: true } };
}

/** Returns progress with a question of the lesson answered right. */
export function markAnswered(progress, slug, questionId) {
  const lesson = progress[slug] ?? {};
  const answered = Array.isArray(lesson.answered) ? lesson.answered : [];
  if (answered.includes(questionId)) return progress;
  return { ...progress, [slug]: { ...lesson, visited: true, answered: [...answered, questionId] } };
}

/** Returns 'done' (every question answered: count of them), 'started', or null for a lesson. */
export function lessonState(progress, slug, questionCount) {
  const lesson = progress[slug];
  if (!lesson) return null;
  const answered = Array.isArray(lesson.answered) ? lesson.answered.length : 0;
  if (questionCount > 0 && answered >= questionCount) return 'done';
  return lesson.visited ? 'started' : null;
}

/** Returns whether a question was answered right before. */
export function wasAnswered(progress, slug, questionId) {
  const answered = progress[slug]?.answered;
  return Array.isArray(answered) && answered.includes(questionId);
}

export function loadProgress(storage = globalThis.localStorage) {
  try {
    return parseProgress(storage?.getItem(STORAGE_KEY));
  } catch {
    return {};
  }
}

export function saveProgress(progress, storage = globalThis.localStorage) {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(progress));
  } catch {
    // storage full or blocked: progress is a convenience, the lesson works without it
  }
}
