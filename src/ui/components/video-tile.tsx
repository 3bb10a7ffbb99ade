import { createEffect, createSignal, Show } from 'solid-js';
import { useI18n } from '../i18n';

export interface VideoTileProps {
  stream: MediaStream | null;
  label: string;
  /** Our own preview: muted (no echo) and mirrored like a mirror. */
  self?: boolean;
  micOff?: boolean;
  cameraOff?: boolean;
  large?: boolean;
  testId?: string;
}

export function VideoTile(props: VideoTileProps) {
  const { t } = useI18n();
  const [blocked, setBlocked] = createSignal(false);
  let video!: HTMLVideoElement;

  const play = () => {
    video.play().then(
      () => setBlocked(false),
      // Autoplay with sound can be refused until the user interacts: offer a button.
      () => setBlocked(true),
    );
  };

  createEffect(() => {
    video.srcObject = props.stream;
    if (props.stream) play();
  });

  return (
    <figure class="tile" classList={{ 'tile--large': props.large, 'tile--self': props.self }} data-testid={props.testId}>
      <video ref={video} autoplay playsinline muted={props.self} aria-label={props.label} />
      <figcaption>
        <span>{props.label}</span>
        <Show when={props.micOff}>
          <span class="badge">{t('call.remoteMicOff')}</span>
        </Show>
        <Show when={props.cameraOff}>
          <span class="badge">{t('call.remoteCameraOff')}</span>
        </Show>
      </figcaption>
      <Show when={!props.stream}>
        <p class="tile__placeholder">{t('call.connecting')}</p>
      </Show>
      <Show when={blocked()}>
        <button type="button" class="tile__play" onClick={play}>
          {t('call.enableSound')}
        </button>
      </Show>
    </figure>
  );
}
