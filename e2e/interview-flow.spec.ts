/**
 * The interview from door to exit: schedule (on a controlled clock), consent,
 * environment steps, questions and their timers, chat, markers, the three ways
 * to leave with their records, resuming within the window and not after it,
 * the timeline with click-to-seek, the phone layout, and the device check.
 */
import type { Page } from '@playwright/test';
import { utcToLocalTime } from '../src/core';
import { expect, test } from './fixtures/browser';
import { createInterview, joinAndConsent, joinAsCandidate, openWithVault, pressJoin } from './fixtures/interview';

const MINUTE = 60_000;

/** The interviewer's session panel, and the candidate's stage. */
const panel = (page: Page) => page.getByRole('region', { name: 'Interview' });
const stage = (page: Page) => page.getByRole('region', { name: 'Interview' });

async function openSetup(page: Page): Promise<void> {
  await page.getByText('Schedule and options').click();
}

test('the schedule: refused before the room opens, a waiting room, consent at the start, refused after the cut-off', async ({ newParticipant }) => {
  const t0 = Math.ceil(Date.now() / MINUTE) * MINUTE;
  const startsAt = t0 + 60 * MINUTE;
  const interviewer = await newParticipant();
  const candidate = await newParticipant();
  for (const p of [interviewer, candidate]) await p.page.clock.install({ time: t0 });

  await openWithVault(interviewer.page, '/');
  await interviewer.page.getByLabel('Candidate name').fill('Early Bird');
  await interviewer.page.getByLabel('Position').fill('Planner');
  await openSetup(interviewer.page);
  await interviewer.page.getByLabel('At a set time').check();
  await interviewer.page.getByLabel('Start time').fill(utcToLocalTime(startsAt, 'UTC'));
  await interviewer.page.getByLabel('Time zone').selectOption('UTC');
  await interviewer.page.getByLabel('Duration (minutes)').fill('25');
  await interviewer.page.getByLabel('Room opens (minutes before the start)').fill('30');
  await interviewer.page.getByLabel('Late entry allowed for (minutes after the start)').fill('3');
  await interviewer.page.getByRole('button', { name: 'Create interview' }).click();
  const candidateLink = await interviewer.page.getByRole('textbox', { name: 'Candidate link' }).inputValue();
  expect(candidateLink).toContain(`&s=${startsAt}.25.30.3.10`);

  await openWithVault(candidate.page, candidateLink);
  await expect(candidate.page.getByRole('heading', { name: /^The interview room opens at/ })).toBeVisible();
  await expect(candidate.page.getByRole('button', { name: 'Join interview' })).toBeDisabled();

  for (const p of [interviewer, candidate]) await p.page.clock.setSystemTime(startsAt - 20 * MINUTE);
  await pressJoin(candidate.page);
  await expect(stage(candidate.page).getByRole('heading', { name: 'Waiting room' })).toBeVisible();
  await expect(stage(candidate.page).getByRole('timer', { name: 'Time until the interview starts' })).toContainText(/starts in 19:5\d/);

  for (const p of [interviewer, candidate]) await p.page.clock.setSystemTime(startsAt + 10_000);
  await expect(stage(candidate.page).getByRole('heading', { name: 'Before we record' })).toBeVisible();
});

test('after the late cut-off a candidate who never came in is refused', async ({ newParticipant }) => {
  const interviewer = await newParticipant();
  const late = await newParticipant();
  const t0 = Date.now();
  for (const p of [interviewer, late]) await p.page.clock.install({ time: t0 });
  await openWithVault(interviewer.page, '/');
  await interviewer.page.getByLabel('Candidate name').fill('Running Late');
  await interviewer.page.getByLabel('Position').fill('Guide');
  await openSetup(interviewer.page);
  await interviewer.page.getByLabel('Late entry allowed for (minutes after the start)').fill('3');
  await interviewer.page.getByRole('button', { name: 'Create interview' }).click();
  const candidateLink = await interviewer.page.getByRole('textbox', { name: 'Candidate link' }).inputValue();

  for (const p of [interviewer, late]) await p.page.clock.setSystemTime(t0 + 5 * MINUTE);
  await openWithVault(late.page, candidateLink);
  await expect(late.page.getByRole('heading', { name: /^Entry closed at/ })).toBeVisible();
  await pressJoin(late.page);
  await expect(late.page.getByRole('heading', { name: 'The time to enter this interview has passed' })).toBeVisible();
});

test('declining consent ends politely and nothing is recorded on either side', async ({ newParticipant }) => {
  const interviewer = await newParticipant();
  const candidate = await newParticipant();
  const { candidateLink } = await createInterview(interviewer.page, 'No Thanks', 'Tester');
  await joinAsCandidate(candidate.page, candidateLink);
  await expect(stage(candidate.page).getByText('How long it is kept: 90 days, then deleted.')).toBeVisible();
  await expect(candidate.page.getByRole('status', { name: 'Recording' })).toHaveCount(0);
  await stage(candidate.page).getByRole('button', { name: 'I do not agree' }).click();
  await expect(candidate.page.getByText('You did not agree to the recording, so the interview did not take place. Nothing was recorded.')).toBeVisible();
  await expect(panel(interviewer.page).getByText('The interview has ended: consent declined.')).toBeVisible();

  for (const page of [interviewer.page, candidate.page]) {
    await page.getByRole('link', { name: 'Interviews' }).click();
    await page.getByRole('link', { name: 'Review' }).click();
    await expect(page.getByText('Nothing was recorded in this interview.')).toBeVisible();
  }
  await expect(interviewer.page.getByRole('region', { name: 'Exits' })).toContainText('consent-declined');
});

test('environment steps, question timers, chat both ways, a marker, and the end by the interviewer', async ({ newParticipant }) => {
  const interviewer = await newParticipant();
  const candidate = await newParticipant();
  await openWithVault(interviewer.page, '/');
  await interviewer.page.getByLabel('Candidate name').fill('Rafaela Nkemelu');
  await interviewer.page.getByLabel('Position').fill('Site Reliability Engineer');
  await openSetup(interviewer.page);
  await interviewer.page.getByLabel('Blank sheet, front and back').check();
  await interviewer.page.getByLabel('Room scan').check();
  await interviewer.page.getByRole('button', { name: 'Create interview' }).click();
  const candidateLink = await interviewer.page.getByRole('textbox', { name: 'Candidate link' }).inputValue();
  await joinAndConsent(candidate.page, candidateLink);

  await stage(candidate.page).getByRole('button', { name: 'I have shown both sides' }).click();
  await stage(candidate.page).getByRole('button', { name: 'I have finished the room scan' }).click();
  await expect(stage(candidate.page).getByText('The next question will appear shortly.')).toBeVisible();

  // A question with a soft limit: preparation, answer, then the overage shows.
  await panel(interviewer.page).getByLabel('New question').fill('Describe an outage you handled.');
  await panel(interviewer.page).getByLabel('Preparation (seconds)').fill('2');
  await panel(interviewer.page).getByLabel('Answer time (seconds)').fill('3');
  await panel(interviewer.page).getByRole('button', { name: 'Ask this question' }).click();
  const question = candidate.page.getByRole('article', { name: 'Current question' });
  await expect(question.getByRole('heading', { name: 'Describe an outage you handled.' })).toBeVisible();
  await expect(question.getByRole('timer', { name: 'Question timer' })).toContainText('Preparation time left');
  await expect(question.getByRole('timer', { name: 'Question timer' })).toContainText('Answer time left', { timeout: 5000 });
  await expect(question.getByRole('timer', { name: 'Question timer' })).toContainText('Over time by', { timeout: 8000 });
  await question.getByRole('button', { name: 'I have finished answering' }).click();
  await expect(panel(interviewer.page).getByText('The candidate has finished this answer.')).toBeVisible();

  // A second question with a hard limit moves on by itself.
  await panel(interviewer.page).getByLabel('New question').fill('What would you automate first?');
  await panel(interviewer.page).getByLabel('Preparation (seconds)').fill('0');
  await panel(interviewer.page).getByLabel('Answer time (seconds)').fill('10');
  await panel(interviewer.page).getByLabel('Hard limit (move on when time is up)').check();
  await panel(interviewer.page).getByRole('button', { name: 'Ask this question' }).click();
  await panel(interviewer.page).getByRole('button', { name: 'Next question' }).click();
  await expect(question.getByText('Question 2 of 2')).toBeVisible();
  await panel(interviewer.page).getByRole('button', { name: 'Previous question' }).click();
  await expect(question.getByText('Question 1 of 2')).toBeVisible();
  await panel(interviewer.page).getByRole('button', { name: 'Next question' }).click();
  await expect(question.getByText('Question 2 of 2')).toBeVisible();
  await expect(question.getByText('Answer finished.')).toBeVisible({ timeout: 15_000 });

  // Chat, both ways, with an unread count.
  await candidate.page.getByRole('button', { name: 'Chat' }).click();
  await candidate.page.getByRole('textbox', { name: 'Message' }).fill('Is my audio clear?');
  await candidate.page.getByRole('button', { name: 'Send' }).click();
  await expect(interviewer.page.getByLabel('1 unread')).toBeVisible();
  await interviewer.page.getByRole('button', { name: /^Chat/ }).click();
  await expect(interviewer.page.getByRole('region', { name: 'Help chat' })).toContainText('Is my audio clear?');
  await interviewer.page.getByRole('textbox', { name: 'Message' }).fill('Yes, perfectly.');
  await interviewer.page.getByRole('button', { name: 'Send' }).click();
  await expect(candidate.page.getByRole('region', { name: 'Help chat' })).toContainText('Yes, perfectly.');

  await panel(interviewer.page).getByLabel('Marker label').fill('Strong incident answer');
  await panel(interviewer.page).getByRole('button', { name: 'Add marker' }).click();

  await panel(interviewer.page).getByLabel('Reason for ending').selectOption('completed');
  await panel(interviewer.page).getByRole('button', { name: 'End interview' }).click();
  await expect(candidate.page.getByText('The interviewer has completed the interview.')).toBeVisible();
  await expect(candidate.page.getByRole('status', { name: 'Recording' })).toHaveCount(0);

  await interviewer.page.getByRole('link', { name: 'Interviews' }).click();
  await interviewer.page.getByRole('link', { name: 'Review' }).click();
  await expect(interviewer.page.getByRole('region', { name: 'Exits' })).toContainText('the interviewer');
  await expect(interviewer.page.getByRole('region', { name: 'Exits' })).toContainText('completed');
  const timeline = interviewer.page.getByRole('list', { name: 'Timeline' });
  for (const text of ['Consent given', 'Environment check done: Show a blank sheet', 'Environment check done: Room scan', 'Question shown: Describe an outage', 'Answer finished', 'Chat: Is my audio clear?', 'Marker: Strong incident answer']) {
    await expect(timeline).toContainText(text);
  }
  // Click-to-seek: the marker moves the players to its moment.
  const video = interviewer.page.getByRole('article').filter({ hasText: 'Interviewer camera' }).locator('video');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
  await timeline.getByRole('button', { name: /Marker: Strong incident answer/ }).click();
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(2);
});

test('the interview ends itself when the time is up, and the questions are kept as the position’s bank', async ({ newParticipant }) => {
  const interviewer = await newParticipant();
  const candidate = await newParticipant();
  await interviewer.page.clock.install({ time: Date.now() });
  await openWithVault(interviewer.page, '/');
  await interviewer.page.getByLabel('Candidate name').fill('On The Clock');
  await interviewer.page.getByLabel('Position').fill('Timekeeper');
  await openSetup(interviewer.page);
  await interviewer.page.getByLabel('Duration (minutes)').fill('2');
  await interviewer.page.getByRole('button', { name: 'Create interview' }).click();
  const candidateLink = await interviewer.page.getByRole('textbox', { name: 'Candidate link' }).inputValue();
  await joinAndConsent(candidate.page, candidateLink);
  await panel(interviewer.page).getByLabel('New question').fill('How do you keep time?');
  await panel(interviewer.page).getByRole('button', { name: 'Ask this question' }).click();
  await panel(interviewer.page).getByRole('button', { name: 'Save these questions for this position' }).click();
  await expect(panel(interviewer.page).getByText(/^Saved: the next interview/)).toBeVisible();

  await interviewer.page.clock.fastForward('02:05');
  await expect(candidate.page.getByText('The time set for this interview is up.')).toBeVisible();
  await expect(panel(interviewer.page).getByText('The interview has ended: time up.')).toBeVisible();
  await expect(interviewer.page.getByRole('status', { name: 'Recording' })).toHaveCount(0);
  await expect(candidate.page.getByRole('status', { name: 'Recording' })).toHaveCount(0);

  // The next interview for the position starts with the saved question.
  await createInterview(interviewer.page, 'Next Person', 'Timekeeper');
  await expect(panel(interviewer.page).getByRole('listitem').filter({ hasText: 'How do you keep time?' })).toBeVisible();
});

test('the candidate leaves with a reason, sees a confirmation, and the interviewer gets the record', async ({ newParticipant }) => {
  const interviewer = await newParticipant();
  const candidate = await newParticipant();
  const { candidateLink } = await createInterview(interviewer.page, 'Goes Early', 'Analyst');
  await joinAndConsent(candidate.page, candidateLink);
  await stage(candidate.page).getByRole('button', { name: 'Leave interview' }).click();
  const dialog = candidate.page.getByRole('dialog', { name: 'Leave the interview?' });
  await expect(dialog).toContainText('you cannot come back into this interview');
  await dialog.getByLabel('Reason (optional)').selectOption('accepted-other-offer');
  await dialog.getByLabel('Anything to add (optional)').fill('Thank you for your time.');
  await dialog.getByRole('button', { name: 'Leave now' }).click();
  await expect(candidate.page.getByRole('heading', { name: 'You have left the interview' })).toBeVisible();
  await expect(panel(interviewer.page).getByText('The interview has ended: the candidate left.')).toBeVisible();

  await interviewer.page.getByRole('link', { name: 'Interviews' }).click();
  await interviewer.page.getByRole('link', { name: 'Review' }).click();
  const exits = interviewer.page.getByRole('region', { name: 'Exits' });
  await expect(exits).toContainText('the candidate');
  await expect(exits).toContainText('accepted-other-offer');
  await expect(exits).toContainText('Thank you for your time.');
});

test('a lost candidate may resume within the window, and not after it', async ({ newParticipant }) => {
  const interviewer = await newParticipant();
  const first = await newParticipant();
  await interviewer.page.clock.install({ time: Date.now() });
  const { candidateLink } = await createInterview(interviewer.page, 'Flaky Network', 'Courier');
  await joinAndConsent(first.page, candidateLink);
  await expect(panel(interviewer.page)).toContainText('candidate connected');

  // The candidate's browser goes away; the interviewer sees how long they may take to come back.
  await first.context.close();
  await expect(panel(interviewer.page)).toContainText('connection to the candidate lost; they may come back until');

  // Back within the window, on another device: let in, and recording resumes.
  const second = await newParticipant();
  await joinAsCandidate(second.page, candidateLink);
  await expect(panel(interviewer.page)).toContainText('candidate connected');
  await expect(second.page.getByRole('status', { name: 'Recording' })).toBeVisible();

  // Lost again, and the window passes on the interviewer's clock.
  await second.context.close();
  await expect(panel(interviewer.page)).toContainText('connection to the candidate lost');
  await interviewer.page.clock.fastForward('11:00');
  await expect(panel(interviewer.page).getByText('The interview has ended: the candidate did not come back in time.')).toBeVisible();
  const third = await newParticipant();
  await joinAsCandidate(third.page, candidateLink);
  await expect(third.page.getByRole('heading', { name: 'This interview is over' })).toBeVisible();

  await interviewer.page.getByRole('link', { name: 'Interviews' }).click();
  await interviewer.page.getByRole('link', { name: 'Review' }).click();
  const exits = interviewer.page.getByRole('region', { name: 'Exits' });
  await expect(exits.getByRole('row').filter({ hasText: 'connection lost' })).toHaveCount(2);
  await expect(exits).toContainText('closed-tab');
});

test('the call works at phone width and the videos swap', async ({ newParticipant }) => {
  const interviewer = await newParticipant();
  const candidate = await newParticipant({ viewport: { width: 390, height: 844 } });
  const { candidateLink } = await createInterview(interviewer.page, 'Small Screen', 'Designer');
  await joinAndConsent(candidate.page, candidateLink);
  await expect(candidate.page.getByTestId('remote-interviewer')).toBeVisible();
  expect(await candidate.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await expect(candidate.page.getByTestId('remote-interviewer')).toHaveClass(/tile--large/);
  await candidate.page.getByRole('button', { name: 'Swap videos' }).click();
  await expect(candidate.page.getByTestId('self')).toHaveClass(/tile--large/);
  await expect(candidate.page.getByTestId('remote-interviewer')).not.toHaveClass(/tile--large/);
});

test('the device check tests camera, microphone, speakers, server, direct connection and storage', async ({ newParticipant }) => {
  const { page } = await newParticipant();
  await page.goto('/check');
  const summary = page.getByRole('list', { name: 'Summary' });
  const row = (check: string) => summary.locator(`[data-check="${check}"]`);
  await expect(row('browser')).toContainText('Pass');
  await expect(row('camera')).toContainText('Pass');
  await expect(row('microphone')).toContainText('Pass', { timeout: 10_000 });
  await expect(row('signaling')).toContainText('Pass');
  // No STUN server in this deployment: works locally, with a warning.
  await expect(row('webrtc')).toContainText('Warning');
  await expect(row('storage')).toContainText(/Pass|Warning/);
  await page.getByRole('button', { name: 'Play test tone' }).click();
  await page.getByRole('button', { name: 'I heard it' }).click();
  await expect(row('speakers')).toContainText('Pass');
  await page.getByRole('button', { name: 'Refresh devices' }).click();
  await expect(page.getByRole('combobox', { name: /^Camera/ })).not.toHaveValue('');
});

test('a candidate link is invited to the device check before joining', async ({ newParticipant }) => {
  const interviewer = await newParticipant();
  const candidate = await newParticipant();
  const { candidateLink } = await createInterview(interviewer.page, 'Checks First', 'Pilot');
  await openWithVault(candidate.page, candidateLink);
  await candidate.page.getByRole('link', { name: 'Check your camera, microphone and connection' }).click();
  await expect(candidate.page.getByRole('heading', { name: 'Check your devices' })).toBeVisible();
});
