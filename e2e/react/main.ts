// A React app using `portal-elements/react` (built by scripts/e2e.mjs with Vite): the provider
// and login as React components, a property passed as a prop, events received as `onPortal…`
// props. The page shows what React saw, for the end-to-end check to read.
import { createElement, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { PortalLogin, PortalProvider } from '../../src/react/index.js';

function App() {
  const [log, setLog] = useState<string[]>([]);
  const add = (line: string): void => setLog((lines) => [...lines, line]);
  return createElement(
    'main',
    null,
    createElement(
      PortalProvider,
      { apiBase: '/api', onPortalSessionChange: (event) => add(`session: ${event.session.status}`) },
      createElement(PortalLogin, {
        onPortalSignedIn: (event) => add(`signed in: ${event.user.name} at ${event.organization.name}`),
      }),
    ),
    createElement('output', { id: 'react-log' }, log.join('\n')),
  );
}

const container = document.getElementById('root');
if (container) createRoot(container).render(createElement(App));
