/** Loads the vocabulary fixture a Java test writes (FrontendFixturesTest), for tests of modules that read it. */
import { readFileSync } from 'node:fs';
import { setVocabulary } from '../src/vocabulary.js';

/** Returns a fixture file of frontend/test/fixtures, parsed. */
export function fixture(name) {
  return JSON.parse(readFileSync(new URL('./fixtures/' + name, import.meta.url), 'utf8'));
}

setVocabulary(fixture('vocabulary.json'));
