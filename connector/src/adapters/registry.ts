/**
 * Booking-system adapters by name. Adding one (Cal.com, Easy!Appointments, …) means writing its
 * folder and adding a line here; the webhook route, idempotency and use case are shared.
 */
import type { ConnectorConfig } from '../config.ts';
import { createLogger, type Logger } from '../log.ts';
import type { AdapterFactory, BookingAdapter } from './booking-adapter.ts';
import { calcomAdapter } from './calcom/calcom-adapter.ts';
import { easyAppointmentsAdapter } from './easyappointments/easyappointments-adapter.ts';
import { genericAdapter } from './generic/generic-adapter.ts';

export const ADAPTERS: Record<string, AdapterFactory<ConnectorConfig>> = {
  generic: genericAdapter,
  calcom: calcomAdapter,
  easyappointments: easyAppointmentsAdapter,
};

/** A registered adapter and whether it is configured (unconfigured routes answer 503). */
export interface RegisteredAdapter {
  name: string;
  adapter: BookingAdapter | undefined;
}

/** @param log parent logger; each adapter gets a child `{ adapter: <name> }` (default: silent). */
export function createAdapters(config: ConnectorConfig, log: Logger = createLogger('silent')): RegisteredAdapter[] {
  return Object.entries(ADAPTERS).map(([name, factory]) => ({
    name,
    adapter: factory(config, { log: log.child({ adapter: name }) }),
  }));
}
