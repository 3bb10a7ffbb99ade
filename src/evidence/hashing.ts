/** Streams that hash and count what flows through them, so a file is hashed as it is zipped or read. */
import { createSha256 } from '../crypto';

export interface Measured {
  sha256: string;
  bytes: number;
}

export function hashingStream(onBytes: (count: number) => void = () => undefined): { stream: TransformStream<Uint8Array, Uint8Array>; result: Promise<Measured> } {
  const hash = createSha256();
  let bytes = 0;
  let resolve!: (value: Measured) => void;
  const result = new Promise<Measured>((r) => (resolve = r));
  const stream = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      hash.update(chunk);
      bytes += chunk.byteLength;
      onBytes(chunk.byteLength);
      controller.enqueue(chunk);
    },
    flush() {
      resolve({ sha256: hash.digestHex(), bytes });
    },
  });
  return { stream, result };
}

/** A sink that only hashes: for verifying an entry without keeping it. */
export function hashingSink(onBytes: (count: number) => void = () => undefined): { sink: WritableStream<Uint8Array>; result: () => Measured } {
  const hash = createSha256();
  let bytes = 0;
  let digest: string | null = null;
  const sink = new WritableStream<Uint8Array>({
    write(chunk) {
      hash.update(chunk);
      bytes += chunk.byteLength;
      onBytes(chunk.byteLength);
    },
  });
  return {
    sink,
    result: () => {
      digest ??= hash.digestHex();
      return { sha256: digest, bytes };
    },
  };
}
