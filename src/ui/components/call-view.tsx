import { createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import type { Role } from '../../core';
import { useI18n } from '../i18n';
import type { CallState } from '../stores/call-store';
import { CallControls } from './call-controls';
import { QualityBadge } from './quality-badge';
import { VideoTile } from './video-tile';

export interface CallViewProps {
  state: CallState;
  /** Whom this side watches most: interviewers the candidate, the candidate an interviewer. */
  focusRole: Role;
  onToggleMute: () => void;
  onToggleCamera: () => void;
}

export function CallView(props: CallViewProps) {
  const { t } = useI18n();
  /** Swapped: our own picture large, the others small. */
  const [swapped, setSwapped] = createSignal(false);
  const ordered = createMemo(() => {
    const focus = props.focusRole;
    return [...props.state.participants].sort((a, b) => Number(b.role === focus) - Number(a.role === focus));
  });

  return (
    <section class="call">
      <div class="call__grid" classList={{ 'call__grid--swapped': swapped() }}>
        <Show when={swapped()}>
          <VideoTile stream={props.state.localStream} label={t('call.you')} self large testId="self" />
        </Show>
        <For each={ordered()}>
          {(participant, index) => (
            <div class="call__remote" data-role={participant.role}>
              <VideoTile
                stream={participant.stream}
                label={t(participant.role === 'candidate' ? 'call.candidate' : 'call.interviewer')}
                micOff={!participant.audio}
                cameraOff={!participant.video}
                large={index() === 0 && !swapped()}
                testId={`remote-${participant.role}`}
              />
              <QualityBadge {...participant.quality} />
              <Show when={participant.downSince}>{(since) => <Reconnecting since={since()} />}</Show>
            </div>
          )}
        </For>
        <Show when={!swapped()}>
          <VideoTile stream={props.state.localStream} label={t('call.you')} self testId="self" />
        </Show>
      </div>
      <Show when={props.state.signaling === 'connecting'}>
        <p class="call__status" role="status">
          {t('signaling.reconnecting')}
        </p>
      </Show>
      <CallControls
        muted={props.state.muted}
        cameraOff={props.state.cameraOff}
        onToggleMute={() => props.onToggleMute()}
        onToggleCamera={() => props.onToggleCamera()}
        swapped={swapped()}
        onSwap={() => setSwapped(!swapped())}
      />
    </section>
  );
}

/** Announced once as a status; the seconds count in a timer, which screen readers do not repeat every second. */
function Reconnecting(props: { since: number }) {
  const { t } = useI18n();
  const [now, setNow] = createSignal(Date.now());
  const clock = setInterval(() => setNow(Date.now()), 1000);
  onCleanup(() => clearInterval(clock));
  return (
    <p class="call__status" role="status">
      {t('call.reconnecting')} <span role="timer">{t('call.reconnectingFor', { seconds: Math.max(0, Math.round((now() - props.since) / 1000)) })}</span>
    </p>
  );
}
