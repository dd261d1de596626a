import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource-variable/inter/index.css';
import './styles/tokens.css';
import './styles/app.css';
import { App } from './app/App.tsx';
import { ErrorBoundary } from './app/ErrorBoundary.tsx';
import { VaultGate } from './vault/ui/VaultGate.tsx';
import { useStore } from './app/store.ts';
import { applyTheme } from './settings/theme-slice.ts';

// Before the first render, so the lock screen is themed too.
applyTheme(useStore.getState().theme);

const root = document.getElementById('root');
if (!root) throw new Error('Caravan: #root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <VaultGate>
        <App />
      </VaultGate>
    </ErrorBoundary>
  </StrictMode>,
);
