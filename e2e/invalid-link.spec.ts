import WebSocket from 'ws';
import { deriveSignalingKeys, decodeInviteToken, randomBytes, sealJson } from '../src/crypto';
import { expect, test } from './fixtures/browser';
import { createInterview, joinAsCandidate } from './fixtures/interview';

const INVALID = 'This link is invalid or incomplete. Ask the interviewer to send it again.';

function alterOneCharacter(link: string): string {
  const at = link.indexOf('#c=') + 10;
  return link.slice(0, at) + (link[at] === 'A' ? 'B' : 'A') + link.slice(at + 1);
}

test('an altered, truncated or missing secret is reported as an invalid link and cannot pair', async ({ newParticipant }) => {
  const interviewer = await newParticipant();
  const candidate = await newParticipant();
  const { candidateLink, coInterviewerLink } = await createInterview(interviewer.page, 'Noor', 'Chemist');

  const truncated = candidateLink.replace(/#c=([A-Za-z0-9_-]+)/, (_m, token: string) => `#c=${token.slice(0, -3)}`);
  for (const link of [alterOneCharacter(candidateLink), truncated, candidateLink.split('#')[0]!, alterOneCharacter(coInterviewerLink)]) {
    await candidate.page.goto('about:blank');
    await candidate.page.goto(link);
    await expect(candidate.page.getByText(INVALID)).toBeVisible();
    await expect(candidate.page.getByRole('button', { name: 'Join interview' })).toHaveCount(0);
  }
  await expect(interviewer.page.getByText('Waiting for the candidate to join…')).toBeVisible();
  await expect(interviewer.page.getByTestId('remote-candidate')).toHaveCount(0);
});

test('a well-formed link with another secret never meets the interviewer', async ({ newParticipant }) => {
  const interviewer = await newParticipant();
  const stranger = await newParticipant();
  const { candidateLink } = await createInterview(interviewer.page, 'Omar', 'Pilot');
  const { candidateLink: otherLink } = await createInterview(stranger.page, 'Someone', 'Else');
  expect(otherLink).not.toBe(candidateLink);

  await joinAsCandidate(stranger.page, otherLink);
  await stranger.page.waitForTimeout(3000);
  await expect(interviewer.page.getByTestId('remote-candidate')).toHaveCount(0);
});

test('messages sealed with the wrong key on the right topic are ignored, and the interviewer is told', async ({ newParticipant, server }) => {
  const interviewer = await newParticipant();
  const { candidateLink } = await createInterview(interviewer.page, 'Ivy', 'Nurse');
  await expect(interviewer.page.getByText('Waiting for the candidate to join…')).toBeVisible();

  // An attacker who learned the topic (the server sees it) but not the key.
  const secret = decodeInviteToken(new URLSearchParams(new URL(candidateLink).hash.slice(1)).get('c') ?? '');
  if (secret === null) throw new Error('test link did not decode');
  const { topic } = deriveSignalingKeys(secret);
  const socket = new WebSocket(server.url.replace('http', 'ws') + '/signal');
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'subscribe', topics: [topic] }));
  const forged = { type: 'announce', from: 'a'.repeat(22), role: 'candidate', device: 'd'.repeat(22), joinedAt: 1, linked: [] };
  socket.send(JSON.stringify({ type: 'publish', topic, data: sealJson(randomBytes(32), forged, 'candid/signal') }));

  await expect(interviewer.page.getByText('Messages from someone without a valid link were ignored.')).toBeVisible();
  await expect(interviewer.page.getByTestId('remote-candidate')).toHaveCount(0);
  socket.close();
});
