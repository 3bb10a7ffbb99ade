import { createResource, Match, Show, Switch } from 'solid-js';
import { useI18n } from '../i18n';
import { PlaybackProblem } from '../stores/review-store';
import { formatDateTime, formatDuration } from './format';

export interface TrackPlayerProps {
  title: string;
  startedAt: number;
  /** Known length from the stored slices (stop time, or the last slice of an interrupted track). */
  lengthMs: number;
  status: 'complete' | 'interrupted' | 'storage-full' | 'failed';
  /** The hash chain's last link: the same on both sides for a delivered recording. */
  chain: string | null;
  load: () => Promise<string>;
  /** Hands the player to the page, so the timeline can seek it. */
  onPlayer?: (video: HTMLVideoElement) => void;
}

/** One recording: what it is, how it ended, and a player with working seeking once loaded. */
export function TrackPlayer(props: TrackPlayerProps) {
  const { t, locale } = useI18n();
  const [url] = createResource(() => props.load());
  return (
    <article class="track">
      <h3>{props.title}</h3>
      <p class="hint">
        {formatDateTime(props.startedAt, locale())} · {formatDuration(props.lengthMs)} · {t(`track.${props.status}`)}
      </p>
      <Show when={props.chain}>{(chain) => <p class="hint">{t('track.chain', { chain: chain().slice(0, 16) })}</p>}</Show>
      <Switch>
        <Match when={url.error !== undefined}>
          <p role="alert">{t(url.error instanceof PlaybackProblem && url.error.reason === 'tampered' ? 'track.unreadable' : 'track.damaged')}</p>
        </Match>
        <Match when={url()}>
          {(src) => <video ref={(el) => props.onPlayer?.(el)} controls preload="metadata" src={src()} aria-label={props.title} />}
        </Match>
      </Switch>
      <Show when={url.loading}>
        <p role="status">{t('track.loading')}</p>
      </Show>
    </article>
  );
}
