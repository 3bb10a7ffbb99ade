/** A small typed event emitter: events leave a module through this, never through ad-hoc callbacks. */
export type EventMap = Record<string, unknown[]>;

type Handlers<Events extends EventMap> = { [K in keyof Events]?: Set<(...args: Events[K]) => void> };

export class Emitter<Events extends EventMap> {
  #handlers: Handlers<Events> = {};

  /** Returns the function that removes this handler. */
  on<K extends keyof Events>(event: K, handler: (...args: Events[K]) => void): () => void {
    const set = (this.#handlers[event] ??= new Set());
    set.add(handler);
    return () => set.delete(handler);
  }

  protected emit<K extends keyof Events>(event: K, ...args: Events[K]): void {
    for (const handler of this.#handlers[event] ?? []) handler(...args);
  }

  protected removeAllListeners(): void {
    this.#handlers = {};
  }
}
