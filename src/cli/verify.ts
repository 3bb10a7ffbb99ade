#!/usr/bin/env node
/**
 * candid-verify: checks an evidence bundle without the app.
 *
 *   npm run verify -- bundle.zip [--password <password>]
 *
 * Exit code 0 only when the bundle is valid; 1 when it is not; 2 for usage
 * errors. An encrypted bundle without --password asks for it on a terminal.
 */
import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import { verifyBundle, type VerifyResult } from '../evidence';

const USAGE = 'usage: candid-verify <bundle.zip> [--password <password>]';

function parseArgs(argv: string[]): { file: string; password?: string } | null {
  const args = [...argv];
  let password: string | undefined;
  const at = args.indexOf('--password');
  if (at !== -1) {
    password = args[at + 1];
    if (password === undefined) return null;
    args.splice(at, 2);
  }
  return args.length === 1 && args[0] ? { file: args[0], ...(password === undefined ? {} : { password }) } : null;
}

async function askPassword(): Promise<string | undefined> {
  if (!process.stdin.isTTY) return undefined;
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await prompt.question('This bundle is encrypted. Password: ');
  prompt.close();
  return answer;
}

function report(result: VerifyResult): number {
  switch (result.status) {
    case 'valid':
      console.log(`VALID: signed by ${result.signer}`);
      console.log(`  bag ${result.bag.name}, interview ${result.bag.interviewId}, bagged ${result.bag.baggingDate}`);
      console.log(`  candidate: ${result.bag.candidate}; position: ${result.bag.position}`);
      console.log(`  ${result.bag.files.length} payload files, audit log of ${result.bag.auditEntries} entries:`);
      for (const file of result.bag.files) console.log(`    ${file.path} (${file.bytes} bytes)`);
      return 0;
    case 'invalid':
      console.log(`INVALID${result.signer ? ` (signer key ${result.signer})` : ''}:`);
      for (const problem of result.problems) console.log(`  - ${problem}`);
      return 1;
    case 'needs-password':
      console.log('INVALID: the bundle is encrypted; pass --password');
      return 1;
    case 'wrong-password':
      console.log('INVALID: wrong password');
      return 1;
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args === null) {
    console.error(USAGE);
    return 2;
  }
  try {
    if (!(await stat(args.file)).isFile()) throw new Error('not a file');
  } catch {
    console.error(`cannot read ${args.file}`);
    return 2;
  }
  // A lazily read Blob: the archive is never loaded into memory whole.
  const source = await openAsBlob(args.file);
  let result = await verifyBundle(source, args);
  if (result.status === 'needs-password' && args.password === undefined) {
    const password = await askPassword();
    if (password !== undefined) result = await verifyBundle(source, { password });
  }
  return report(result);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
