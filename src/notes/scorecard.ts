/**
 * The scorecard as a Y.Doc. Shared by all interviewers: the rubric, the
 * questions with their notes, the key takeaways, and each interviewer's part
 * (scores, recommendation, comment) under their key fingerprint. Submitted
 * evaluations are frozen, signed statements that are never overwritten.
 *
 *   competencies  Y.Array<Y.Map>  { id, name, description, anchors: string[5] }
 *   questions     Y.Array<Y.Map>  { id, title, notes: Y.Text }
 *   takeaways     Y.Text
 *   parts         Y.Map<fingerprint, Y.Map { name, scores: Y.Map<competencyId, 1..5>, recommendation, comment }>
 *   submissions   Y.Map<fingerprint, Submission>
 *   settings      Y.Map { blind: boolean }
 */
import * as Y from 'yjs';
import { randomId } from '../core';

export const RECOMMENDATIONS = ['strong-no', 'no', 'mixed', 'yes', 'strong-yes'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];
export const SCORES = [1, 2, 3, 4, 5] as const;

export interface Competency {
  id: string;
  name: string;
  description: string;
  /** What each score 1–5 means for this competency. */
  anchors: string[];
}

export interface QuestionNotes {
  id: string;
  title: string;
  notes: string;
}

export interface InterviewerPart {
  fingerprint: string;
  name: string;
  scores: Record<string, number>;
  recommendation: Recommendation | null;
  comment: string;
}

/** A frozen evaluation: `statement` is the exact signed text. */
export interface Submission {
  fingerprint: string;
  name: string;
  statement: string;
  /** Ed25519 over the statement's UTF-8 bytes, base64url. */
  signature: string;
  /** base64url. */
  publicKey: string;
  submittedAt: string;
}

export interface ScorecardView {
  competencies: Competency[];
  questions: QuestionNotes[];
  takeaways: string;
  parts: InterviewerPart[];
  submissions: Submission[];
  blind: boolean;
}

export const MAX_FIELD_LENGTH = 2000;
const clip = (text: string) => text.slice(0, MAX_FIELD_LENGTH);

function isRecommendation(value: unknown): value is Recommendation {
  return RECOMMENDATIONS.includes(value as Recommendation);
}

function emptyAnchors(): string[] {
  return ['', '', '', '', ''];
}

export class Scorecard {
  readonly competencies: Y.Array<Y.Map<unknown>>;
  readonly questions: Y.Array<Y.Map<unknown>>;
  readonly takeaways: Y.Text;
  readonly parts: Y.Map<Y.Map<unknown>>;
  readonly submissions: Y.Map<Submission>;
  readonly settings: Y.Map<unknown>;

  constructor(readonly doc: Y.Doc) {
    this.competencies = doc.getArray('competencies');
    this.questions = doc.getArray('questions');
    this.takeaways = doc.getText('takeaways');
    this.parts = doc.getMap('parts');
    this.submissions = doc.getMap('submissions');
    this.settings = doc.getMap('settings');
  }

  view(): ScorecardView {
    return {
      competencies: this.competencies.toArray().map(readCompetency),
      questions: this.questions.toArray().map((q) => ({
        id: String(q.get('id')),
        title: String(q.get('title') ?? ''),
        notes: (q.get('notes') as Y.Text | undefined)?.toString() ?? '',
      })),
      takeaways: this.takeaways.toString(),
      // Map order depends on each replica's history: sort so every interviewer sees the same order.
      parts: [...this.parts.entries()].map(([fingerprint, part]) => readPart(fingerprint, part)).sort((a, b) => a.fingerprint.localeCompare(b.fingerprint)),
      submissions: [...this.submissions.values()].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint)),
      blind: this.settings.get('blind') !== false,
    };
  }

  addCompetency(name = ''): string {
    const id = randomId();
    const map = new Y.Map<unknown>();
    map.set('id', id);
    map.set('name', clip(name));
    map.set('description', '');
    map.set('anchors', emptyAnchors());
    this.competencies.push([map]);
    return id;
  }

  updateCompetency(id: string, change: Partial<Omit<Competency, 'id'>>): void {
    const map = this.competencies.toArray().find((c) => c.get('id') === id);
    if (map === undefined) return;
    this.doc.transact(() => {
      if (change.name !== undefined) map.set('name', clip(change.name));
      if (change.description !== undefined) map.set('description', clip(change.description));
      if (change.anchors !== undefined) map.set('anchors', change.anchors.slice(0, 5).map(clip));
    });
  }

  removeCompetency(id: string): void {
    const index = this.competencies.toArray().findIndex((c) => c.get('id') === id);
    if (index !== -1) this.competencies.delete(index, 1);
  }

  /** Replaces the rubric with a saved one (new ids: scores given against the old rubric stay with it). */
  useRubric(rubric: ReadonlyArray<Omit<Competency, 'id'>>): void {
    this.doc.transact(() => {
      this.competencies.delete(0, this.competencies.length);
      for (const competency of rubric) {
        const id = this.addCompetency(competency.name);
        this.updateCompetency(id, competency);
      }
    });
  }

  addQuestion(title: string): string {
    const id = randomId();
    const map = new Y.Map<unknown>();
    map.set('id', id);
    map.set('title', clip(title));
    map.set('notes', new Y.Text());
    this.questions.push([map]);
    return id;
  }

  /** Makes sure a question asked in the interview has its notes field (same id everywhere). */
  ensureQuestion(id: string, title: string): void {
    if (this.questions.toArray().some((q) => q.get('id') === id)) return;
    const map = new Y.Map<unknown>();
    map.set('id', id);
    map.set('title', clip(title));
    map.set('notes', new Y.Text());
    this.questions.push([map]);
  }

  /** The shared text behind a field: a question's notes or the key takeaways. */
  text(field: string): Y.Text | null {
    if (field === 'takeaways') return this.takeaways;
    const question = this.questions.toArray().find((q) => `question:${String(q.get('id'))}` === field);
    return (question?.get('notes') as Y.Text | undefined) ?? null;
  }

  #part(fingerprint: string, name: string): Y.Map<unknown> {
    let part = this.parts.get(fingerprint);
    if (part === undefined) {
      part = new Y.Map<unknown>();
      part.set('scores', new Y.Map<number>());
      part.set('recommendation', null);
      part.set('comment', '');
      this.parts.set(fingerprint, part);
    }
    if (part.get('name') !== name) part.set('name', clip(name));
    return part;
  }

  setScore(fingerprint: string, name: string, competencyId: string, score: number | null): void {
    this.doc.transact(() => {
      const scores = this.#part(fingerprint, name).get('scores') as Y.Map<number>;
      if (score === null) scores.delete(competencyId);
      else if (SCORES.includes(score as 1)) scores.set(competencyId, score);
    });
  }

  setRecommendation(fingerprint: string, name: string, recommendation: Recommendation | null): void {
    this.doc.transact(() => this.#part(fingerprint, name).set('recommendation', recommendation));
  }

  setComment(fingerprint: string, name: string, comment: string): void {
    this.doc.transact(() => this.#part(fingerprint, name).set('comment', clip(comment)));
  }

  setBlind(blind: boolean): void {
    this.settings.set('blind', blind);
  }

  /** Records a submission once; a second one for the same interviewer is refused. */
  addSubmission(submission: Submission): boolean {
    if (this.submissions.has(submission.fingerprint)) return false;
    this.submissions.set(submission.fingerprint, submission);
    return true;
  }
}

function readCompetency(map: Y.Map<unknown>): Competency {
  const anchors = map.get('anchors');
  return {
    id: String(map.get('id')),
    name: String(map.get('name') ?? ''),
    description: String(map.get('description') ?? ''),
    anchors: Array.isArray(anchors) ? anchors.map(String) : emptyAnchors(),
  };
}

function readPart(fingerprint: string, part: Y.Map<unknown>): InterviewerPart {
  const scores = part.get('scores');
  const recommendation = part.get('recommendation');
  return {
    fingerprint,
    name: String(part.get('name') ?? ''),
    scores: scores instanceof Y.Map ? Object.fromEntries(scores.entries()) : {},
    recommendation: isRecommendation(recommendation) ? recommendation : null,
    comment: String(part.get('comment') ?? ''),
  };
}
