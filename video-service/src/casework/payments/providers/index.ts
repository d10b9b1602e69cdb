/** The payment providers, registered by name; PAYMENT_PROVIDERS chooses which ones a citizen may use. */
import type { PaymentMethod } from '../../../contract/payments.ts';
import type { PaymentRepository } from '../../store/payments.ts';
import type { PaymentConfig } from '../payment-config.ts';
import { createInvoiceProvider } from './invoice/invoice-provider.ts';
import { createPayPalProvider } from './paypal/paypal-provider.ts';
import type { PaymentProvider } from './provider.ts';
import { createSandboxProvider } from './sandbox/sandbox-provider.ts';
import { createXBezahldiensteProvider } from './xbezahldienste/xbezahldienste-provider.ts';

export interface ProviderContext {
  config: PaymentConfig;
  payments: PaymentRepository;
  /** Read at each use: the service may learn its address only when it listens (PORT=0). */
  publicUrl: () => string;
  now: () => Date;
}

const FACTORIES: Record<PaymentMethod, (c: ProviderContext) => PaymentProvider> = {
  sandbox: (c) => createSandboxProvider({ payments: c.payments, publicUrl: c.publicUrl, now: c.now }),
  xbezahldienste: (c) => createXBezahldiensteProvider(c.config.xbezahldienste!, { now: c.now }),
  paypal: (c) => createPayPalProvider(c.config.paypal!),
  invoice: (c) => createInvoiceProvider({ prefix: c.config.purposePrefix, now: c.now }),
};

/** The configured providers (config validation made sure each has its settings). */
export function createProviders(c: ProviderContext): Map<PaymentMethod, PaymentProvider> {
  return new Map(c.config.providers.map((name) => [name, FACTORIES[name](c)]));
}
