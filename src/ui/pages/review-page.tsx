import { For, Show } from 'solid-js';
import type { InterviewId } from '../../core';
import { formatDateTime } from '../components/format';
import { DeletePanel } from '../components/delete-panel';
import { DeliveryImport } from '../components/delivery-import';
import { ExportPanel } from '../components/export-panel';
import { Notice } from '../components/notice';
import { ExitSummary } from '../components/exit-summary';
import { TimelineList } from '../components/timeline-list';
import { TrackPlayer } from '../components/track-player';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import { createExportStore } from '../stores/export-store';
import { createReviewStore } from '../stores/review-store';
import { createScorecardStore } from '../stores/scorecard-store';
import { createRestReceiver, ReceiveRestSection } from './receive-rest-section';
import { ScorecardSection } from './scorecard-section';
import { useVault } from '../stores/vault-store';
import type { TrackSummary } from '../../vault';

/** `/review#id=<interview id>`: the id stays out of server logs like every other identifier. */
export function ReviewPage() {
  const { t, locale } = useI18n();
  const interviewId = (new URLSearchParams(location.hash.slice(1)).get('id') ?? '') as InterviewId;
  const vault = useVault();
  const review = createReviewStore(vault, interviewId);
  const exporter = createExportStore(vault, interviewId);
  const remove = async () => {
    await review.remove();
    navigate('/interviews');
  };

  const trackTitle = (track: TrackSummary) =>
    t(
      track.description.kind === 'delivered'
        ? 'track.deliveredCandidate'
        : track.description.kind === 'remote'
          ? 'track.remoteCandidate'
          : track.description.subject === 'candidate'
            ? 'track.selfCandidate'
            : 'track.selfInterviewer',
    );
  const status = (track: TrackSummary) =>
    track.description.stopReason === null ? 'interrupted' : track.description.stopReason === 'stopped' ? 'complete' : track.description.stopReason;
  // Every player and where its recording starts, so a click on the timeline seeks them all.
  const players: Array<{ video: HTMLVideoElement; startedAt: number }> = [];
  const seek = (at: number) => {
    for (const { video, startedAt } of players) video.currentTime = Math.max(0, (at - startedAt) / 1000);
    players[0]?.video.scrollIntoView({ block: 'nearest' });
  };
  const lengthMs = (track: TrackSummary) => (track.description.stoppedAt ?? track.lastSliceAt ?? track.description.startedAt) - track.description.startedAt;

  return (
    <main class="page">
      <Show when={review.data.state !== 'errored'} fallback={<Notice tone="error">{t('review.failed')}</Notice>}>
      {/* Refreshing (after an import) keeps the page: only the first load shows "Loading". */}
      <Show when={review.data.state === 'ready' || review.data.state === 'refreshing'} fallback={<p role="status">{t('track.loading')}</p>}>
        <Show when={review.data()} fallback={<Notice tone="error">{t('review.notFound')}</Notice>}>
          {(data) => (
            <>
              <header class="page__header">
                <h1>{data().record.details ? t('interview.heading', { name: data().record.details?.candidateName ?? '' }) : t('interview.headingUnknown')}</h1>
                <p class="lead">
                  {data().record.details?.position} · {formatDateTime(data().record.createdAt, locale())}
                </p>
              </header>
              <Show when={!data().viewLogged}>
                <Notice tone="warning">{t('review.notLogged')}</Notice>
              </Show>
              <h2>{t('review.recordings')}</h2>
              <Show when={data().tracks.length > 0} fallback={<p>{t('review.noRecordings')}</p>}>
                <div class="tracks">
                  <For each={data().tracks}>
                    {(track) => (
                      <TrackPlayer
                        title={trackTitle(track)}
                        startedAt={track.description.startedAt}
                        lengthMs={lengthMs(track)}
                        status={status(track)}
                        chain={track.head}
                        load={() => review.openTrack(track)}
                        onPlayer={(video) => players.push({ video, startedAt: track.description.startedAt })}
                      />
                    )}
                  </For>
                </div>
              </Show>
              <Show when={data().exits.length > 0}>
                <ExitSummary exits={data().exits} />
              </Show>
              <Show when={data().timeline.length > 0}>
                <h2>{t('timeline.heading')}</h2>
                <TimelineList events={data().timeline} startedAt={data().timeline[0]?.at ?? 0} onSeek={seek} />
              </Show>
              <Show when={review.scorecardSecrets(data().record)} keyed>
                {(secrets) => {
                  // Created once here: a store in a JSX prop would be re-created on every read.
                  const store = createScorecardStore(vault, { interviewId, ...secrets });
                  return <ScorecardSection store={store} />;
                }}
              </Show>
              <Show when={data().record.role === 'interviewer'}>
                {/* Keyed on the token, a string: a refresh of the record keeps the section and its call. */}
                <Show when={data().record.candidateKey !== null && data().record.interviewerToken} keyed>
                  {(_token: string) => {
                    const secrets = review.scorecardSecrets(data().record);
                    if (secrets === null) return null;
                    // Created once here: a store in a JSX prop would be re-created on every read.
                    const call = createRestReceiver(vault, interviewId, secrets);
                    return <ReceiveRestSection call={call} onReceived={review.refresh} />;
                  }}
                </Show>
                <DeliveryImport onImport={review.importDelivery} />
              </Show>
              <ExportPanel state={exporter.state()} onExport={(password) => void exporter.start(password)} onCancel={exporter.cancel} />
              <DeletePanel onDelete={() => void remove()} />
            </>
          )}
        </Show>
      </Show>
      </Show>
    </main>
  );
}
