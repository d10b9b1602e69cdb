import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

/** Environment keys a config module reads: the upper-case keys of its schema objects. */
function keysOf(file: string): string[] {
  const keys = new Set<string>();
  for (const match of read(file).matchAll(/^\s+([A-Z][A-Z0-9_]{2,}):/gm)) keys.add(match[1]!);
  return [...keys].sort();
}

describe('docs/configuration.md', () => {
  const doc = read('docs/configuration.md');
  for (const file of [
    'connector/src/config.ts',
    'video-service/src/config.ts',
    'connector/src/demo/config.ts',
    'video-service/src/casework/payments/payment-config.ts',
  ]) {
    it(`documents every variable ${file} reads`, () => {
      const keys = keysOf(file);
      expect(keys.length).to.be.greaterThan(3);
      const missing = keys.filter((k) => !new RegExp(`\\b${k}\\b`).test(doc));
      expect(missing, `undocumented in docs/configuration.md`).to.deep.equal([]);
    });
  }
});
