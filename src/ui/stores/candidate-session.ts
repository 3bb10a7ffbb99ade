/**
 * The interview as the candidate's page lives it: the view the interviewer
 * sends (on the interviewer's clock, corrected by the measured offset), the
 * signed consent that lets recording start, the environment steps, answers,
 * chat, and leaving; plus what to show when the link is lost.
 */
import { onCleanup } from 'solid-js';
import { createStore } from 'solid-js/store';
import { randomId, type CandidateView, type EnvironmentStep, type InterviewId, type LeaveReason, type TimelineDetail, type TimelineEvent, type TimelineKind } from '../../core';
import { sign, toBase64Url, utf8 } from '../../crypto';
import { Heartbeat, type PeerLink, type SessionMessage } from '../../net';
import { deviceIdentity, TimelineLog } from '../../vault';
import type { CallHooks, CallStore } from './call-store';
import type { ChatEntry } from './chat';
import type { VaultStore } from './vault-store';

export interface CandidateSessionState {
  view: CandidateView | null;
  /** The interviewer's clock minus ours. */
  offsetMs: number;
  chat: ChatEntry[];
  unread: number;
  consented: boolean;
  left: { reason: LeaveReason | null } | null;
  /** When the link to the interviewer dropped (our clock); null while connected. */
  lostAt: number | null;
  now: number;
}

/** What the candidate agrees to, word for word as signed. */
export function consentStatement(interviewId: string, retentionDays: number, pledge: boolean, at: Date): string {
  return JSON.stringify(
    {
      version: 1,
      kind: 'candid-consent',
      interviewId,
      recorded: ['camera video', 'microphone audio', 'screenshots', 'chat messages', 'timeline of the interview'],
      viewers: 'the interviewers of this interview and, for evidence, the people they hand the signed archive to',
      retentionDays,
      integrityPledge: pledge,
      acceptedAt: at.toISOString(),
    },
    null,
    2,
  );
}

export function createCandidateSession(vault: VaultStore, interviewId: InterviewId) {
  const [state, setState] = createStore<CandidateSessionState>({ view: null, offsetMs: 0, chat: [], unread: 0, consented: false, left: null, lostAt: null, now: Date.now() });
  let call: CallStore | null = null;
  let interviewer: { link: PeerLink; heartbeat: Heartbeat } | null = null;
  let chatOpen = false;
  let timeline: Promise<TimelineLog> | null = null;

  /** Our own copy of the timeline; the interview's record exists once the call has opened it (until then, asked again next time). */
  function openTimeline(): Promise<TimelineLog> {
    timeline ??= vault.interviews.dataKey(interviewId).then(
      (key) => new TimelineLog(vault.db, key, interviewId),
      (error: unknown) => {
        timeline = null;
        throw error;
      },
    );
    return timeline;
  }

  async function note(kind: TimelineKind, detail: TimelineDetail = {}): Promise<void> {
    const at = Date.now();
    try {
      await (await openTimeline()).append({ at, kind, detail });
    } catch {
      // Our copy is a courtesy; the interviewer's timeline is the record, and storage problems show elsewhere.
    }
  }

  /**
   * Back after a reload, online or not: a consent given earlier in this
   * interview still stands unless it ended or we left since, so recording goes
   * on at once instead of waiting for the interviewer to be reachable.
   * Resolves to whether the interview is over for this device.
   */
  async function restoreFromTimeline(): Promise<boolean> {
    let events: TimelineEvent[];
    try {
      events = await (await openTimeline()).list();
    } catch {
      return false; // A first visit: nothing recorded, nothing consented.
    }
    const last = events.findLast((event) => ['consent-given', 'consent-declined', 'recording-stopped', 'exit'].includes(event.kind));
    if (last?.kind === 'consent-given' && !state.consented) {
      setState('consented', true);
      call?.startRecording();
    }
    return last?.kind === 'recording-stopped' || last?.kind === 'exit';
  }
  const overHere = restoreFromTimeline();
  const send = (message: SessionMessage) => interviewer?.link.send(message);

  function onMessage(link: PeerLink, message: SessionMessage): void {
    if (link.remote.role !== 'interviewer') return;
    interviewer?.heartbeat.heard();
    switch (message.type) {
      case 'session': {
        const ended = message.view.ended !== null && state.view?.ended === null;
        setState({ view: message.view, lostAt: null });
        // Back after a reload or on another device: the consent already signed still stands.
        if (message.view.consent.given && !state.consented && message.view.stage !== 'ended') {
          setState('consented', true);
          call?.startRecording();
        }
        if (interviewer?.heartbeat.offset === null) setState('offsetMs', message.now - Date.now());
        if (ended || (message.view.stage === 'ended' && state.consented)) {
          void call?.stopRecording();
          if (ended) void note('recording-stopped', { why: message.view.ended?.reason ?? 'ended' });
        }
        return;
      }
      case 'heartbeat':
        return link.send({ type: 'heartbeat-ack', sentAt: message.sentAt, now: Date.now() });
      case 'heartbeat-ack': {
        interviewer?.heartbeat.acknowledged(message.sentAt, message.now);
        const offset = interviewer?.heartbeat.offset;
        if (offset) setState('offsetMs', offset.offsetMs);
        return;
      }
      case 'chat':
        if (state.chat.some((entry) => entry.id === message.id)) return;
        setState('chat', (list) => [...list, { id: message.id, text: message.text, at: Date.now(), from: 'interviewer' }]);
        if (!chatOpen) setState('unread', (n) => n + 1);
        void note('chat', { from: 'interviewer', text: message.text });
        return;
      default:
        return;
    }
  }

  const ticker = setInterval(() => setState('now', Date.now()), 500);
  onCleanup(() => {
    clearInterval(ticker);
    interviewer?.heartbeat.stop();
  });

  const hooks: CallHooks = {
    recordingAllowed: () => state.consented && state.view?.stage !== 'ended',
    onConnected(link) {
      if (link.remote.role !== 'interviewer' || (interviewer && !interviewer.link.destroyed)) return;
      const heartbeat = new Heartbeat((message) => link.send(message));
      heartbeat.on('silent', () => setState('lostAt', (at) => at ?? Date.now()));
      interviewer = { link, heartbeat };
      setState('lostAt', null);
      // After a reload the consent given earlier still stands.
      if (state.consented) call?.startRecording();
    },
    onSessionMessage: onMessage,
    onClosed(link) {
      if (interviewer?.link !== link) return;
      interviewer.heartbeat.stop();
      interviewer = null;
      if (state.view?.stage !== 'ended' && state.left === null) setState('lostAt', Date.now());
    },
  };

  return {
    state,
    hooks,
    attach(store: CallStore) {
      call = store;
    },
    /** Whether our own timeline says the interview ended for us (it ended, or we left). */
    over: () => overHere,
    /** The interviewer's clock now. */
    interviewerNow: () => state.now + state.offsetMs,
    async consent(accepted: boolean, pledge: boolean): Promise<void> {
      const identity = await deviceIdentity(vault.db, vault.keyring);
      const statement = accepted ? consentStatement(interviewId, state.view?.consent.retentionDays ?? 0, pledge, new Date()) : '';
      const signature = accepted ? toBase64Url(sign(utf8.encode(statement), identity.secretKey)) : '';
      send({ type: 'consent', accepted, pledge, statement, signature, publicKey: toBase64Url(identity.publicKey) });
      void note(accepted ? 'consent-given' : 'consent-declined', accepted ? { statement, signature } : {});
      setState('consented', accepted);
      if (accepted) {
        call?.startRecording();
        void note('recording-started');
      }
    },
    environmentDone(step: EnvironmentStep) {
      send({ type: 'environment-done', step });
      void note('environment-confirmed', { step });
    },
    answer(action: 'start' | 'finish') {
      send({ type: 'answer', action });
      void note(action === 'start' ? 'answer-started' : 'answer-finished');
    },
    async leave(reason: LeaveReason | null, text: string): Promise<void> {
      send({ type: 'leave', reason, note: text });
      void note('exit', { who: 'candidate', reason: reason ?? 'none' });
      setState('left', { reason });
      await call?.stopRecording();
      // Give the message a moment on the wire before the link goes.
      setTimeout(() => void call?.leave(), 300);
    },
    sendChat(text: string) {
      const message = { type: 'chat' as const, id: randomId(), text, at: Date.now() };
      send(message);
      setState('chat', (list) => [...list, { id: message.id, text, at: Date.now(), from: 'candidate' }]);
      void note('chat', { from: 'candidate', text });
    },
    openChat(open: boolean) {
      chatOpen = open;
      if (open) setState('unread', 0);
    },
  };
}

export type CandidateSession = ReturnType<typeof createCandidateSession>;
