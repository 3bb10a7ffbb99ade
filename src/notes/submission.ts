/**
 * "Submit evaluation": an interviewer's part frozen as a signed statement.
 * The statement is stored as the exact text that was signed, so it can be
 * checked later (and by signify, in the evidence bundle) byte for byte.
 */
import { fromBase64Url, keyFingerprint, sign, toBase64Url, utf8, verifySignature, type SigningKeyPair } from '../crypto';
import type { ScorecardView, Submission } from './scorecard';

export interface SubmissionContext {
  interviewId: string;
  identity: SigningKeyPair;
  name: string;
  submittedAt: Date;
}

export function buildSubmission(view: ScorecardView, context: SubmissionContext): Submission {
  const fingerprint = keyFingerprint(context.identity.publicKey);
  const part = view.parts.find((p) => p.fingerprint === fingerprint);
  const submittedAt = context.submittedAt.toISOString();
  const statement = JSON.stringify(
    {
      version: 1,
      kind: 'candid-evaluation',
      interviewId: context.interviewId,
      interviewer: { fingerprint, name: context.name },
      submittedAt,
      rubric: view.competencies.map(({ id, name, anchors }) => ({ id, name, anchors })),
      scores: Object.fromEntries(view.competencies.filter((c) => part?.scores[c.id] !== undefined).map((c) => [c.id, part?.scores[c.id]])),
      recommendation: part?.recommendation ?? null,
      comment: part?.comment ?? '',
    },
    null,
    2,
  );
  return {
    fingerprint,
    name: context.name,
    statement,
    signature: toBase64Url(sign(utf8.encode(statement), context.identity.secretKey)),
    publicKey: toBase64Url(context.identity.publicKey),
    submittedAt,
  };
}

/** The signature holds for the statement and the key is the one the fingerprint names. */
export function verifySubmission(submission: Submission): boolean {
  const publicKey = fromBase64Url(submission.publicKey);
  const signature = fromBase64Url(submission.signature);
  if (publicKey === null || signature === null) return false;
  return keyFingerprint(publicKey) === submission.fingerprint && verifySignature(utf8.encode(submission.statement), signature, publicKey);
}

/** The submitted part, read back from its statement. */
export function submittedScores(submission: Submission): { scores: Record<string, number>; recommendation: string | null; comment: string } {
  const parsed = JSON.parse(submission.statement) as { scores?: Record<string, number>; recommendation?: string | null; comment?: string };
  return { scores: parsed.scores ?? {}, recommendation: parsed.recommendation ?? null, comment: parsed.comment ?? '' };
}
