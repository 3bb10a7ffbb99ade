/**
 * The audit log's chain: each entry commits to the one before it and is
 * signed by the device. The hashed bytes are a JSON array of the fields in a
 * fixed order, so no JSON key ordering can change what was signed.
 *
 *   hash(n) = SHA-256( JSON.stringify([seq, at, action, interview, detail, prev]) )
 *   prev(0) = 64 zeros; prev(n) = hash(n-1); sig(n) = Ed25519(hash(n) as bytes)
 */
import { fromBase64Url, toBase64Url, utf8 } from './encoding';
import { bytesToHex, hexToBytes, sha256 } from './hash';
import { sign, verifySignature } from './signing';

export type AuditAction = 'unlock' | 'view' | 'export' | 'verify' | 'delete';

/** Flat details only (strings and numbers), so their serialisation is unambiguous. */
export type AuditDetail = Record<string, string | number>;

export interface AuditFields {
  seq: number;
  /** ISO 8601 UTC. */
  at: string;
  action: AuditAction;
  interview: string | null;
  detail: AuditDetail;
  /** Hash of the previous entry, hex; 64 zeros for the first. */
  prev: string;
}

export interface AuditEntry extends AuditFields {
  hash: string;
  /** Ed25519 signature over the hash bytes, base64url. */
  sig: string;
}

export const AUDIT_GENESIS = '0'.repeat(64);
const ACTIONS: readonly AuditAction[] = ['unlock', 'view', 'export', 'verify', 'delete'];

function canonicalDetail(detail: AuditDetail): Array<[string, string | number]> {
  return Object.keys(detail)
    .sort()
    .map((key) => [key, detail[key] ?? '']);
}

export function auditHash(fields: AuditFields): string {
  const canonical = JSON.stringify([fields.seq, fields.at, fields.action, fields.interview, canonicalDetail(fields.detail), fields.prev]);
  return bytesToHex(sha256(utf8.encode(canonical)));
}

export function sealAuditEntry(fields: AuditFields, secretKey: Uint8Array): AuditEntry {
  const hash = auditHash(fields);
  return { ...fields, hash, sig: toBase64Url(sign(hexToBytes(hash), secretKey)) };
}

/** One JSON line per entry, keys in a fixed order (readable; verification does not depend on it). */
export function auditLine(entry: AuditEntry): string {
  const { seq, at, action, interview, detail, prev, hash, sig } = entry;
  return JSON.stringify({ seq, at, action, interview, detail, prev, hash, sig });
}

function isAuditEntry(value: unknown): value is AuditEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const detailOk =
    typeof v.detail === 'object' &&
    v.detail !== null &&
    !Array.isArray(v.detail) &&
    Object.values(v.detail).every((d) => typeof d === 'string' || typeof d === 'number');
  return (
    typeof v.seq === 'number' &&
    typeof v.at === 'string' &&
    ACTIONS.includes(v.action as AuditAction) &&
    (v.interview === null || typeof v.interview === 'string') &&
    detailOk &&
    typeof v.prev === 'string' &&
    typeof v.hash === 'string' &&
    typeof v.sig === 'string'
  );
}

export type AuditChainResult = { ok: true; entries: number } | { ok: false; line: number; reason: string };

/** Checks every line in order: shape, sequence, link to the previous hash, own hash, signature. */
export function verifyAuditChain(text: string, publicKey: Uint8Array): AuditChainResult {
  const lines = text.split('\n').filter((line, i, all) => line !== '' || i < all.length - 1);
  let prev = AUDIT_GENESIS;
  for (const [index, line] of lines.entries()) {
    const at = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return { ok: false, line: at, reason: 'not JSON' };
    }
    if (!isAuditEntry(value)) return { ok: false, line: at, reason: 'not an audit entry' };
    if (value.seq !== index) return { ok: false, line: at, reason: `sequence ${value.seq} where ${index} was expected (an entry is missing or moved)` };
    if (value.prev !== prev) return { ok: false, line: at, reason: 'does not link to the previous entry' };
    if (auditHash(value) !== value.hash) return { ok: false, line: at, reason: 'its content does not match its hash (edited)' };
    const signature = fromBase64Url(value.sig);
    if (signature === null || !verifySignature(hexToBytes(value.hash), signature, publicKey)) {
      return { ok: false, line: at, reason: 'signature does not verify with the signer key' };
    }
    prev = value.hash;
  }
  return { ok: true, entries: lines.length };
}
