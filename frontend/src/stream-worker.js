/**
 * The stream worker: reads a run's step stream off the page's thread, so a million steps
 * of JSON never make the page stutter. See stream-reader.js for the messages it posts; it
 * also answers {type: 'find', id, query} from the step index with {type: 'found', id, result}.
 */
import { readStream } from './stream-reader.js';

let reader = null;
self.onmessage = (e) => {
  if (e.data.type === 'open') reader = readStream(e.data.runId, (message) => self.postMessage(message));
  else if (e.data.type === 'find' && reader) self.postMessage({ type: 'found', id: e.data.id, result: reader.find(e.data.query) });
};
