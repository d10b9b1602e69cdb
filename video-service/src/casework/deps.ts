/** Everything the casework use cases work with, wired once by `Casework.create`. */
import type { Logger } from '../log.ts';
import type { CaseworkStore } from './store/store.ts';
import type { CaseworkConfig } from './casework-config.ts';
import type { Catalogue } from './catalogue/catalogue.ts';
import type { SealKey } from './seal/seal-key.ts';
import type { BlobStore } from './storage/blob-store.ts';
import type { Capabilities } from './links/capabilities.ts';
import type { PresenceBoard } from './forms/presence.ts';
import type { SigningBoard } from './signing/signing-board.ts';
import type { PaymentRuntime } from './payments/payment-runtime.ts';
import type { AdmissionPort, CaseEvents, CaseNotifier, SmsGateway, VirusScanner } from './ports.ts';

export interface CaseworkDeps {
  store: CaseworkStore;
  config: CaseworkConfig;
  catalogue: Catalogue;
  seal: SealKey;
  blobs: BlobStore;
  capabilities: Capabilities;
  presence: PresenceBoard;
  /** Whose signing is open on which connection (so a dropped connection closes it for the clerks). */
  signing: SigningBoard;
  sms: SmsGateway | null;
  scanner: VirusScanner | null;
  notify: CaseNotifier;
  events: CaseEvents;
  admissions: AdmissionPort;
  /** Fees paid in the room: configuration, providers, payment events (payments/). */
  payments: PaymentRuntime;
  /** The service's external base URL (links in documents and events). */
  publicUrl: string;
  log: Logger;
  now: () => Date;
}
