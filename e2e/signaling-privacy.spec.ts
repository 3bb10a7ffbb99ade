/**
 * The server is untrusted: record every frame that crosses the signaling
 * WebSocket during a full call and prove it carries nothing readable.
 */
import type { BrowserContext } from '@playwright/test';
import { expect, test } from './fixtures/browser';
import { createInterview, joinAsCandidate, openWithVault } from './fixtures/interview';
import { inboundMedia } from './fixtures/media';

const CANDIDATE_NAME = 'Evangelina Przybylski';
const POSITION = 'Principal Cartographer';

async function recordSignaling(context: BrowserContext, frames: string[]): Promise<void> {
  await context.routeWebSocket('**/signal', (page) => {
    const server = page.connectToServer();
    page.onMessage((message) => {
      frames.push(String(message));
      server.send(message);
    });
    server.onMessage((message) => {
      frames.push(String(message));
      page.send(message);
    });
  });
}

test('no SDP, ICE candidate, name or position crosses the signaling server', async ({ newParticipant }) => {
  const frames: string[] = [];
  const interviewer = await newParticipant();
  const candidate = await newParticipant();
  const colleague = await newParticipant();
  for (const participant of [interviewer, candidate, colleague]) await recordSignaling(participant.context, frames);

  const { candidateLink, coInterviewerLink } = await createInterview(interviewer.page, CANDIDATE_NAME, POSITION);
  await joinAsCandidate(candidate.page, candidateLink);
  await openWithVault(colleague.page, coInterviewerLink);
  await expect(candidate.page.getByText(`Interview for ${POSITION}`)).toBeVisible();
  await expect(colleague.page.getByRole('heading', { name: `Interview with ${CANDIDATE_NAME}` })).toBeVisible();
  await expect.poll(async () => (await inboundMedia(candidate.page)).framesDecoded).toBeGreaterThan(10);

  const publishes = frames.filter((f) => f.includes('"publish"'));
  // Offers, answers and candidates for three links did cross the server, sealed.
  expect(publishes.length).toBeGreaterThan(10);
  const secrets = [...new URLSearchParams(new URL(coInterviewerLink).hash.slice(1)).values()];
  const forbidden = ['v=0', 'a=fingerprint', 'fingerprint', 'candidate:', 'ice-ufrag', 'ice-pwd', 'typ host', '"sdp"', CANDIDATE_NAME, POSITION, ...secrets];
  for (const frame of frames) {
    for (const needle of forbidden) expect(frame, `frame leaks "${needle}"`).not.toContain(needle);
  }
});
