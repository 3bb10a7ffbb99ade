import { For } from 'solid-js';
import type { ExitRecord } from '../../core';
import { useI18n, type MessageKey } from '../i18n';

/** How the interview ended or was interrupted: one row per exit. */
export function ExitSummary(props: { exits: ExitRecord[] }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="exits-heading">
      <h2 id="exits-heading">{t('exits.heading')}</h2>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t('exits.when')}</th>
            <th scope="col">{t('exits.who')}</th>
            <th scope="col">{t('exits.why')}</th>
            <th scope="col">{t('exits.stage')}</th>
            <th scope="col">{t('exits.progress')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.exits}>
            {(exit) => (
              <tr>
                <td>{new Date(exit.at).toLocaleString()}</td>
                <td>{t(`exitWho.${exit.who}` as MessageKey)}</td>
                <td>
                  {exit.reason}
                  {exit.cause ? ` (${exit.cause})` : ''}
                  {exit.note ? ` · ${exit.note}` : ''}
                  {exit.network ? ` · ${t('exits.network', { rtt: exit.network.rttMs ?? '–', loss: exit.network.lossPercent?.toFixed(1) ?? '–', kbps: exit.network.bitrateKbps ?? '–' })}` : ''}
                </td>
                <td>{t(`stage.${exit.stage}` as MessageKey)}</td>
                <td>
                  {t('exits.reached', { reached: exit.questionReached, total: exit.questionsTotal, answered: exit.answersFinished })}
                  {exit.consentGiven ? '' : ` · ${t('exits.noConsent')}`}
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}
