import { render } from 'solid-js/web';
import { App } from './ui/app';
import './ui/styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html lacks #root');
render(() => <App />, root);
