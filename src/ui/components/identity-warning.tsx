import { Match, Switch } from 'solid-js';
import { useI18n } from '../i18n';
import type { IdentityWarning as Warning } from '../stores/call-store';
import { Notice } from './notice';

export function IdentityWarning(props: { warning: Warning }) {
  const { t } = useI18n();
  return (
    <Notice tone="warning" heading={t('identity.heading')}>
      <Switch>
        <Match when={props.warning.kind === 'changed' && props.warning}>
          {(changed) => <p>{t('identity.changed', { pinned: changed().pinned, presented: changed().presented })}</p>}
        </Match>
        <Match when={props.warning.kind === 'unverified'}>
          <p>{t('identity.unverified')}</p>
        </Match>
      </Switch>
    </Notice>
  );
}
