import { expect, test } from './fixtures/browser';
import { createInterview, joinAsCandidate } from './fixtures/interview';

test('the interviewer pins the candidate device key and warns when another device uses the link later', async ({ newParticipant }) => {
  const interviewer = await newParticipant();
  const first = await newParticipant();
  const { candidateLink } = await createInterview(interviewer.page, 'Pinned Person', 'Auditor');
  await joinAsCandidate(first.page, candidateLink);
  await expect(interviewer.page.getByTestId('remote-candidate')).toBeVisible();
  await interviewer.page.waitForTimeout(1000);
  await expect(interviewer.page.getByRole('heading', { name: 'Check who you are talking to' })).toHaveCount(0);

  // The first device leaves; a device with another identity opens the same link.
  await first.context.close();
  await expect(interviewer.page.getByTestId('remote-candidate')).toHaveCount(0);
  const second = await newParticipant();
  await joinAsCandidate(second.page, candidateLink);
  await expect(interviewer.page.getByRole('heading', { name: 'Check who you are talking to' })).toBeVisible();
  await expect(interviewer.page.getByText('This candidate link is now used by a different device')).toBeVisible();
});
