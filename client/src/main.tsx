import '@fontsource-variable/inter';
import '@digdir/designsystemet-css';
import '@digdir/designsystemet-css/theme';
import './app/app.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { router } from './app/router';
import { initI18n } from './shared/i18n';
import { SessionProvider } from './shared/session/session';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

// Swedish resolves at once; English waits for its chunk so the first render is in English.
void initI18n().then(() =>
  createRoot(container).render(
    <StrictMode>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </StrictMode>,
  ),
);
