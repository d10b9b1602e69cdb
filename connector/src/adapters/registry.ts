/**
 * Booking-system adapters by name. Adding one (Cal.com, Easy!Appointments, …) means writing its
 * folder and adding a line here; the webhook route, idempotency and use case are shared.
 */
import type { ConnectorConfig } from '../config.ts';
import type { AdapterFactory, BookingAdapter } from './booking-adapter.ts';
import { genericAdapter } from './generic/generic-adapter.ts';

export const ADAPTERS: Record<string, AdapterFactory<ConnectorConfig>> = {
  generic: genericAdapter,
};

/** A registered adapter and whether it is configured (unconfigured routes answer 503). */
export interface RegisteredAdapter {
  name: string;
  adapter: BookingAdapter | undefined;
}

export function createAdapters(config: ConnectorConfig): RegisteredAdapter[] {
  return Object.entries(ADAPTERS).map(([name, factory]) => ({ name, adapter: factory(config) }));
}
