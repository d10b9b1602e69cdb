/**
 * The bus between the room-event use case (after its commit) and the workplace's live channel: "appointment X
 * changed". Only ids travel; each live connection reads the row as its clerk may see it.
 *
 * One process alone needs nothing more (an EventEmitter). With several connector processes behind a load
 * balancer a webhook lands on one of them: a `LiveRelay` (Redis pub/sub, live-relay-redis.ts) carries each
 * local change to the other processes and brings theirs in — docs/adr/0170. Every change reaches the listeners
 * of each process exactly once: a local one is delivered here at once, and the relay drops its own echo.
 */
import { EventEmitter } from 'node:events';
import type { DomainEventSink } from '../../domain/ports.ts';

/** What a relay tells the bus it feeds. */
export interface LiveRelayHandlers {
  /** Another process's change. */
  changed(appointmentId: string): void;
  /** Changes may have been missed (the shared channel was lost and is back): every page should reload. */
  resync(): void;
}

/** The shared channel between connector processes. */
export interface LiveRelay {
  /** Starts handing the other processes' changes to `handlers` (called once, by the bus). */
  attach(handlers: LiveRelayHandlers): void;
  /** Tells the other processes; never throws (failures are the relay's to log). */
  publish(appointmentId: string): void;
}

export class LiveBus {
  readonly #emitter = new EventEmitter();
  readonly #relay: LiveRelay | undefined;

  constructor(relay?: LiveRelay) {
    // Every open workplace tab listens; the default warning at 10 listeners is not a leak here.
    this.#emitter.setMaxListeners(0);
    this.#relay = relay;
    relay?.attach({
      changed: (appointmentId) => this.#deliver(appointmentId),
      resync: () => this.#emit('resync'),
    });
  }

  /** Tells every listener here and on the other processes; never throws into the caller (a webhook answer must not depend on a page). */
  publish = (appointmentId: string): void => {
    this.#deliver(appointmentId);
    try {
      this.#relay?.publish(appointmentId);
    } catch {
      // The relay logs its own failures; the webhook carries on.
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

  /** `listener` runs when changes may have been missed (see LiveRelayHandlers.resync). @returns the function that stops listening. */
  onResync(listener: () => void): () => void {
    this.#emitter.on('resync', listener);
    return () => this.#emitter.off('resync', listener);
  }

  #deliver(appointmentId: string): void {
    this.#emit('changed', appointmentId);
  }

  #emit(event: 'changed' | 'resync', ...args: string[]): void {
    try {
      this.#emitter.emit(event, ...args);
    } catch {
      // A listener's failure is its own; it logs it.
    }
  }
}
