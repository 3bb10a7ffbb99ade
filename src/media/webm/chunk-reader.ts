/**
 * Reads EBML element headers from a stream of chunks of any size, in order,
 * keeping at most one chunk and a few joined bytes in memory: payloads we do
 * not need (the media) are skipped, never copied.
 */
import { readId, readSize, vintLength } from './ebml';
import { WebmError } from './errors';

/** An element's id and size; `size` is null for "unknown" (Segment and Cluster from MediaRecorder). */
export interface ElementHeader {
  id: number;
  size: number | null;
  /** Absolute offset of the element's first byte. */
  start: number;
  /** Absolute offset of its payload. */
  dataStart: number;
}

const EMPTY = new Uint8Array(0);

/** A forward-only reader over chunks; `offset` counts bytes from the start of the input. */
export class ChunkReader {
  readonly #chunks: AsyncIterator<Uint8Array>;
  /** The current chunk, or bytes joined across a chunk boundary. */
  #current: Uint8Array = EMPTY;
  #at = 0;
  /** What is left of a chunk after joining a few of its bytes to the previous one. */
  #stash: Uint8Array | null = null;
  #ended = false;
  /** Absolute offset of `#current[#at]`. */
  #offset = 0;

  constructor(chunks: AsyncIterable<Uint8Array>) {
    this.#chunks = chunks[Symbol.asyncIterator]();
  }

  /** Absolute offset of the next unread byte. */
  get offset(): number {
    return this.#offset;
  }

  /** Lets the producer release what it holds (a file, a stream) when we stop early. */
  async close(): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    try {
      await this.#chunks.return?.();
    } catch {
      // Best effort: a producer failing to clean up must not hide why we stopped reading.
    }
  }

  async #pull(): Promise<Uint8Array | null> {
    if (this.#stash) {
      const stash = this.#stash;
      this.#stash = null;
      return stash;
    }
    while (!this.#ended) {
      const next = await this.#chunks.next();
      if (next.done) this.#ended = true;
      else if (next.value.length > 0) return next.value;
    }
    return null;
  }

  /** Makes `count` bytes contiguous at the read position; false if the input ends first. */
  async #fill(count: number): Promise<boolean> {
    while (this.#current.length - this.#at < count) {
      const next = await this.#pull();
      if (!next) return false;
      const rest = this.#current.length - this.#at;
      if (rest === 0) {
        this.#current = next;
        this.#at = 0;
        continue;
      }
      // Join only the bytes asked for, so a large next chunk is not copied whole.
      const taken = Math.min(next.length, count - rest);
      const joined = new Uint8Array(rest + taken);
      joined.set(this.#current.subarray(this.#at));
      joined.set(next.subarray(0, taken), rest);
      this.#current = joined;
      this.#at = 0;
      if (taken < next.length) this.#stash = next.subarray(taken);
    }
    return true;
  }

  #has(count: number): boolean {
    return this.#current.length - this.#at >= count;
  }

  /** True when no byte is left. */
  async atEnd(): Promise<boolean> {
    return !(this.#has(1) || (await this.#fill(1)));
  }

  /** The next element's header, or null at a clean end of input. */
  async readHeader(): Promise<ElementHeader | null> {
    const start = this.#offset;
    if (!this.#has(1) && !(await this.#fill(1))) return null;
    const idLength = vintLength(this.#current[this.#at] ?? 0);
    if (idLength === 0 || idLength > 4) throw new WebmError('malformed', start, 'invalid element id');
    if (!this.#has(idLength + 1) && !(await this.#fill(idLength + 1))) throw new WebmError('truncated', start, 'element header cut short');
    const sizeLength = vintLength(this.#current[this.#at + idLength] ?? 0);
    if (sizeLength === 0) throw new WebmError('malformed', start, 'invalid element size');
    const headerLength = idLength + sizeLength;
    if (!this.#has(headerLength) && !(await this.#fill(headerLength))) throw new WebmError('truncated', start, 'element header cut short');
    const id = readId(this.#current, this.#at, idLength);
    const size = readSize(this.#current, this.#at + idLength, sizeLength);
    if (size !== null && !Number.isSafeInteger(size)) throw new WebmError('malformed', start, 'element size out of range');
    this.#at += headerLength;
    this.#offset += headerLength;
    return { id, size, start, dataStart: start + headerLength };
  }

  /** The next `count` bytes as a new array (only for small payloads: metadata, block headers). */
  async read(count: number): Promise<Uint8Array> {
    if (!this.#has(count) && !(await this.#fill(count))) throw new WebmError('truncated', this.#offset, `expected ${count} more bytes`);
    const bytes = this.#current.slice(this.#at, this.#at + count);
    this.#at += count;
    this.#offset += count;
    return bytes;
  }

  /** Looks at up to `count` next bytes without consuming them. */
  async peek(count: number): Promise<Uint8Array> {
    if (!this.#has(count)) await this.#fill(count);
    return this.#current.subarray(this.#at, Math.min(this.#current.length, this.#at + count));
  }

  /** Moves past `count` bytes without copying them. */
  async skip(count: number): Promise<void> {
    let left = count;
    while (left > 0) {
      const available = this.#current.length - this.#at;
      if (available >= left) {
        this.#at += left;
        this.#offset += left;
        return;
      }
      left -= available;
      this.#offset += available;
      this.#current = EMPTY;
      this.#at = 0;
      const next = await this.#pull();
      if (!next) throw new WebmError('truncated', this.#offset, `${left} bytes missing at end of input`);
      this.#current = next;
    }
  }
}
