/**
 * BagIt 1.0 (RFC 8493) tag files: written here, and parsed back by the
 * verifier. Manifest lines use two spaces between hash and path, which both
 * BagIt and `sha256sum -c` read.
 */

export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';
export const PAYLOAD_MANIFEST = 'manifest-sha256.txt';
export const TAG_MANIFEST = 'tagmanifest-sha256.txt';
export const SIGNATURE_FILE = 'tagmanifest-sha256.txt.sig';
export const SIGNER_KEY_FILE = 'candid-signer.pub';

export interface ManifestLine {
  sha256: string;
  path: string;
}

/** RFC 8493 §2.1.3: a path with CR, LF or % is percent-encoded in manifests. */
function encodePath(path: string): string {
  return path.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function decodePath(path: string): string {
  return path.replace(/%0A/gi, '\n').replace(/%0D/gi, '\r').replace(/%25/g, '%');
}

export function manifestText(lines: readonly ManifestLine[]): string {
  return lines.map((line) => `${line.sha256}  ${encodePath(line.path)}\n`).join('');
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; line: number; reason: string };

export function parseManifest(text: string): ParseResult<Map<string, string>> {
  const entries = new Map<string, string>();
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    if (raw === '' && index === lines.length - 1) break;
    const match = /^([0-9a-f]{64})[ \t]+\*?(.+)$/.exec(raw);
    if (match === null) return { ok: false, line: index + 1, reason: `not "<sha256>  <path>": ${JSON.stringify(raw.slice(0, 80))}` };
    const path = decodePath(match[2] ?? '');
    if (entries.has(path)) return { ok: false, line: index + 1, reason: `${path} is listed twice` };
    entries.set(path, match[1] ?? '');
  }
  return { ok: true, value: entries };
}

/** One `Label: value` line per field; values are kept to one line. */
export function bagInfoText(fields: ReadonlyArray<readonly [string, string]>): string {
  return fields.map(([label, value]) => `${label}: ${value.replace(/[\r\n]+/g, ' ')}\n`).join('');
}

export function parseBagInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  let last: string | null = null;
  for (const line of text.split('\n')) {
    // Continuation lines (RFC 8493 §2.2.2) start with whitespace.
    if (/^[ \t]/.test(line) && last !== null) fields.set(last, `${fields.get(last) ?? ''} ${line.trim()}`);
    const match = /^([^:\s][^:]*):\s?(.*)$/.exec(line);
    if (match) {
      last = match[1] ?? '';
      fields.set(last, match[2] ?? '');
    }
  }
  return fields;
}

export function payloadOxum(octets: number, streams: number): string {
  return `${octets}.${streams}`;
}
