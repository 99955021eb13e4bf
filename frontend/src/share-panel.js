/**
 * Sharing on scenario pages and in the embedded view: the Share form (posted by htmx, or as a
 * plain form without JavaScript) sends the step and lanes shown now; refusals of link creation
 * (400, 413, 429) are shown in the page; Copy buttons copy; the embed's "Open in shadowstep"
 * link follows the step. Also serves the Copy button of the suggested expect block.
 */
import { stepFromQuery } from './navigation.js';
import { laneNames } from './lane-selection.js';

const PANEL_HEADER = 'Shadowstep-Share';

// copy buttons do nothing without this script, so they show only with it (share.css)
document.documentElement.classList.add('can-copy');

/** Returns the step the page shows now, from the address the page keeps up to date. */
function currentStep(fallback) {
  const main = document.querySelector('main.run');
  return stepFromQuery(location.search, Number(main?.dataset.total ?? 0), fallback);
}

// capture phase: runs before htmx's own submit listener on the form reads the fields
document.addEventListener('submit', (e) => {
  const form = e.target.closest?.('form.share-form');
  if (!form) return;
  form.elements.step.value = String(currentStep(Number(form.elements.step.value)));
  form.elements.lanes.value = laneNames(location.search).join(',');
  form.elements.back.value = location.pathname + location.search;
}, true);

const result = () => document.getElementById('share-result');

function showProblem(text) {
  const box = result();
  if (!box) return;
  const alert = document.createElement('div');
  alert.className = 'share-error';
  alert.setAttribute('role', 'alert');
  const p = document.createElement('p');
  p.textContent = text;
  alert.append(p);
  box.replaceChildren(alert);
}

document.addEventListener('htmx:beforeSwap', (e) => {
  if (e.detail.target?.id !== 'share-result') return;
  // the panel explains its own refusals; any other error answer is not for the page
  if (e.detail.xhr.status >= 400 && e.detail.xhr.getResponseHeader(PANEL_HEADER) === 'panel') {
    e.detail.shouldSwap = true;
    e.detail.isError = false;
  }
});

document.addEventListener('htmx:responseError', (e) => {
  if (e.detail.target?.id !== 'share-result') return;
  const status = e.detail.xhr.status;
  showProblem(status === 413
    ? 'The scenario is too large to share: a link holds at most 64 KiB.'
    : `The server could not make the link (it answered ${status}). Try again; if it repeats, please report it.`);
});

document.addEventListener('htmx:sendError', (e) => {
  if (e.detail.target?.id !== 'share-result') return;
  showProblem('The server could not be reached. Check the connection and press Share again.');
});

document.addEventListener('htmx:afterSwap', (e) => {
  if (e.detail.target?.id !== 'share-result') return;
  const heading = e.detail.target.querySelector('#share-links-title');
  if (heading) heading.focus({ preventScroll: true });
  e.detail.target.scrollIntoView({ block: 'nearest' });
});

// ---- copying

async function copyText(source) {
  const text = 'value' in source ? source.value : source.textContent;
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // no clipboard API here (plain http, or a frame without permission): select and copy
  }
  if ('select' in source) {
    source.select();
    return document.execCommand('copy');
  }
  const range = document.createRange();
  range.selectNodeContents(source);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  return document.execCommand('copy');
}

document.addEventListener('click', async (e) => {
  const button = e.target.closest?.('button[data-copy]');
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  if (!source) return;
  const label = button.dataset.label ?? button.textContent;
  button.dataset.label = label;
  const ok = await copyText(source);
  button.textContent = ok ? 'Copied' : 'Selected: press Ctrl+C';
  const status = button.closest('.share-links, .suggested-expect')?.querySelector('.copy-status');
  if (status) status.textContent = ok ? 'Copied to the clipboard.' : 'Selected; press Ctrl+C to copy.';
  setTimeout(() => { button.textContent = label; }, 2000);
});

// ---- the embedded view's way out: open the full page at the step shown now

function followStep(e) {
  const link = e.target.closest?.('a[data-open-link]');
  if (!link) return;
  const lanes = laneNames(location.search);
  link.href = link.dataset.base + '?step=' + currentStep(0) + (lanes.length ? '&lanes=' + lanes.join(',') : '');
}
for (const type of ['pointerdown', 'focusin', 'click']) document.addEventListener(type, followStep, true);

// a link field selects itself when focused, ready for Ctrl+C
document.addEventListener('focusin', (e) => {
  if (e.target.matches?.('.share-value')) e.target.select();
});
