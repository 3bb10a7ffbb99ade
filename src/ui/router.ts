/** A tiny path router: the fragment is for secrets, so routes live in the path. */
import { createSignal } from 'solid-js';

const [path, setPath] = createSignal(location.pathname);
window.addEventListener('popstate', () => setPath(location.pathname));

export { path };

/** Same-document navigation keeps the user activation that lets remote audio play. */
export function navigate(url: string): void {
  history.pushState(null, '', url);
  setPath(location.pathname);
}
