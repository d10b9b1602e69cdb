/**
 * SMS gateway adapters by name (SMS_GATEWAY). `dev-outbox` writes files; `smpp` speaks SMPP v3.4 to the
 * provider's SMSC (smpp/, ADR 0150); `none` turns SMS-TAN off. Another gateway is one more adapter
 * implementing `SmsGateway` (ports.ts), registered here.
 */
import path from 'node:path';
import type { Logger } from '../../log.ts';
import type { CaseworkConfig } from '../casework-config.ts';
import type { SmsGateway } from '../ports.ts';
import { DevOutboxGateway } from './dev-outbox.ts';
import { SmppGateway } from './smpp/smpp-gateway.ts';

export function createSmsGateway(
  config: Pick<CaseworkConfig, 'smsGateway' | 'smpp' | 'dataDir'>,
  log: Logger,
  now: () => Date,
): SmsGateway | null {
  switch (config.smsGateway) {
    case 'dev-outbox':
      return new DevOutboxGateway(path.join(config.dataDir, 'sms-outbox'), now);
    case 'smpp':
      return new SmppGateway(config.smpp!, log);
    case 'none':
      return null;
  }
}
