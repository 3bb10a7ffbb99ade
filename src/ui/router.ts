/**
 * A tiny router: routes live in the path (the fragment is for secrets and
 * ids). Navigation stays in the document, because a full page load would
 * forget the unlocked vault key and the user activation that lets audio play.
 */
import { batch, createSignal } from 'solid-js';

const here = () => location.pathname + location.hash;
const [path, setPath] = createSignal(location.pathname);
/** Path and fragment: pages keyed on it re-mount when either changes. */
const [address, setAddress] = createSignal(here());

function sync(): void {
  // Together, or a page would render once for the new path under the old address.
  batch(() => {
    setPath(location.pathname);
    setAddress(here());
  });
}

window.addEventListener('popstate', sync);
window.addEventListener('hashchange', sync);

export function navigate(url: string): void {
  history.pushState(null, '', url);
  sync();
}

/** Same-origin links navigate in place; modified clicks (new tab) keep their default. */
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin) return;
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
});

export { address, path };
