/**
 * The scorecard's files for an evidence bundle: the merged scorecard as JSON
 * and Markdown, and each submitted evaluation as its exact signed statement
 * with a signify signature and public key, checkable with `signify -V`.
 */
import * as Y from 'yjs';
import { fromBase64Url, signifyPublicKey, signifySignatureFile } from '../crypto';
import type { NotesLog } from '../vault';
import { scorecardMarkdown } from './markdown';
import { loadInto } from './persistence';
import { Scorecard } from './scorecard';
import { verifySubmission } from './submission';

export interface TextFile {
  path: string;
  text: string;
}

/** Empty when the interview has no scorecard. */
export async function scorecardFiles(log: NotesLog, title: string): Promise<TextFile[]> {
  const doc = new Y.Doc();
  if ((await loadInto(doc, log)) === 0) return [];
  const view = new Scorecard(doc).view();
  const files: TextFile[] = [
    { path: 'scorecard/scorecard.json', text: JSON.stringify({ version: 1, ...view }, null, 2) + '\n' },
    { path: 'scorecard/scorecard.md', text: scorecardMarkdown(view, title) },
  ];
  for (const submission of view.submissions.filter(verifySubmission)) {
    const publicKey = fromBase64Url(submission.publicKey);
    const signature = fromBase64Url(submission.signature);
    if (publicKey === null || signature === null) continue;
    const base = `scorecard/submissions/${submission.fingerprint}`;
    files.push(
      { path: `${base}.json`, text: submission.statement },
      { path: `${base}.json.sig`, text: signifySignatureFile(signature, publicKey, `${submission.fingerprint}.pub`) },
      { path: `${base}.pub`, text: signifyPublicKey(publicKey, `Candid interviewer ${submission.fingerprint}`) },
    );
  }
  doc.destroy();
  return files;
}
