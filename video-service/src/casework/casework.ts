/**
 * Casework as one object: `Casework.create` loads the seal, the capability key and the catalogue and wires
 * the use cases' dependencies; `start()` schedules the retention and payment reconciliation jobs; `close()` stops them (safe twice).
 * The HTTP routes (http/casework/) and socket handlers (signalling/handlers/casework/) are thin edges
 * over `deps`.
 */
import path from 'node:path';
import type { Logger } from '../log.ts';
import type { CaseworkConfig } from './casework-config.ts';
import { loadCatalogue } from './catalogue/catalogue.ts';
import type { CaseworkDeps } from './deps.ts';
import { ClamavScanner } from './files/clamav.ts';
import { PresenceBoard } from './forms/presence.ts';
import { SigningBoard } from './signing/signing-board.ts';
import { Capabilities } from './links/capabilities.ts';
import type { AdmissionPort, CaseEvents, CaseNotifier } from './ports.ts';
import type { CaseworkStore } from './store/store.ts';
import { RetentionJob } from './retention/retention-job.ts';
import { loadSealKey } from './seal/seal-key.ts';
import { createSmsGateway } from './sms/index.ts';
import { BlobStore } from './storage/blob-store.ts';
import type { PaymentConfig } from './payments/payment-config.ts';
import type { PaymentEvents } from './payments/payment-runtime.ts';
import { createProviders } from './payments/providers/index.ts';
import { ReconciliationJob } from './payments/reconciliation-job.ts';

export interface CaseworkOptions {
  /**
   * The casework repositories on the service's open, migrated connection (persistence/casework/store.ts,
   * built by app.ts); its transactions queue in the connection's one transaction runner.
   */
  store: CaseworkStore;
  config: CaseworkConfig;
  publicUrl: string;
  admissions: AdmissionPort;
  events: CaseEvents;
  notify: CaseNotifier;
  /** Fees paid in the room (PAYMENT_* settings) and where payment events go. */
  payments: PaymentConfig;
  paymentEvents: PaymentEvents;
  log: Logger;
  /** The clock (tests shift it); default `new Date()`. */
  now?: () => Date;
}

export class Casework {
  readonly deps: CaseworkDeps;
  readonly retention: RetentionJob;
  /** Re-reads pending payments from their providers (payments/reconciliation-job.ts). */
  readonly reconciliation: ReconciliationJob;
  #closed = false;

  private constructor(deps: CaseworkDeps) {
    this.deps = deps;
    this.retention = new RetentionJob(deps);
    this.reconciliation = new ReconciliationJob(deps);
  }

  static async create(o: CaseworkOptions): Promise<Casework> {
    const now = o.now ?? (() => new Date());
    const { store } = o;
    const deps: CaseworkDeps = {
      store,
      config: o.config,
      catalogue: loadCatalogue(o.config.catalogueFile),
      seal: await loadSealKey(o.config, o.log),
      blobs: new BlobStore(o.config.dataDir),
      capabilities: await Capabilities.open(path.join(o.config.dataDir, 'keys')),
      presence: new PresenceBoard(),
      signing: new SigningBoard(),
      sms: createSmsGateway(o.config, o.log, now),
      scanner: o.config.clamavUrl ? new ClamavScanner(o.config.clamavUrl) : null,
      notify: o.notify,
      events: o.events,
      admissions: o.admissions,
      payments: {
        config: o.payments,
        providers: createProviders({
          config: o.payments,
          payments: store.payments,
          publicUrl: () => deps.publicUrl,
          now,
        }),
        events: o.paymentEvents,
      },
      publicUrl: o.publicUrl,
      log: o.log,
      now,
    };
    o.log.info(
      {
        seal: deps.seal.fingerprint,
        development: deps.seal.development,
        sms: deps.sms?.name ?? 'off',
        clamav: Boolean(deps.scanner),
      },
      'Casework.create() | ready',
    );
    return new Casework(deps);
  }

  /** Starts the retention schedule (RETENTION_INTERVAL_SECONDS). */
  start(): void {
    if (this.#closed) return;
    this.retention.start(this.deps.config.retentionIntervalSeconds);
    this.reconciliation.start();
  }

  /** Stops the retention job (waiting for a run in progress). Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.retention.close();
    await this.reconciliation.close();
    // Unbinds from the SMSC (the smpp gateway); a gateway without a connection has no close.
    await this.deps.sms?.close?.();
    this.deps.presence.clear();
    this.deps.signing.clear();
  }
}
