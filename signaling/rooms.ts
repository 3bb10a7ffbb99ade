/** Topic → subscribers, and the one place a publish fans out. */

export interface Subscriber {
  send(frame: string): void;
}

export type SubscribeResult = 'subscribed' | 'full';

export class Rooms {
  readonly #topics = new Map<string, Set<Subscriber>>();

  constructor(private readonly maxSubscribersPerTopic: number) {}

  get topicCount(): number {
    return this.#topics.size;
  }

  subscribe(subscriber: Subscriber, topic: string): SubscribeResult {
    let subscribers = this.#topics.get(topic);
    if (subscribers === undefined) {
      subscribers = new Set();
      this.#topics.set(topic, subscribers);
    }
    if (subscribers.has(subscriber)) return 'subscribed';
    if (subscribers.size >= this.maxSubscribersPerTopic) return 'full';
    subscribers.add(subscriber);
    return 'subscribed';
  }

  unsubscribe(subscriber: Subscriber, topic: string): void {
    const subscribers = this.#topics.get(topic);
    if (subscribers === undefined) return;
    subscribers.delete(subscriber);
    if (subscribers.size === 0) this.#topics.delete(topic);
  }

  /** Sends `frame` to every subscriber of `topic` but the sender; returns how many got it. */
  publish(topic: string, frame: string, sender: Subscriber): number {
    const subscribers = this.#topics.get(topic);
    if (subscribers === undefined) return 0;
    let delivered = 0;
    for (const subscriber of subscribers) {
      if (subscriber === sender) continue;
      subscriber.send(frame);
      delivered++;
    }
    return delivered;
  }
}
