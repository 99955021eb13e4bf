/**
 * Predict-then-reveal questions on a lesson's page: a wrong choice says so and can be tried
 * again; the right one reveals the answer's step and its why, and moves the player there (by the
 * step link, which the run page handles without reloading). Progress stays in this browser.
 */
import { loadProgress, saveProgress, markVisited, markAnswered, wasAnswered } from './course-progress.js';

const section = document.querySelector('section.questions[data-lesson]');
if (section) start(section);

function start(section) {
  const slug = section.dataset.lesson;
  let progress = markVisited(loadProgress(), slug);
  saveProgress(progress);
  for (const question of section.querySelectorAll('.question[data-question]')) {
    const id = question.dataset.question;
    const verdict = question.querySelector('.verdict-line');
    const reveal = question.querySelector('.reveal');
    if (wasAnswered(progress, slug, id)) {
      showAnswer(question, reveal);
      verdict.textContent = 'You answered this one before.';
    }
    question.addEventListener('click', (e) => {
      const choice = e.target.closest('button.choice');
      if (!choice || choice.disabled) return;
      if (choice.dataset.correct === 'true') {
        showAnswer(question, reveal);
        verdict.textContent = 'Right: ' + choice.dataset.label + '.';
        progress = markAnswered(progress, slug, id);
        saveProgress(progress);
        reveal.querySelector('a.reveal-step')?.click();
      } else {
        choice.classList.add('wrong');
        choice.setAttribute('aria-disabled', 'true');
        choice.disabled = true;
        verdict.textContent = 'Not ' + choice.dataset.label + '. Try another line.';
      }
    });
  }
}

function showAnswer(question, reveal) {
  question.classList.add('answered');
  reveal.hidden = false;
  for (const b of question.querySelectorAll('button.choice')) {
    if (b.dataset.correct === 'true') b.classList.add('right');
  }
}
