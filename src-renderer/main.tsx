import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource-variable/inter/index.css';
import './styles/tokens.css';
import './styles/app.css';
import { ErrorBoundary } from './app/ErrorBoundary.tsx';
import { VaultGate } from './vault/ui/VaultGate.tsx';
import { useStore } from './app/store.ts';
import { applyTheme } from './settings/theme-slice.ts';

// The unlocked shell is its own chunk: the lock screen paints without it, and it is fetched while
// the person types their passphrase (docs/performance.md, first paint).
const loadApp = () => import('./app/App.tsx');
const App = lazy(async () => ({ default: (await loadApp()).App }));
const prefetch = () => void loadApp();
if (typeof requestIdleCallback === 'function') requestIdleCallback(prefetch, { timeout: 2000 });
else setTimeout(prefetch, 200);

// Before the first render, so the lock screen is themed too.
applyTheme(useStore.getState().theme);

const root = document.getElementById('root');
if (!root) throw new Error('Caravan: #root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <VaultGate>
        <Suspense fallback={null}>
          <App />
        </Suspense>
      </VaultGate>
    </ErrorBoundary>
  </StrictMode>,
);
