/**
 * The stream worker: reads a run's step stream off the page's thread, so a million steps
 * of JSON never make the page stutter. See stream-reader.js for the messages it posts.
 */
import { readStream } from './stream-reader.js';

self.onmessage = (e) => {
  if (e.data.type === 'open') readStream(e.data.runId, (message) => self.postMessage(message));
};
