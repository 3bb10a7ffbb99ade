import type { ParentProps } from 'solid-js';

export interface NoticeProps extends ParentProps {
  tone: 'info' | 'warning' | 'error';
  heading?: string;
}

/** Errors are alerts (read out at once); everything else is polite status. */
export function Notice(props: NoticeProps) {
  return (
    <div class={`notice notice--${props.tone}`} role={props.tone === 'error' ? 'alert' : 'status'}>
      {props.heading && <h2>{props.heading}</h2>}
      {props.children}
    </div>
  );
}
