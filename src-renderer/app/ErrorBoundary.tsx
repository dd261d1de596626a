import { Component, type ErrorInfo, type ReactNode } from 'react';
import { RotateCcw, TriangleExclamationPoint } from 'lucide-react';

interface Props {
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/**
 * Last line of defence for the UI: says what happened in words, offers a
 * reload, and never shows a stack trace to the person. Data lives in the
 * vault, so a reload loses nothing that was saved.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Caravan UI error', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <main className="fatal" role="alert">
        <TriangleExclamationPoint aria-hidden size={40} />
        <h1>Something went wrong on this screen</h1>
        <p className="fatal-message">{error.message || 'An unexpected error occurred.'}</p>
        <p>Everything you saved is safe in your vault. Reloading the window usually fixes this.</p>
        <button type="button" className="button primary" onClick={() => window.location.reload()} autoFocus>
          <RotateCcw aria-hidden size={16} /> Reload Caravan
        </button>
      </main>
    );
  }
}
