/**
 * A tiny observable state store for the room UI (STYLE.md 8): the RoomClient writes, components read.
 *
 * - `getState()` returns the current state object. Treat it as immutable: never mutate it, call `setState`.
 * - `setState(patch)` shallow-merges a partial state (or the result of `patch(state)`) into a NEW object and
 *   notifies every listener once, synchronously. A patch that changes nothing notifies nobody.
 * - `subscribe(listener)` registers a listener and returns the function that removes it.
 *
 * Deliberately no selectors, middleware or batching: the UI is small enough to re-render from the top.
 */
export interface Store<S extends object> {
  getState(): S;
  setState(patch: Partial<S> | ((state: S) => Partial<S>)): void;
  subscribe(listener: (state: S) => void): () => void;
}

/** Creates a store holding `initial`. */
export function createStore<S extends object>(initial: S): Store<S> {
  let state = initial;
  const listeners = new Set<(state: S) => void>();
  return {
    getState: () => state,
    setState(patch) {
      const changes = typeof patch === 'function' ? patch(state) : patch;
      const keys = Object.keys(changes) as (keyof S)[];
      if (keys.every((key) => Object.is(state[key], changes[key]))) return;
      state = { ...state, ...changes };
      for (const listener of [...listeners]) listener(state);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
