/**
 * SMS gateway adapters by name (SMS_GATEWAY). `dev-outbox` writes files; `none` turns SMS-TAN off. A real
 * gateway is one more adapter implementing `SmsGateway` (ports.ts), registered here.
 */
import path from 'node:path';
import type { SmsGateway } from '../ports.ts';
import { DevOutboxGateway } from './dev-outbox.ts';

export function createSmsGateway(name: 'dev-outbox' | 'none', dataDir: string, now: () => Date): SmsGateway | null {
  switch (name) {
    case 'dev-outbox':
      return new DevOutboxGateway(path.join(dataDir, 'sms-outbox'), now);
    case 'none':
      return null;
  }
}
