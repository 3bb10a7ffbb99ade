/** The merged scorecard as readable Markdown, for the evidence bundle. */
import { submittedScores } from './submission';
import type { ScorecardView } from './scorecard';

const RECOMMENDATION_WORDS: Record<string, string> = {
  'strong-no': 'Strong no',
  no: 'No',
  mixed: 'Mixed',
  yes: 'Yes',
  'strong-yes': 'Strong yes',
};

/** Markdown-safe single line. */
const inline = (text: string) => text.replace(/[\r\n]+/g, ' ').replace(/([\\`*_[\]|#<>])/g, '\\$1');
const block = (text: string) => (text.trim() === '' ? '_(empty)_' : text.split('\n').map((line) => `> ${line}`).join('\n'));

export function scorecardMarkdown(view: ScorecardView, title: string): string {
  const out: string[] = [`# Scorecard: ${inline(title)}`, ''];
  out.push('## Rubric', '');
  for (const c of view.competencies) {
    out.push(`### ${inline(c.name || '(unnamed)')}`, '');
    if (c.description) out.push(inline(c.description), '');
    c.anchors.forEach((anchor, i) => anchor && out.push(`- **${i + 1}**: ${inline(anchor)}`));
    out.push('');
  }
  out.push('## Submitted evaluations', '');
  if (view.submissions.length === 0) out.push('_None submitted._', '');
  for (const submission of view.submissions) {
    const part = submittedScores(submission);
    out.push(`### ${inline(submission.name)} (key ${submission.fingerprint}), ${submission.submittedAt}`, '');
    out.push('| Competency | Score |', '|---|---|');
    for (const c of view.competencies) out.push(`| ${inline(c.name)} | ${part.scores[c.id] ?? '–'} |`);
    out.push('', `Recommendation: **${RECOMMENDATION_WORDS[part.recommendation ?? ''] ?? 'none'}**`, '');
    if (part.comment) out.push(block(part.comment), '');
  }
  out.push('## Notes per question', '');
  for (const q of view.questions) out.push(`### ${inline(q.title || '(untitled)')}`, '', block(q.notes), '');
  out.push('## Key takeaways', '', block(view.takeaways), '');
  return out.join('\n');
}
