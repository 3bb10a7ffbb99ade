/**
 * Every way of damaging a bundle that the verifier must catch, with the words
 * it must use. The Node tests and the browser test run the same list.
 */
import { createHash } from 'node:crypto';
import { newSigningKeyPair, signifySign, utf8 } from '../../src/crypto';
import { rezip } from './zip-surgery';

export interface Tampering {
  name: string;
  make: () => Promise<Uint8Array>;
  /** What the verifier must say (one of its problems, or its password answer). */
  expected: RegExp;
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');
const bytesOf = (value: string) => new Uint8Array(Buffer.from(value, 'utf8'));

function flipMiddleByte(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  copy[Math.floor(copy.length / 2)]! ^= 0x01;
  return copy;
}

/** Makes the central directory claim 7 more bytes for one entry than it holds. */
async function lyingSize(bundle: Uint8Array, name: string): Promise<Uint8Array> {
  const bytes = Buffer.from(await rezip(bundle, {}));
  const header = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  const wanted = Buffer.from(name);
  let at = -1;
  for (let i = bytes.indexOf(header); i !== -1; i = bytes.indexOf(header, i + 1)) {
    if (bytes.subarray(i + 46, i + 46 + wanted.length).equals(wanted)) at = i;
  }
  if (at === -1) throw new Error(`no central directory record for ${name}`);
  const nameLength = bytes.readUInt16LE(at + 28);
  const extraLength = bytes.readUInt16LE(at + 30);
  if (bytes.readUInt32LE(at + 24) === 0xffffffff) {
    // Zip64: the real size is the first field of the zip64 extra block.
    const extra = bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    const block = extra.indexOf(Buffer.from([0x01, 0x00]));
    extra.writeBigUInt64LE(extra.readBigUInt64LE(block + 4) + 7n, block + 4);
  } else {
    bytes.writeUInt32LE(bytes.readUInt32LE(at + 24) + 7, at + 24);
  }
  return new Uint8Array(bytes);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The bag's top folder and its first recording's path without extension, read from the zip's own names. */
export function bagLayout(bundle: Uint8Array): { root: string; recording: string } {
  const names = Buffer.from(bundle).toString('latin1');
  const root = /candid-[A-Za-z0-9_-]+-\d{4}-\d{2}-\d{2}\//.exec(names)?.[0];
  const recording = /data\/recordings\/\d{2}-[a-z]+-[a-z]+(?=\.webm)/.exec(names)?.[0];
  if (!root || !recording) throw new Error('not a bundle with a recording');
  return { root, recording };
}

export function tamperings(bundle: Uint8Array, password?: string): Tampering[] {
  const { root, recording } = bagLayout(bundle);
  const edit = (path: string, change: (bytes: Uint8Array) => Uint8Array | null) =>
    rezip(bundle, { change: (name, bytes) => (name === root + path ? change(bytes) : bytes) }, password);
  const payload = [`${recording}.webm`, 'data/interview.json', 'data/audit.jsonl', `${recording}.chain.json`];
  return [
    ...payload.map((path) => ({
      name: `a flipped byte in ${path}`,
      make: () => edit(path, flipMiddleByte),
      expected: new RegExp(`^${escape(path)}: SHA-256 [0-9a-f]{64} does not match manifest-sha256\\.txt`),
    })),
    { name: 'a file removed', make: () => edit('data/exits.json', () => null), expected: /^data\/exits\.json is listed in manifest-sha256\.txt but missing from the bag$/ },
    {
      name: 'a file added',
      make: () => rezip(bundle, { add: [{ name: `${root}data/extra.txt`, bytes: bytesOf('planted') }] }, password),
      expected: /^data\/extra\.txt is in the bag but not in manifest-sha256\.txt \(added\)$/,
    },
    {
      name: 'a manifest line edited',
      make: () => edit('manifest-sha256.txt', (bytes) => bytesOf(text(bytes).replace(/^[0-9a-f]{64}/, 'f'.repeat(64)))),
      expected: /^manifest-sha256\.txt: SHA-256 [0-9a-f]{64} does not match tagmanifest-sha256\.txt/,
    },
    {
      name: 'a payload file changed together with its manifest line',
      make: async () => {
        const forged = bytesOf('{"version":1,"consent":"forged"}\n');
        const hash = createHash('sha256').update(forged).digest('hex');
        return rezip(
          bundle,
          {
            change: (name, bytes) => {
              if (name === `${root}data/consent.json`) return forged;
              if (name === `${root}manifest-sha256.txt`) return bytesOf(text(bytes).replace(/^[0-9a-f]{64}(?= {2}data\/consent\.json$)/m, hash));
              return bytes;
            },
          },
          password,
        );
      },
      expected: /^manifest-sha256\.txt: SHA-256 [0-9a-f]{64} does not match tagmanifest-sha256\.txt/,
    },
    {
      name: 'the tag manifest edited',
      make: () => edit('tagmanifest-sha256.txt', (bytes) => bytesOf(text(bytes).replace(/^[0-9a-f]{64}/, '0'.repeat(64)))),
      expected: /^tagmanifest-sha256\.txt\.sig does not verify/,
    },
    {
      name: 'a signature from another key',
      make: async () => {
        let manifest: Uint8Array = new Uint8Array();
        await rezip(bundle, { change: (name, bytes) => ((manifest = name === `${root}tagmanifest-sha256.txt` ? bytes : manifest), bytes) }, password);
        return edit('tagmanifest-sha256.txt.sig', () => utf8.encode(signifySign(manifest, newSigningKeyPair(), 'candid-signer.pub')));
      },
      expected: /^tagmanifest-sha256\.txt\.sig was made by another key than candid-signer\.pub$/,
    },
    { name: 'a truncated zip', make: async () => bundle.slice(0, Math.floor(bundle.length * 0.7)), expected: /^the zip is truncated: its central directory is missing$/ },
    { name: 'a file that is not a zip', make: async () => bytesOf('<html>definitely not a zip</html>'), expected: /^not a zip file$/ },
    { name: 'an entry whose declared size lies', make: () => lyingSize(bundle, `${root}data/consent.json`), expected: /^data\/consent\.json: .*size/ },
    ...['../escape.txt', '/etc/cron.d/evil', `${root}data/../../evil.txt`].map((name) => ({
      name: `an entry named ${name}`,
      make: () => rezip(bundle, { add: [{ name, bytes: bytesOf('x') }] }, password),
      expected: new RegExp(`^unsafe entry name "${escape(name)}"`),
    })),
  ];
}
