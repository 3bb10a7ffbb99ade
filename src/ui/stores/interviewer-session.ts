/**
 * The interview as the interviewer who created it runs it: the phase machine
 * on this page's clock (the clock of record), the schedule enforced at the
 * door, the candidate's consent checked and kept, questions and timers, chat,
 * markers, heartbeats, the three ways to leave, and the timeline, sealed in
 * the vault as it happens.
 */
import { onCleanup } from 'solid-js';
import { createStore } from 'solid-js/store';
import {
  candidateView,
  endsAt,
  entryVerdict,
  exitEvent,
  exitRecord,
  gapEvent,
  mayRecord,
  newSession,
  questionClock,
  randomId,
  reduce,
  resumeDeadline,
  type EndReason,
  type ExitKind,
  type ExitRecord,
  type InterviewId,
  type InterviewSetup,
  type LossCause,
  type Question,
  type SessionEvent,
  type SessionState,
  type TimelineDetail,
  type TimelineEvent,
  type TimelineKind,
} from '../../core';
import { fromBase64Url, utf8, verifySignature } from '../../crypto';
import { Heartbeat, type LinkCloseCause, type PeerLink, type Quality, type RefusalReason, type SessionMessage } from '../../net';
import { TimelineLog } from '../../vault';
import type { CallHooks, CallStore } from './call-store';
import { saveQuestionBank } from './setup-form';
import type { ChatEntry } from './chat';
import type { VaultStore } from './vault-store';

export interface InterviewerSessionState {
  session: SessionState;
  chat: ChatEntry[];
  unread: number;
  timeline: TimelineEvent[];
  exits: ExitRecord[];
  /** The candidate's clock minus ours, from heartbeats. */
  candidateClockOffsetMs: number | null;
  /** Until when a dropped candidate may come back. */
  resumeUntil: number | null;
  now: number;
}

const TICK_MS = 500;
const VIEW_EVERY_MS = 5000;

const lossCause = (cause: LinkCloseCause | 'bye' | 'silence'): LossCause =>
  cause === 'bye' ? 'closed-tab' : cause === 'ice-failure' ? 'ice-failure' : cause === 'closed' ? 'crash' : 'network';

export function createInterviewerSession(vault: VaultStore, interviewId: InterviewId, setup: InterviewSetup) {
  const [state, setState] = createStore<InterviewerSessionState>({
    session: newSession(setup.questions, setup.environment),
    chat: [],
    unread: 0,
    timeline: [],
    exits: [],
    candidateClockOffsetMs: null,
    resumeUntil: null,
    now: Date.now(),
  });
  let call: CallStore | null = null;
  let timeline: TimelineLog | null = null;
  let candidate: { link: PeerLink; heartbeat: Heartbeat } | null = null;
  let lastQuality: Quality | null = null;
  let chatOpen = false;
  const pending: TimelineEvent[] = [];

  void vault.interviews.dataKey(interviewId).then(async (key) => {
    timeline = new TimelineLog(vault.db, key, interviewId);
    const stored = await timeline.list();
    setState('timeline', [...stored, ...pending]);
    for (const event of pending.splice(0)) void timeline.append(event);
  });

  function note(kind: TimelineKind, detail: TimelineDetail = {}, at = Date.now()): void {
    append({ at, kind, detail });
  }

  function append(event: TimelineEvent): void {
    setState('timeline', (list) => [...list, event]);
    if (timeline) void timeline.append(event);
    else pending.push(event);
  }

  function sendView(): void {
    call?.broadcast('candidate', { type: 'session', view: candidateView(state.session, setup), now: Date.now() });
  }

  function dispatch(event: SessionEvent): void {
    // Plain values, not the store: after setState the store already shows the new state.
    const { current: currentBefore, stage: stageBefore } = state.session;
    const after = reduce(state.session, event);
    if (after === state.session) return;
    setState('session', after);
    if (after.current !== currentBefore && after.current >= 0) note('question-shown', { index: after.current + 1, question: after.questions[after.current]?.text ?? '' }, event.at);
    if (after.stage === 'ended' && stageBefore !== 'ended') void call?.stopRecording();
    sendView();
  }

  function recordExit(kind: ExitKind, reason: string, extra: { note?: string; cause?: LossCause } = {}): void {
    const record = exitRecord(state.session, {
      kind,
      at: Date.now(),
      reason,
      ...extra,
      ...(kind === 'connection-lost' && lastQuality ? { network: { rttMs: lastQuality.rttMs, lossPercent: lastQuality.lossPercent, bitrateKbps: lastQuality.bitrateKbps } } : {}),
    });
    setState('exits', (list) => [...list, record]);
    append(exitEvent(record));
  }

  function candidateLost(cause: LinkCloseCause | 'bye' | 'silence'): void {
    if (state.session.stage === 'ended' || !state.session.candidatePresent) return;
    lastQuality ??= call?.state.participants.find((p) => p.role === 'candidate')?.quality ?? null;
    const at = Date.now();
    recordExit('connection-lost', cause === 'silence' ? 'heartbeat-timeout' : cause, { cause: lossCause(cause) });
    setState('resumeUntil', resumeDeadline(setup.schedule, at));
    dispatch({ type: 'connection-lost', at, cause: lossCause(cause) });
  }

  function candidateHere(): void {
    // After the end the candidate's device comes back only to deliver the rest of its recording.
    if (state.session.stage === 'ended') return sendView();
    const resumed = state.session.lostAt !== null;
    note('candidate-joined', resumed ? { resumed: true } : {});
    setState('resumeUntil', null);
    dispatch({ type: 'candidate-joined', at: Date.now() });
    sendView();
  }

  /** The statement is signed by the key it names, and that is the candidate's pinned device key. */
  async function consentHolds(message: Extract<SessionMessage, { type: 'consent' }>): Promise<boolean> {
    const publicKey = fromBase64Url(message.publicKey);
    const signature = fromBase64Url(message.signature);
    if (publicKey === null || signature === null || !verifySignature(utf8.encode(message.statement), signature, publicKey)) return false;
    const pinned = (await vault.interviews.get(interviewId))?.candidateKey ?? null;
    return pinned === null || pinned === message.publicKey;
  }

  async function onConsent(message: Extract<SessionMessage, { type: 'consent' }>, at: number): Promise<void> {
    if (!message.accepted) {
      note('consent-declined', {}, at);
      recordExit('consent-declined', 'consent-declined');
      return dispatch({ type: 'consent-declined', at });
    }
    // An acceptance that does not verify is not consent: nothing is recorded on its strength.
    if (!(await consentHolds(message))) return;
    note('consent-given', { pledge: message.pledge, statement: message.statement, signature: message.signature, publicKey: message.publicKey }, at);
    dispatch({ type: 'consent-given', at, pledge: message.pledge });
    call?.startRecording();
    note('recording-started', {}, at);
  }

  function onMessage(link: PeerLink, message: SessionMessage): void {
    if (link.remote.role !== 'candidate') return;
    candidate?.heartbeat.heard();
    if (!state.session.candidatePresent && state.session.stage !== 'ended') dispatch({ type: 'candidate-joined', at: Date.now() });
    const at = Date.now();
    switch (message.type) {
      case 'heartbeat':
        return link.send({ type: 'heartbeat-ack', sentAt: message.sentAt, now: Date.now() });
      case 'heartbeat-ack':
        candidate?.heartbeat.acknowledged(message.sentAt, message.now);
        setState('candidateClockOffsetMs', candidate?.heartbeat.offset?.offsetMs ?? null);
        return;
      case 'consent':
        return void onConsent(message, at);
      case 'environment-done':
        note('environment-confirmed', { step: message.step }, at);
        return dispatch({ type: 'environment-confirmed', at, step: message.step });
      case 'answer':
        note(message.action === 'start' ? 'answer-started' : 'answer-finished', { index: state.session.current + 1 }, at);
        return dispatch({ type: message.action === 'start' ? 'answer-started' : 'answer-finished', at });
      case 'leave':
        recordExit('candidate-left', message.reason ?? 'no-reason-given', { note: message.note });
        return dispatch({ type: 'candidate-left', at, reason: message.reason, note: message.note });
      case 'chat':
        return receiveChat(message, 'candidate');
      case 'session':
        return;
    }
  }

  function receiveChat(message: { id: string; text: string; at: number }, from: 'candidate' | 'interviewer'): void {
    if (state.chat.some((entry) => entry.id === message.id)) return;
    setState('chat', (list) => [...list, { id: message.id, text: message.text, at: Date.now(), from }]);
    if (from === 'candidate' && !chatOpen) setState('unread', (n) => n + 1);
    note('chat', { from, text: message.text });
  }

  /** Time passes: the start opens the session, the schedule ends it, a hard limit moves on, a lost candidate runs out of time. */
  function tick(): void {
    const now = Date.now();
    setState('now', now);
    const { session } = state;
    if (session.stage === 'ended') return;
    if (session.startedAt === null && now >= setup.schedule.startsAt) dispatch({ type: 'interview-started', at: now });
    if (now >= endsAt(setup.schedule)) {
      recordExit('schedule-ended', 'time-up');
      return dispatch({ type: 'ended', at: now, by: 'schedule', reason: 'time-up', note: '' });
    }
    if (session.lostAt !== null && state.resumeUntil !== null && now > state.resumeUntil) {
      return dispatch({ type: 'ended', at: now, by: 'schedule', reason: 'resume-expired', note: '' });
    }
    const question = session.questions[session.current];
    const clock = questionClock(session, now);
    if (question?.hardLimit && clock?.phase === 'answer' && clock.remainingMs <= 0) {
      note('answer-finished', { index: session.current + 1, hardLimit: true }, now);
      dispatch({ type: 'answer-finished', at: now });
      dispatch({ type: 'question-next', at: now });
    }
  }

  const ticker = setInterval(tick, TICK_MS);
  const viewer = setInterval(sendView, VIEW_EVERY_MS);
  onCleanup(() => {
    clearInterval(ticker);
    clearInterval(viewer);
    candidate?.heartbeat.stop();
  });

  const hooks: CallHooks = {
    recordingAllowed: () => mayRecord(state.session),
    admitCandidate(_device, pinned): RefusalReason | null {
      const now = Date.now();
      const { session } = state;
      if (session.stage === 'ended') return pinned ? null : 'over';
      // A candidate who dropped out may come back within the resume window, whatever the entry time.
      if (session.lostAt !== null) return state.resumeUntil !== null && now <= state.resumeUntil ? null : 'resume-expired';
      const verdict = entryVerdict(setup.schedule, now);
      if (verdict.kind === 'too-early') return 'not-open';
      if (verdict.kind === 'too-late') return session.consentAt === null ? 'too-late' : null;
      if (verdict.kind === 'over') return 'over';
      return null;
    },
    onConnected(link) {
      if (link.remote.role !== 'candidate') return sendView();
      candidate?.heartbeat.stop();
      const heartbeat = new Heartbeat((message) => link.send(message));
      heartbeat.on('silent', () => candidateLost('silence'));
      // The same connection came back (an ICE restart, or the network by itself): the candidate is here again.
      heartbeat.on('back', candidateHere);
      candidate = { link, heartbeat };
      candidateHere();
    },
    onSessionMessage: onMessage,
    onRestored(link, gap, by) {
      if (link.remote.role === 'candidate') append(gapEvent(gap, Date.now(), by));
    },
    onClosed(link, cause, quality) {
      if (link.remote.role !== 'candidate' || candidate?.link !== link) return;
      lastQuality = quality;
      candidate.heartbeat.stop();
      candidate = null;
      candidateLost(cause);
    },
  };

  return {
    state,
    hooks,
    attach(store: CallStore) {
      call = store;
    },
    next: () => dispatch({ type: 'question-next', at: Date.now() }),
    previous: () => dispatch({ type: 'question-previous', at: Date.now() }),
    addQuestion(question: Omit<Question, 'id'>) {
      const full: Question = { ...question, id: randomId() };
      note('question-added', { question: full.text });
      dispatch({ type: 'question-added', at: Date.now(), question: full });
    },
    /** Keeps this interview's questions as the bank the next interview for the position starts with. */
    async saveQuestionBank(): Promise<boolean> {
      const position = (await vault.interviews.get(interviewId))?.details?.position;
      if (!position) return false;
      await saveQuestionBank(vault, position, state.session.questions);
      return true;
    },
    addMarker(label: string) {
      note('marker', { label });
    },
    end(reason: EndReason, noteText: string) {
      recordExit('interviewer-ended', reason, { note: noteText });
      dispatch({ type: 'ended', at: Date.now(), by: 'interviewer', reason, note: noteText });
    },
    sendChat(text: string) {
      const message = { type: 'chat' as const, id: randomId(), text, at: Date.now() };
      call?.broadcast('candidate', message);
      receiveChat(message, 'interviewer');
    },
    openChat(open: boolean) {
      chatOpen = open;
      if (open) setState('unread', 0);
    },
  };
}

export type InterviewerSession = ReturnType<typeof createInterviewerSession>;
