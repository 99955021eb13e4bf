/**
 * Holds the steps the page needs, in pages, and fetches missing pages, so a run of a
 * million steps never sits in the browser at once. DOM-free: the fetch is passed in.
 */

/**
 * Returns a cache. fetchPage(from, count) must resolve to an array of steps starting at
 * from. At most maxPages pages are kept; the least recently used page is dropped first.
 */
export function createStepCache({ fetchPage, pageSize = 256, maxPages = 48 }) {
  const pages = new Map();
  const inflight = new Map();

  const pageOf = (index) => Math.floor(index / pageSize);

  // the where track reads every visible step each frame: a page already used last is not moved again
  let newest = -1;
  function touch(pageNo) {
    const page = pages.get(pageNo);
    if (page && pageNo !== newest) {
      pages.delete(pageNo);
      pages.set(pageNo, page);
      newest = pageNo;
    }
    return page;
  }

  function pageFor(pageNo) {
    let page = touch(pageNo);
    if (!page) {
      page = new Array(pageSize);
      pages.set(pageNo, page);
      newest = pageNo;
      while (pages.size > maxPages) pages.delete(pages.keys().next().value);
    }
    return page;
  }

  return {
    pageSize,

    /** Returns the step at index if held, else undefined. */
    get(index) {
      return touch(pageOf(index))?.[index % pageSize];
    },

    /** Stores a step (from the stream or a fetched page). */
    put(step) {
      pageFor(pageOf(step.index))[step.index % pageSize] = step;
    },

    /** Returns the number of pages held. */
    get size() {
      return pages.size;
    },

    /** Resolves to the step at index, fetching its page when it is not held. */
    ensure(index) {
      const held = this.get(index);
      if (held) return Promise.resolve(held);
      const pageNo = pageOf(index);
      if (!inflight.has(pageNo)) {
        const request = Promise.resolve(fetchPage(pageNo * pageSize, pageSize))
          .then((steps) => {
            for (const step of steps) this.put(step);
          })
          .finally(() => inflight.delete(pageNo));
        inflight.set(pageNo, request);
      }
      return inflight.get(pageNo).then(() => this.get(index));
    },
  };
}
