/**
 * Verifies an evidence bundle, in the browser and in Node alike: the zip's
 * structure and names, every payload file against the manifest, every tag
 * file against the tag manifest, the signify signature, the audit chain and
 * each recording against its slice hash chain. It reads each entry once, as
 * a stream, and names exactly what failed.
 */
import { keyFingerprint, parseSignifyPublicKey, utf8, verifyAuditChain, verifySignify } from '../crypto';
import { parseBagInfo, parseManifest, PAYLOAD_MANIFEST, SIGNATURE_FILE, SIGNER_KEY_FILE, TAG_MANIFEST } from './bagit';
import { errorText, PasswordProblem, readEntry, readText } from './entries';
import { hashingSink } from './hashing';
import { checkRecordingChain } from './verify-chain';
import { BlobReader, ZipReader, type Entry, type FileEntry } from './zip';

export interface BagSummary {
  name: string;
  interviewId: string;
  candidate: string;
  position: string;
  baggingDate: string;
  files: Array<{ path: string; bytes: number }>;
  auditEntries: number;
}

export type VerifyResult =
  | { status: 'valid'; signer: string; bag: BagSummary }
  | { status: 'invalid'; problems: string[]; signer: string | null }
  | { status: 'needs-password' }
  | { status: 'wrong-password' };

export interface VerifyOptions {
  password?: string;
  /** Bytes read so far, out of the archive's uncompressed total. */
  onProgress?: (read: number, total: number) => void;
}

const REQUIRED_TAG_FILES = ['bagit.txt', 'bag-info.txt', PAYLOAD_MANIFEST, TAG_MANIFEST, SIGNATURE_FILE, SIGNER_KEY_FILE];

/** Names that could escape the folder they are extracted into, or mean different things on different systems. */
export function unsafeName(name: string): string | null {
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name)) return 'is an absolute path';
  if (name.split(/[\\/]/).includes('..')) return 'climbs out of the bag with ".."';
  if (name.includes('\\')) return 'contains a backslash';
  if (name.includes('\0')) return 'contains a NUL character';
  return null;
}

function zipFailure(error: unknown, source: Blob, head: Uint8Array): string {
  const message = errorText(error);
  const looksLikeZip = head[0] === 0x50 && head[1] === 0x4b;
  if (/end of central directory|EOCDR/i.test(message)) {
    return looksLikeZip ? 'the zip is truncated: its central directory is missing' : 'not a zip file';
  }
  return `the zip cannot be read (${source.size} bytes): ${message}`;
}

export async function verifyBundle(source: Blob, options: VerifyOptions = {}): Promise<VerifyResult> {
  const head = new Uint8Array(await source.slice(0, 4).arrayBuffer());
  const reader = new ZipReader(new BlobReader(source), { filenameValidation: 'tolerant', checkOverlappingEntry: true });
  try {
    return await verifyEntries(await reader.getEntries(), options);
  } catch (error) {
    if (error instanceof PasswordProblem) return { status: error.kind };
    return { status: 'invalid', problems: [zipFailure(error, source, head)], signer: null };
  } finally {
    await reader.close().catch(() => undefined);
  }
}

async function verifyEntries(entries: Entry[], options: VerifyOptions): Promise<VerifyResult> {
  const problems: string[] = [];
  const unsafe = entries.flatMap((entry) => {
    const why = unsafeName(entry.filename);
    return why ? [`unsafe entry name ${JSON.stringify(entry.filename)}: it ${why}`] : [];
  });
  if (unsafe.length > 0) return { status: 'invalid', problems: unsafe, signer: null };

  const files = entries.filter((entry): entry is FileEntry => !entry.directory);
  const roots = new Set(files.map((entry) => entry.filename.split('/')[0]));
  if (roots.size !== 1 || files.some((entry) => !entry.filename.includes('/'))) {
    return { status: 'invalid', problems: ['the zip must hold exactly one top folder, the bag'], signer: null };
  }
  const name = [...roots][0] ?? '';
  const byPath = new Map(files.map((entry) => [entry.filename.slice(name.length + 1), entry]));
  const missingTags = REQUIRED_TAG_FILES.filter((file) => !byPath.has(file));
  if (missingTags.length > 0) return { status: 'invalid', problems: missingTags.map((file) => `${file} is missing`), signer: null };

  const password = options.password;
  const tag = async (file: string) => readText(byPath.get(file) as FileEntry, password).catch((error: unknown) => {
    if (error instanceof PasswordProblem) throw error;
    throw new Error(`${file}: ${errorText(error)}`);
  });
  const [bagit, bagInfoText, manifestText, tagManifestText, signature, publicKeyText] = await Promise.all(REQUIRED_TAG_FILES.map(tag));

  // The signature first: without it nothing else can be trusted.
  const publicKey = parseSignifyPublicKey(publicKeyText ?? '');
  const signer = publicKey ? keyFingerprint(publicKey) : null;
  const signatureFailure = verifySignify(utf8.encode(tagManifestText ?? ''), signature ?? '', publicKeyText ?? '');
  const signatureProblems: Record<NonNullable<typeof signatureFailure>, string> = {
    'malformed-key': `${SIGNER_KEY_FILE} is not a signify public key`,
    'malformed-signature': `${SIGNATURE_FILE} is not a signify signature`,
    'other-key': `${SIGNATURE_FILE} was made by another key than ${SIGNER_KEY_FILE}`,
    'bad-signature': `${SIGNATURE_FILE} does not verify: ${TAG_MANIFEST} was changed after signing, or signed by another key`,
  };
  if (signatureFailure) problems.push(signatureProblems[signatureFailure]);

  if (!/^BagIt-Version: 1\.0$/m.test(bagit ?? '')) problems.push('bagit.txt does not declare BagIt-Version 1.0');
  const info = parseBagInfo(bagInfoText ?? '');
  if (signer && info.get('Candid-Signer-Fingerprint') !== signer) problems.push('bag-info.txt names another signer than candid-signer.pub');

  // Tag manifest: every tag file but the signature is listed, and matches.
  const tagManifest = parseManifest(tagManifestText ?? '');
  if (!tagManifest.ok) problems.push(`${TAG_MANIFEST} line ${tagManifest.line}: ${tagManifest.reason}`);
  else {
    const tagFiles = { 'bagit.txt': bagit, 'bag-info.txt': bagInfoText, [PAYLOAD_MANIFEST]: manifestText, [SIGNER_KEY_FILE]: publicKeyText };
    for (const [file, text] of Object.entries(tagFiles)) {
      const listed = tagManifest.value.get(file);
      if (listed === undefined) problems.push(`${file} is not covered by ${TAG_MANIFEST}`);
      else {
        const { sink, result } = hashingSink();
        const writer = sink.getWriter();
        await writer.write(utf8.encode(text ?? ''));
        await writer.close();
        if (result().sha256 !== listed) problems.push(`${file}: SHA-256 ${result().sha256} does not match ${TAG_MANIFEST} (${listed})`);
      }
    }
    for (const file of tagManifest.value.keys()) {
      if (!(file in tagFiles)) problems.push(`${TAG_MANIFEST} lists ${file}, which is not a tag file of this bag`);
    }
  }

  // Payload: the manifest and data/ must name the same files, with the same hashes.
  const manifest = parseManifest(manifestText ?? '');
  const payload = [...byPath.keys()].filter((path) => path.startsWith('data/')).sort();
  const summaryFiles: BagSummary['files'] = [];
  const measured = new Map<string, string>();
  let auditEntries = 0;
  if (!manifest.ok) problems.push(`${PAYLOAD_MANIFEST} line ${manifest.line}: ${manifest.reason}`);
  else {
    for (const path of manifest.value.keys()) if (!byPath.has(path)) problems.push(`${path} is listed in ${PAYLOAD_MANIFEST} but missing from the bag`);
    for (const path of payload) if (!manifest.value.has(path)) problems.push(`${path} is in the bag but not in ${PAYLOAD_MANIFEST} (added)`);
    const total = payload.reduce((sum, path) => sum + (byPath.get(path)?.uncompressedSize ?? 0), 0);
    let read = 0;
    for (const path of payload) {
      const entry = byPath.get(path) as FileEntry;
      const { sink, result } = hashingSink((count) => options.onProgress?.((read += count), total));
      try {
        await readEntry(entry, password, sink);
      } catch (error) {
        if (error instanceof PasswordProblem) throw error;
        problems.push(`${path}: ${errorText(error)}`);
        continue;
      }
      const { sha256, bytes } = result();
      measured.set(path, sha256);
      summaryFiles.push({ path, bytes });
      const listed = manifest.value.get(path);
      if (listed !== undefined && listed !== sha256) problems.push(`${path}: SHA-256 ${sha256} does not match ${PAYLOAD_MANIFEST} (${listed})`);
    }
    const oxum = info.get('Payload-Oxum');
    const actual = `${summaryFiles.reduce((n, f) => n + f.bytes, 0)}.${summaryFiles.length}`;
    if (oxum !== actual) problems.push(`bag-info.txt Payload-Oxum is ${oxum ?? 'missing'}, the payload is ${actual}`);
  }

  // The audit log and the recordings' hash chains, when their files are intact.
  const auditEntry = byPath.get('data/audit.jsonl');
  if (auditEntry && publicKey && measured.has('data/audit.jsonl')) {
    const audit = verifyAuditChain(await readText(auditEntry, password).catch(() => ''), publicKey);
    if (audit.ok) auditEntries = audit.entries;
    else problems.push(`data/audit.jsonl line ${audit.line}: ${audit.reason}`);
  }
  for (const path of payload.filter((p) => p.endsWith('.chain.json') && measured.has(p))) {
    problems.push(...(await checkRecordingChain(path, byPath, password)));
  }

  if (problems.length > 0) return { status: 'invalid', problems, signer };
  return {
    status: 'valid',
    signer: signer ?? '',
    bag: {
      name,
      interviewId: info.get('External-Identifier') ?? '',
      candidate: info.get('Candid-Candidate') ?? '',
      position: info.get('Candid-Position') ?? '',
      baggingDate: info.get('Bagging-Date') ?? '',
      files: summaryFiles,
      auditEntries,
    },
  };
}

