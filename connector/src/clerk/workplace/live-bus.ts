/**
 * The in-process bus between the room-event use case (after its commit) and the workplace's live channel:
 * "appointment X changed". Only ids travel; each live connection reads the row as its clerk may see it.
 *
 * One process only: with several connector processes behind a load balancer a webhook lands on one of them,
 * and clerks connected to another would not hear of it. Such a deployment needs a shared channel (the
 * outbound outbox read by every process, or Redis pub/sub) — docs/adr/0085.
 */
import { EventEmitter } from 'node:events';
import type { DomainEventSink } from '../../domain/ports.ts';

export class LiveBus {
  readonly #emitter = new EventEmitter();

  constructor() {
    // Every open workplace tab listens; the default warning at 10 listeners is not a leak here.
    this.#emitter.setMaxListeners(0);
  }

  /** Tells every listener; never throws into the caller (a webhook answer must not depend on a page). */
  publish = (appointmentId: string): void => {
    try {
      this.#emitter.emit('changed', appointmentId);
    } catch {
      // A listener's failure is its own; it logs it.
    }
  };

  /**
   * A domain-event listener: a booking created, moved, cancelled or given new links changes a row; the bus
   * hears of it once the change's transaction committed.
   */
  readonly sink: DomainEventSink = {
    record: async (event, repos) => {
      const id = event.appointment.id;
      repos.afterCommit?.(() => this.publish(id));
    },
  };

  /** @returns the function that stops listening. */
  subscribe(listener: (appointmentId: string) => void): () => void {
    this.#emitter.on('changed', listener);
    return () => this.#emitter.off('changed', listener);
  }
}
