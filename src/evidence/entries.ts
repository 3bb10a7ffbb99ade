/** Reading zip entries for verification: streamed, size-checked, with password problems told apart. */
import { utf8 } from '../crypto';
import type { FileEntry } from './zip';

/** Tag files and JSON sidecars are small; anything bigger is not ours and is not read into memory. */
const MAX_TEXT_BYTES = 16 * 1024 * 1024;

export class PasswordProblem extends Error {
  constructor(readonly kind: 'needs-password' | 'wrong-password') {
    super(kind);
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Streams an entry into `sink`; the declared size and the CRC must match what comes out. */
export async function readEntry(entry: FileEntry, password: string | undefined, sink: WritableStream<Uint8Array>): Promise<void> {
  try {
    await entry.getData(sink, { ...(password ? { password } : {}), checkCrc32: true });
  } catch (error) {
    const message = errorText(error);
    if (entry.encrypted && !password) throw new PasswordProblem('needs-password');
    if (entry.encrypted && /password/i.test(message)) throw new PasswordProblem('wrong-password');
    if (/uncompressed size/i.test(message)) throw new Error(`its declared size (${entry.uncompressedSize} bytes) does not match its content`);
    if (/ambiguous/i.test(message)) throw new Error('its local header and the central directory disagree (a declared size, name or checksum lies)');
    throw new Error(message);
  }
}

export async function readText(entry: FileEntry, password: string | undefined): Promise<string> {
  if (entry.uncompressedSize > MAX_TEXT_BYTES) throw new Error(`is ${entry.uncompressedSize} bytes, too large for a tag or JSON file`);
  const chunks: Uint8Array[] = [];
  await readEntry(entry, password, new WritableStream<Uint8Array>({ write: (chunk) => void chunks.push(chunk) }));
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return utf8.decode(bytes);
}
