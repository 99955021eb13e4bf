import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStepCache } from '../src/step-cache.js';

function pageFetcher(total) {
  const calls = [];
  const fetchPage = async (from, count) => {
    calls.push(from);
    const steps = [];
    for (let i = from; i < Math.min(total, from + count); i++) steps.push({ index: i });
    return steps;
  };
  return { fetchPage, calls };
}

test('returns a streamed step without fetching', async () => {
  const { fetchPage, calls } = pageFetcher(100);
  const cache = createStepCache({ fetchPage, pageSize: 10 });
  cache.put({ index: 3, text: 'sti' });
  assert.equal((await cache.ensure(3)).text, 'sti');
  assert.deepEqual(calls, []);
});

test('fetches the page that holds a missing step, once for concurrent asks', async () => {
  const { fetchPage, calls } = pageFetcher(100);
  const cache = createStepCache({ fetchPage, pageSize: 10 });
  const [a, b] = await Promise.all([cache.ensure(42), cache.ensure(47)]);
  assert.equal(a.index, 42);
  assert.equal(b.index, 47);
  assert.deepEqual(calls, [40]);
});

test('keeps at most maxPages pages, dropping the least recently used', async () => {
  const { fetchPage } = pageFetcher(1000);
  const cache = createStepCache({ fetchPage, pageSize: 10, maxPages: 2 });
  await cache.ensure(0);
  await cache.ensure(10);
  cache.get(0);
  await cache.ensure(20);
  assert.equal(cache.size, 2);
  assert.ok(cache.get(5), 'page 0 was used last, so it stays');
  assert.equal(cache.get(15), undefined);
});

test('resolves to undefined for a step past the end of the run', async () => {
  const { fetchPage } = pageFetcher(5);
  const cache = createStepCache({ fetchPage, pageSize: 10 });
  assert.equal(await cache.ensure(7), undefined);
});

test('lets a failed fetch be retried', async () => {
  let fail = true;
  const cache = createStepCache({
    pageSize: 10,
    fetchPage: async (from) => {
      if (fail) throw new Error('offline');
      return [{ index: from }];
    },
  });
  await assert.rejects(cache.ensure(0), /offline/);
  fail = false;
  assert.equal((await cache.ensure(0)).index, 0);
});
