/** Async iterables as ReadableStreams, pulled on demand so nothing is read ahead of the consumer. */
export function streamFrom(source: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel(reason) {
      await iterator.return?.(reason);
    },
  });
}

export function textFile(text: string): () => ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return () => new Blob([bytes]).stream();
}

/** A small text file for a bundle's data/ folder. */
export function textPayload(path: string, text: string): { path: string; open: () => ReadableStream<Uint8Array>; media: false; size: number } {
  return { path, open: textFile(text), media: false, size: new TextEncoder().encode(text).length };
}
