import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readStream } from '../src/stream-reader.js';

const trace = JSON.parse(readFileSync(new URL('./fixtures/debug-regs-sti-bare-metal.json', import.meta.url), 'utf8'));
const steps = trace.steps;

/** A stand-in for EventSource: the test sends events and errors, and reads the URLs opened. */
function fakeSources() {
  const opened = [];
  const open = (url) => {
    const listeners = {};
    const source = {
      url,
      readyState: 1,
      closed: false,
      onerror: null,
      addEventListener: (type, f) => { listeners[type] = f; },
      close() { this.closed = true; this.readyState = 2; },
      send(type, data) { listeners[type]?.({ data: JSON.stringify(data) }); },
      fail(readyState) { this.readyState = readyState; this.onerror?.(); },
    };
    opened.push(source);
    return source;
  };
  return { opened, open };
}

function receiver() {
  const messages = [];
  const received = () => messages.filter((m) => m.type === 'progress').flatMap((m) => m.steps.map((s) => s.index));
  return { messages, post: (m) => messages.push(m), received };
}

const end = { total: steps.length, events: [], outcome: { status: 'halted' } };

test('continues after a dropped connection and applies a resent step only once', () => {
  const { opened, open } = fakeSources();
  const { messages, post, received } = receiver();
  readStream('r1', post, { open });
  const source = opened[0];
  assert.equal(source.url, '/api/runs/r1/stream');
  for (const s of steps.slice(0, 3)) source.send('step', s);
  source.fail(0); // CONNECTING: the browser reconnects by itself, with Last-Event-ID
  assert.equal(messages.at(-1).final, false);
  for (const s of steps.slice(2)) source.send('step', s); // step 2 again, then the rest
  source.send('end', end);
  assert.deepEqual(received(), steps.map((s) => s.index));
  assert.equal(messages.at(-1).type, 'end');
  assert.equal(opened.length, 1, 'the browser reconnected, not the reader');
});

test('opens the stream again from the next step when the browser gives up reconnecting', async () => {
  const { opened, open } = fakeSources();
  const { messages, post, received } = receiver();
  readStream('r2', post, { open, reopenDelaysMs: [0] });
  for (const s of steps.slice(0, 4)) opened[0].send('step', s);
  opened[0].fail(2); // CLOSED: the reconnect was answered 503, say
  assert.equal(messages.at(-1).final, false, 'not final while a reopen is due');
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(opened.length, 2);
  assert.equal(opened[1].url, `/api/runs/r2/stream?from=${steps[4].index}`);
  for (const s of steps.slice(4)) opened[1].send('step', s);
  opened[1].send('end', end);
  assert.deepEqual(received(), steps.map((s) => s.index));
  assert.equal(messages.at(-1).type, 'end');
});

test('says the stream is closed for good once the reopens run out', async () => {
  const { opened, open } = fakeSources();
  const { messages, post } = receiver();
  readStream('r3', post, { open, reopenDelaysMs: [0] });
  opened[0].send('step', steps[0]);
  opened[0].fail(2);
  await new Promise((resolve) => setTimeout(resolve, 5));
  opened[1].fail(2);
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(opened.length, 2, 'no third attempt');
  assert.equal(messages.at(-1).type, 'problem');
  assert.equal(messages.at(-1).final, true);
  assert.match(messages.at(-1).message, /closed by the server/);
});

test('a closed reader opens nothing more', async () => {
  const { opened, open } = fakeSources();
  const { post } = receiver();
  const reader = readStream('r4', post, { open, reopenDelaysMs: [0] });
  opened[0].fail(2);
  reader.close();
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(opened.length, 1);
});
