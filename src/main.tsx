import { render } from 'solid-js/web';
import { registerOfflineShell } from './offline';
import { App } from './ui/app';
import './ui/styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html lacks #root');
render(() => <App />, root);

// Production only: under `npm run dev` a worker would answer with stale modules.
if (import.meta.env.PROD) registerOfflineShell();
