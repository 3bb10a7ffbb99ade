/** Zip surgery for tampering tests: how an attacker with ordinary zip tools would edit a bundle. */
import { BlobReader, ZipReader, ZipWriter } from '../../src/evidence/zip';

export interface Rewrite {
  /** Return null to drop the entry, or new bytes. */
  change?: (name: string, bytes: Uint8Array) => Uint8Array | null;
  add?: Array<{ name: string; bytes: Uint8Array }>;
}

/** Re-zips a bundle entry by entry, applying `rewrite`. */
export async function rezip(bundle: Uint8Array, rewrite: Rewrite, password?: string): Promise<Uint8Array> {
  const reader = new ZipReader(new BlobReader(new Blob([bundle as Uint8Array<ArrayBuffer>])), { filenameValidation: 'tolerant' });
  const chunks: Uint8Array[] = [];
  const writer = new ZipWriter(new WritableStream<Uint8Array>({ write: (chunk) => void chunks.push(chunk.slice()) }), {
    zip64: true,
    ...(password ? { password, encryptionStrength: 3 as const } : {}),
  });
  for (const entry of await reader.getEntries()) {
    if (entry.directory) continue;
    const parts: Uint8Array[] = [];
    await entry.getData(new WritableStream<Uint8Array>({ write: (chunk) => void parts.push(chunk.slice()) }), password ? { password } : {});
    const changed = rewrite.change ? rewrite.change(entry.filename, Buffer.concat(parts)) : Buffer.concat(parts);
    if (changed !== null) await writer.add(entry.filename, new Blob([changed as Uint8Array<ArrayBuffer>]).stream(), { level: 0 });
  }
  for (const extra of rewrite.add ?? []) await writer.add(extra.name, new Blob([extra.bytes as Uint8Array<ArrayBuffer>]).stream(), { level: 0 });
  await writer.close();
  await reader.close();
  return new Uint8Array(Buffer.concat(chunks));
}

