// @vitest-environment node
import 'fake-indexeddb/auto';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyBundle, type VerifyResult } from '../../src/evidence';
import { CANDIDATE, exportedBundle, POSITION, rezip, text } from './helpers';
import { tamperings } from './tamperings';

const verify = (bytes: Uint8Array, password?: string) =>
  verifyBundle(new Blob([bytes as Uint8Array<ArrayBuffer>]), password === undefined ? {} : { password });

function problemsOf(result: VerifyResult): string[] {
  expect(result.status).toBe('invalid');
  return result.status === 'invalid' ? result.problems : [];
}

const bundle = await exportedBundle();
const root = text(bundle.bytes).match(/candid-[A-Za-z0-9_-]+-2026-11-23\//)?.[0] ?? '';

describe('an exported bundle', () => {
  it('verifies, naming its signer and contents', async () => {
    const result = await verify(bundle.bytes);
    expect(result.status).toBe('valid');
    if (result.status !== 'valid') return;
    expect(result.signer).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(result.bag).toMatchObject({ candidate: CANDIDATE, position: POSITION, baggingDate: '2026-11-23', interviewId: 'aW50ZXJ2aWV3LWlk' });
    expect(result.bag.files.map((f) => f.path)).toEqual([
      'data/audit.jsonl',
      'data/consent.json',
      'data/exits.json',
      'data/interview.json',
      'data/recordings/01-remote-candidate.chain.json',
      'data/recordings/01-remote-candidate.webm',
      'data/timeline.json',
    ]);
    // unlock, view, export: the export is in its own audit log.
    expect(result.bag.auditEntries).toBe(3);
  });

  it('passes unzip -t, sha256sum -c and signify -V without our software', () => {
    const run = (cmd: string, args: string[], cwd = bundle.dir) => execFileSync(cmd, args, { cwd, encoding: 'utf8' });
    expect(run('unzip', ['-t', 'bundle.zip'])).toContain('No errors detected');
    run('unzip', ['-q', '-o', 'bundle.zip', '-d', 'out']);
    const bag = join(bundle.dir, 'out', root);
    expect(run('sha256sum', ['-c', 'manifest-sha256.txt'], bag)).toMatch(/recordings\/01-remote-candidate\.webm: OK/);
    expect(run('sha256sum', ['-c', 'tagmanifest-sha256.txt'], bag)).toContain('bag-info.txt: OK');
    expect(run('signify-openbsd', ['-V', '-p', 'candid-signer.pub', '-x', 'tagmanifest-sha256.txt.sig', '-m', 'tagmanifest-sha256.txt'], bag)).toContain('Signature Verified');
  });

  it('holds a WebM that ffprobe-free inspection shows has a duration (EBML Duration element present)', async () => {
    execFileSync('unzip', ['-q', '-o', 'bundle.zip', '-d', 'out2'], { cwd: bundle.dir });
    const webm = execFileSync('cat', [join(bundle.dir, 'out2', root, 'data/recordings/01-remote-candidate.webm')]);
    expect(webm.subarray(0, 4)).toEqual(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]));
    // Duration (0x4489) and Cues (0x1C53BB6B) were written into the header.
    expect(webm.includes(Buffer.from([0x44, 0x89]))).toBe(true);
    expect(webm.includes(Buffer.from([0x1c, 0x53, 0xbb, 0x6b]))).toBe(true);
  });
});

const dataFile = `${root}data/recordings/01-remote-candidate.webm`;

describe('tampering is found and named', () => {
  it.each(tamperings(bundle.bytes).map((t) => [t.name, t] as const))('%s', async (_name, tampering) => {
    const problems = problemsOf(await verify(await tampering.make()));
    expect(problems.some((problem) => tampering.expected.test(problem)), problems.join('\n')).toBe(true);
  });
});

describe('a password-protected bundle', () => {
  it('asks for the password, refuses a wrong one, and verifies with the right one', async () => {
    const locked = await exportedBundle({ password: 'bundle password' });
    expect(text(locked.bytes)).not.toContain(CANDIDATE);
    expect(await verify(locked.bytes)).toEqual({ status: 'needs-password' });
    expect(await verify(locked.bytes, 'wrong password')).toEqual({ status: 'wrong-password' });
    expect((await verify(locked.bytes, 'bundle password')).status).toBe('valid');
  });
});

describe('the command-line verifier', () => {
  const cli = (args: string[]) => {
    try {
      return { code: 0, out: execFileSync('npx', ['tsx', 'src/cli/verify.ts', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
    } catch (error) {
      const e = error as { status: number; stdout: string };
      return { code: e.status, out: e.stdout };
    }
  };

  it('exits 0 with the signer for a valid bundle, 1 naming the failure otherwise, 2 for bad usage', async () => {
    const valid = cli([bundle.path]);
    expect(valid.code).toBe(0);
    expect(valid.out).toMatch(/^VALID: signed by [A-Za-z0-9_-]{22}/);
    const { writeFile } = await import('node:fs/promises');
    const broken = join(bundle.dir, 'broken.zip');
    await writeFile(broken, await rezip(bundle.bytes, { change: (name, bytes) => (name === dataFile ? bytes.slice(0, -1) : bytes) }));
    const invalid = cli([broken]);
    expect(invalid.code).toBe(1);
    expect(invalid.out).toContain('data/recordings/01-remote-candidate.webm: SHA-256');
    expect(cli([]).code).toBe(2);
    expect(cli([join(bundle.dir, 'nope.zip')]).code).toBe(2);
  }, 60_000);
});
