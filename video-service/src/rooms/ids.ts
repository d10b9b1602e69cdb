/** Message ids that sort by time (so ties in the same millisecond keep their order): base36 time + random. */
import { randomBytes } from 'node:crypto';

let last = 0;
let counter = 0;

export function messageId(now: Date): string {
  const t = now.getTime();
  counter = t === last ? counter + 1 : 0;
  last = t;
  return `${t.toString(36).padStart(9, '0')}-${counter.toString(36).padStart(4, '0')}-${randomBytes(8).toString('hex')}`;
}
