/** Topic → subscribers, and the one place a publish fans out. */
import type { TextFrame } from './websocket/frames';

export interface Subscriber {
  send(frame: TextFrame): void;
}

export type SubscribeResult = 'subscribed' | 'full';

export class Rooms {
  /**
   * Small lists, replaced rather than changed: a topic holds at most
   * maxSubscribersPerTopic (16) subscribers, most hold two, and a Set's hash
   * table costs more than the whole list. Replacing also lets a publish run
   * over its list while a send closes a subscriber and unsubscribes it.
   */
  readonly #topics = new Map<string, readonly Subscriber[]>();

  constructor(private readonly maxSubscribersPerTopic: number) {}

  get topicCount(): number {
    return this.#topics.size;
  }

  subscribe(subscriber: Subscriber, topic: string): SubscribeResult {
    const subscribers = this.#topics.get(topic) ?? [];
    if (subscribers.includes(subscriber)) return 'subscribed';
    if (subscribers.length >= this.maxSubscribersPerTopic) return 'full';
    this.#topics.set(topic, subscribers.concat(subscriber));
    return 'subscribed';
  }

  unsubscribe(subscriber: Subscriber, topic: string): void {
    const subscribers = this.#topics.get(topic);
    const at = subscribers?.indexOf(subscriber) ?? -1;
    if (subscribers === undefined || at < 0) return;
    if (subscribers.length === 1) this.#topics.delete(topic);
    else this.#topics.set(topic, subscribers.toSpliced(at, 1));
  }

  /** Sends `frame` to every subscriber of `topic` but the sender; returns how many got it. One frame, built once, for all. */
  publish(topic: string, frame: TextFrame, sender: Subscriber): number {
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
