/**
 * One interview's scorecard for the interviewer pages: the shared Y.Doc kept
 * in the vault, the live room with the other interviewers, presence, and the
 * actions the panel offers. Only interviewers ever create this store: the
 * candidate's page never loads the scorecard at all.
 */
import { createSignal, onCleanup } from 'solid-js';
import type { InterviewId } from '../../core';
import { deriveScorecardRoom, keyFingerprint, type InviteSecret, type SigningKeyPair } from '../../crypto';
import { defaultSignalingUrl } from '../../net';
import {
  bindTextarea,
  buildSubmission,
  Doc,
  MAX_FIELD_LENGTH,
  persist,
  Scorecard,
  ScorecardRoom,
  type Competency,
  type Peer,
  type Persistence,
  type Recommendation,
  type ScorecardView,
} from '../../notes';
import { deviceIdentity, NotesLog, readProfile, Templates } from '../../vault';
import { fetchIceServers } from './ice-servers';
import { inviteTokens } from './invites';
import type { VaultStore } from './vault-store';

export interface ScorecardOptions {
  interviewId: InterviewId;
  interviewerSecret: InviteSecret;
  /** Needed to create the interview's record when the scorecard opens before the call does. */
  candidateSecret: InviteSecret;
}

export interface RemoteCursor {
  name: string;
  color: string;
  index: number;
}

const COLORS = ['#b3261e', '#006c4c', '#6b4fa0', '#8a5300', '#00639b', '#984061'];
const emptyView: ScorecardView = { competencies: [], questions: [], takeaways: '', parts: [], submissions: [], blind: true };

export function createScorecardStore(vault: VaultStore, options: ScorecardOptions) {
  const [view, setView] = createSignal<ScorecardView>(emptyView);
  const [peers, setPeers] = createSignal<Peer[]>([]);
  const [me, setMe] = createSignal<{ fingerprint: string; name: string } | null>(null);
  const [template, setTemplate] = createSignal<Array<Omit<Competency, 'id'>> | null>(null);
  const [problem, setProblem] = createSignal<'storage' | null>(null);
  /** The interview's position, for rubric templates; a co-interviewer may learn it only during the call. */
  const [position, setPosition] = createSignal<string | null>(null);
  const doc = new Doc();
  const card = new Scorecard(doc);
  const templates = new Templates(vault.db, vault.keyring);
  let identity: SigningKeyPair | null = null;
  let room: ScorecardRoom | null = null;
  let persistence: Persistence | null = null;
  let disposed = false;

  async function open(): Promise<void> {
    identity = await deviceIdentity(vault.db, vault.keyring);
    const fingerprint = keyFingerprint(identity.publicKey);
    const name = (await readProfile(vault.db, vault.keyring))?.name || `Interviewer ${fingerprint.slice(0, 4)}`;
    setMe({ fingerprint, name });
    // The call opens the same record; whichever comes first creates it.
    await vault.interviews.ensure({
      id: options.interviewId,
      role: 'interviewer',
      createdAt: Date.now(),
      details: null,
      ...inviteTokens(options.candidateSecret, options.interviewerSecret),
      candidateKey: null,
    });
    const log = new NotesLog(vault.db, await vault.interviews.dataKey(options.interviewId), options.interviewId);
    persistence = await persist(doc, log, () => setProblem('storage'));
    if (disposed) return void persistence.close();
    doc.on('update', () => setView(card.view()));
    setView(card.view());
    await refreshPosition();
    const { room: roomName, password } = deriveScorecardRoom(options.interviewerSecret);
    room = new ScorecardRoom(doc, {
      room: roomName,
      password,
      signalingUrl: defaultSignalingUrl(location),
      iceServers: (await fetchIceServers()) ?? [],
      user: { name, fingerprint, color: COLORS[fingerprint.charCodeAt(0) % COLORS.length] ?? '#b3261e' },
    });
    room.onPeers(setPeers);
  }

  async function refreshPosition(): Promise<void> {
    const current = (await vault.interviews.get(options.interviewId))?.details?.position ?? null;
    if (current === position()) return;
    setPosition(current);
    const saved = current ? await templates.forPosition(current) : null;
    if (Array.isArray(saved?.rubric)) setTemplate(saved.rubric as Array<Omit<Competency, 'id'>>);
  }

  void open();
  onCleanup(() => {
    disposed = true;
    room?.destroy();
    void persistence?.close().then(() => doc.destroy());
  });

  const mine = () => me() ?? { fingerprint: '', name: '' };

  return {
    view,
    peers,
    position,
    refreshPosition,
    me,
    template,
    problem,
    addCompetency: () => card.addCompetency(),
    updateCompetency: (id: string, change: Partial<Omit<Competency, 'id'>>) => card.updateCompetency(id, change),
    removeCompetency: (id: string) => card.removeCompetency(id),
    setScore: (competencyId: string, score: number | null) => card.setScore(mine().fingerprint, mine().name, competencyId, score),
    setRecommendation: (recommendation: Recommendation | null) => card.setRecommendation(mine().fingerprint, mine().name, recommendation),
    setComment: (comment: string) => card.setComment(mine().fingerprint, mine().name, comment),
    addQuestion: (title: string) => card.addQuestion(title),
    ensureQuestion: (id: string, title: string) => card.ensureQuestion(id, title),
    setBlind: (blind: boolean) => card.setBlind(blind),
    useTemplate: () => {
      const rubric = template();
      if (rubric) card.useRubric(rubric);
    },
    saveTemplate: async () => {
      const current = position();
      if (!current) return;
      const rubric = view().competencies.map(({ name, description, anchors }) => ({ name, description, anchors }));
      await templates.save(current, { rubric });
      setTemplate(rubric);
    },
    submit: () => {
      if (identity === null) return false;
      return card.addSubmission(buildSubmission(view(), { interviewId: options.interviewId, identity, name: mine().name, submittedAt: new Date() }));
    },
    /** Binds a shared text field to a textarea; returns the unbinding function. */
    bindText(field: string, textarea: HTMLTextAreaElement): () => void {
      const text = card.text(field);
      if (text === null) return () => undefined;
      const unbind = bindTextarea(textarea, text, MAX_FIELD_LENGTH, (anchor, head) => room?.setFocus(field, text, anchor, head));
      const onBlur = () => room?.setFocus(null, null);
      textarea.addEventListener('blur', onBlur);
      return () => {
        unbind();
        textarea.removeEventListener('blur', onBlur);
      };
    },
    /** Where the other interviewers' cursors are in a shared field. */
    cursors(field: string): RemoteCursor[] {
      // Read both signals first: positions move when the text changes, and the list when people do.
      view();
      const present = peers();
      const text = card.text(field);
      if (text === null || room === null) return [];
      return present.flatMap((peer) => {
        if (peer.self || peer.focus?.field !== field) return [];
        const index = room?.cursorIndex(peer.focus, text) ?? null;
        return index === null ? [] : [{ name: peer.user.name, color: peer.user.color, index }];
      });
    },
  };
}

export type ScorecardStore = ReturnType<typeof createScorecardStore>;
