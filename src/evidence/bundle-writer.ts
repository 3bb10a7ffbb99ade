/**
 * Writes an evidence bundle: a BagIt bag, zipped as a stream by zip.js
 * straight into the given WritableStream. Each payload file is hashed while
 * it is written, so nothing is read twice and nothing is held whole: media
 * are stored (level 0), the archive is zip64, memory stays flat.
 *
 * Layout inside the zip (RFC 8493 §4.2: one top directory named as the bag):
 *   <bag>/bagit.txt, bag-info.txt, manifest-sha256.txt, candid-signer.pub,
 *   <bag>/tagmanifest-sha256.txt, tagmanifest-sha256.txt.sig, <bag>/data/…
 */
import { keyFingerprint, signifyPublicKey, signifySign, utf8, type SigningKeyPair } from '../crypto';
import {
  BAGIT_TXT,
  bagInfoText,
  manifestText,
  PAYLOAD_MANIFEST,
  payloadOxum,
  SIGNATURE_FILE,
  SIGNER_KEY_FILE,
  TAG_MANIFEST,
  type ManifestLine,
} from './bagit';
import { hashingStream } from './hashing';
import { ZipWriter } from './zip';

export interface PayloadFile {
  /** Path under data/, with forward slashes. */
  path: string;
  /** Opens the content; called once, when the file's turn comes. */
  open: () => ReadableStream<Uint8Array>;
  /** Stored without compression: already-compressed media gain nothing from deflate. */
  media: boolean;
  /** Expected size, for progress. */
  size: number;
}

export interface BagDescription {
  /** Name of the bag's top directory. */
  name: string;
  interviewId: string;
  candidate: string;
  position: string;
  interviewers: string[];
  signer: SigningKeyPair;
  /** YYYY-MM-DD. */
  baggingDate: string;
  software: string;
}

export interface WriteOptions {
  /** Encrypts every entry with AES-256 (WinZip AE-2). */
  password?: string;
  signal?: AbortSignal;
  /** Bytes of payload written so far, out of the sum of the files' sizes. */
  onProgress?: (written: number, total: number) => void;
}

export interface WrittenBundle {
  payloadBytes: number;
  files: ManifestLine[];
  signerFingerprint: string;
}

const textStream = (text: string) => new Blob([text]).stream();

export async function writeBundle(
  target: WritableStream<Uint8Array>,
  payload: readonly PayloadFile[],
  bag: BagDescription,
  options: WriteOptions = {},
): Promise<WrittenBundle> {
  const total = payload.reduce((sum, file) => sum + file.size, 0);
  let written = 0;
  const zip = new ZipWriter(target, {
    zip64: true,
    keepOrder: true,
    ...(options.password ? { password: options.password, encryptionStrength: 3 as const } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const root = `${bag.name}/`;
  try {
    const lines: ManifestLine[] = [];
    for (const file of payload) {
      const { stream, result } = hashingStream((count) => {
        written += count;
        options.onProgress?.(written, total);
      });
      await zip.add(`${root}data/${file.path}`, file.open().pipeThrough(stream), { level: file.media ? 0 : 6 });
      lines.push({ path: `data/${file.path}`, sha256: (await result).sha256 });
    }
    const payloadBytes = written;
    const fingerprint = keyFingerprint(bag.signer.publicKey);
    const tagFiles: Array<[string, string]> = [
      ['bagit.txt', BAGIT_TXT],
      [
        'bag-info.txt',
        bagInfoText([
          ['Bag-Software-Agent', bag.software],
          ['Bagging-Date', bag.baggingDate],
          ['External-Identifier', bag.interviewId],
          ['Payload-Oxum', payloadOxum(payloadBytes, lines.length)],
          ['Candid-Candidate', bag.candidate],
          ['Candid-Position', bag.position],
          ['Candid-Interviewers', bag.interviewers.join(', ')],
          ['Candid-Signer-Fingerprint', fingerprint],
        ]),
      ],
      [PAYLOAD_MANIFEST, manifestText(lines)],
      [SIGNER_KEY_FILE, signifyPublicKey(bag.signer.publicKey, `Candid signer ${fingerprint}`)],
    ];
    const tagLines: ManifestLine[] = [];
    for (const [name, text] of tagFiles) {
      const { stream, result } = hashingStream();
      await zip.add(root + name, textStream(text).pipeThrough(stream), { level: 6 });
      tagLines.push({ path: name, sha256: (await result).sha256 });
    }
    // The signature covers the tag manifest's exact bytes, never a re-serialisation.
    const tagManifest = utf8.encode(manifestText(tagLines));
    await zip.add(root + TAG_MANIFEST, new Blob([tagManifest as Uint8Array<ArrayBuffer>]).stream(), { level: 6 });
    await zip.add(root + SIGNATURE_FILE, textStream(signifySign(tagManifest, bag.signer, SIGNER_KEY_FILE)), { level: 0 });
    await zip.close();
    return { payloadBytes, files: lines, signerFingerprint: fingerprint };
  } catch (error) {
    // Leave no half-written archive looking complete to whoever holds the target.
    await target.abort(error).catch(() => undefined);
    throw error;
  }
}
