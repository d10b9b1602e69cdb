/** What the payment use cases need beyond casework's dependencies (wired by `Casework.create`). */
import type { PaymentMethod } from '../../contract/payments.ts';
import type { PaymentConfig } from './payment-config.ts';
import type { PaymentProvider } from './providers/provider.ts';

export interface PaymentEventData {
  payment: string;
  room: string;
  appointmentId: string;
  state: 'paid' | 'failed' | 'cancelled' | 'expired' | 'invoiced';
  amountCents: number;
  currency: 'EUR';
  method: PaymentMethod | null;
  kassenzeichen: string | null;
  services: string[];
  at: string;
}

export interface PaymentEvents {
  /** `payment.completed` (paid or invoiced) / `payment.failed` (failed, cancelled, expired) on the event outbox, once per payment. */
  settled(data: PaymentEventData): Promise<void>;
}

export interface PaymentRuntime {
  config: PaymentConfig;
  providers: Map<PaymentMethod, PaymentProvider>;
  events: PaymentEvents;
}
