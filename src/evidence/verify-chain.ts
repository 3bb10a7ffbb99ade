/**
 * Checks a recording in a bag against its slice hash chain: the chain links
 * follow from the slice hashes, and the WebM's body is exactly the recorded
 * slices' bytes (after the rebuilt header), slice by slice.
 */
import { bytesToHex, CHAIN_START, createSha256, fromBase64Url, hexToBytes, nextChainLink } from '../crypto';
import type { ChainFile } from './collect';
import { errorText, readEntry, readText } from './entries';
import type { FileEntry } from './zip';

function isChainFile(value: unknown): value is ChainFile {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<ChainFile>;
  return (
    v.version === 1 &&
    Array.isArray(v.slices) &&
    v.slices.every((s) => typeof s.seq === 'number' && typeof s.bytes === 'number' && /^[0-9a-f]{64}$/.test(s.sha256) && /^[0-9a-f]{64}$/.test(s.chain)) &&
    typeof v.webm?.file === 'string' &&
    typeof v.webm.headerBytes === 'number' &&
    typeof v.webm.bodyOffset === 'number' &&
    typeof v.webm.bodyEnd === 'number' &&
    typeof v.webm.originalPreamble === 'string'
  );
}

/** Splits a byte stream at the slice boundaries and hashes each slice. */
function sliceHasher(sizes: number[], onSlice: (index: number, sha256: string) => void): WritableStream<Uint8Array> {
  let index = 0;
  let left = sizes[0] ?? 0;
  let hash = createSha256();
  const feed = (chunk: Uint8Array) => {
    let at = 0;
    while (at < chunk.length && index < sizes.length) {
      const take = Math.min(left, chunk.length - at);
      hash.update(chunk.subarray(at, at + take));
      at += take;
      left -= take;
      if (left === 0) {
        onSlice(index, hash.digestHex());
        index++;
        left = sizes[index] ?? 0;
        hash = createSha256();
      }
    }
  };
  return new WritableStream<Uint8Array>({ write: feed });
}

/** Drops the first `count` bytes of a stream. */
function skipping(count: number, sink: WritableStream<Uint8Array>): WritableStream<Uint8Array> {
  let left = count;
  const writer = sink.getWriter();
  return new WritableStream<Uint8Array>({
    async write(chunk) {
      if (left >= chunk.length) {
        left -= chunk.length;
        return;
      }
      await writer.write(chunk.subarray(left));
      left = 0;
    },
    close: () => writer.close(),
  });
}

export async function checkRecordingChain(path: string, byPath: Map<string, FileEntry>, password: string | undefined): Promise<string[]> {
  let chain: unknown;
  try {
    chain = JSON.parse(await readText(byPath.get(path) as FileEntry, password));
  } catch (error) {
    return [`${path}: ${errorText(error)}`];
  }
  if (!isChainFile(chain)) return [`${path}: not a slice hash chain`];

  let link = CHAIN_START;
  for (const [index, slice] of chain.slices.entries()) {
    if (slice.seq !== index) return [`${path}: slice ${index} is missing (found ${slice.seq})`];
    link = nextChainLink(link, slice.seq, hexToBytes(slice.sha256));
    if (bytesToHex(link) !== slice.chain) return [`${path}: the chain link of slice ${index} does not follow from the slices before it`];
  }

  const webmPath = `data/${chain.webm.file}`;
  const webm = byPath.get(webmPath);
  if (webm === undefined) return [`${path}: names ${webmPath}, which is not in the bag`];
  const preamble = fromBase64Url(chain.webm.originalPreamble);
  if (preamble === null || preamble.length !== chain.webm.bodyOffset) return [`${path}: its original preamble is damaged`];

  // The slices as recorded = original preamble ‖ the WebM's body; only slices wholly before bodyEnd can be checked.
  const sizes: number[] = [];
  let covered = 0;
  for (const slice of chain.slices) {
    if (covered + slice.bytes > chain.webm.bodyEnd) break;
    sizes.push(slice.bytes);
    covered += slice.bytes;
  }
  const problems: string[] = [];
  const hasher = sliceHasher(sizes, (index, sha256) => {
    if (sha256 !== chain.slices[index]?.sha256 && problems.length === 0) {
      problems.push(`${webmPath}: the bytes of slice ${index} do not match its SHA-256 in ${path}`);
    }
  });
  const writer = hasher.getWriter();
  await writer.write(preamble);
  writer.releaseLock();
  try {
    await readEntry(webm, password, skipping(chain.webm.headerBytes, hasher));
  } catch (error) {
    return [`${webmPath}: ${errorText(error)}`];
  }
  return problems;
}
