/** Marks the course's lesson cards with the reader's progress, kept in this browser only. */
import { loadProgress, lessonState } from './course-progress.js';

const QUESTIONS_DONE = { done: 'Done: every question answered', started: 'Started' };

function mark() {
  const progress = loadProgress();
  for (const card of document.querySelectorAll('li.lesson-card[data-slug]')) {
    const line = card.querySelector('.lesson-progress');
    const state = lessonState(progress, card.dataset.slug, Number(card.dataset.questions || 1));
    if (!line) continue;
    line.hidden = !state;
    line.textContent = state ? QUESTIONS_DONE[state] : '';
    card.classList.toggle('lesson-done', state === 'done');
  }
}

mark();
// htmx swaps the cards when the search changes
document.body.addEventListener('htmx:afterSwap', mark);
