import { createEffect, on, Show } from 'solid-js';
import type { InterviewId } from '../../core';
import type { InviteSecret } from '../../crypto';
import { DeliveryStatus } from '../components/delivery-status';
import { useI18n } from '../i18n';
import { createCallStore, type CallStore } from '../stores/call-store';
import type { VaultStore } from '../stores/vault-store';

/**
 * Interviewers, after the interview: a call without camera or microphone that
 * only the candidate's device may enter (the key pinned during the interview),
 * to deliver what this device still lacks of its recording, days later if
 * need be. Nothing is recorded.
 */
export function createRestReceiver(vault: VaultStore, interviewId: InterviewId, secrets: { interviewerSecret: InviteSecret; candidateSecret: InviteSecret }): CallStore {
  return createCallStore({
    vault,
    role: 'interviewer',
    interviewId,
    ...secrets,
    hooks: { recordingAllowed: () => false, admitCandidate: (_device, pinned) => (pinned ? null : 'over') },
  });
}

export function ReceiveRestSection(props: { call: CallStore; onReceived: () => void }) {
  const { t } = useI18n();
  const state = () => props.call.state;
  const candidateHere = () => state().participants.some((p) => p.role === 'candidate' && p.connected);
  // The page's list of recordings shows the delivered track once it is whole.
  createEffect(on(() => state().delivery?.complete === true, (complete) => complete && props.onReceived(), { defer: true }));

  return (
    <section aria-labelledby="receive-rest-heading">
      <h2 id="receive-rest-heading">{t('deliverRest.heading')}</h2>
      <p class="hint">{t('deliverRest.hint')}</p>
      <Show
        when={state().phase === 'joined'}
        fallback={
          <button type="button" onClick={() => void props.call.join({ media: false })}>
            {t('deliverRest.start')}
          </button>
        }
      >
        <Show when={!candidateHere() && !state().delivery?.complete}>
          <p class="waiting" role="status">
            {t('deliverRest.listening')}
          </p>
        </Show>
        <DeliveryStatus progress={state().delivery} role="interviewer" />
      </Show>
    </section>
  );
}
