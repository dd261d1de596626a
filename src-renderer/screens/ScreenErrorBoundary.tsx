import { Component, type ErrorInfo, type ReactNode } from 'react';
import { RotateCcw, TriangleExclamationPoint } from 'lucide-react';
import { ScreenLoadError } from './lazy-screens.ts';

interface Props {
  /** Called before trying again, to forget what failed (a lazy screen's rejected load). */
  onRetry: () => void;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/**
 * One screen's failure stays on that screen: the navigation, the timer and the other screens keep
 * working, and "Try again" renders it afresh (App keys this boundary by screen, so leaving resets
 * it too). The window-wide ErrorBoundary stays the last line behind it.
 */
export class ScreenErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Caravan screen error', error, info.componentStack);
  }

  private readonly retry = () => {
    this.props.onRetry();
    this.setState({ error: null });
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const loading = error instanceof ScreenLoadError;
    return (
      <section className="screen-error" role="alert">
        <TriangleExclamationPoint aria-hidden size={32} />
        <h1 tabIndex={-1}>{loading ? 'This screen could not be loaded' : 'Something went wrong on this screen'}</h1>
        <p>
          {loading
            ? 'Caravan could not read this screen’s code. This can happen right after an update was installed while Caravan was open.'
            : error.message || 'An unexpected error occurred.'}
        </p>
        <p>Everything you saved is safe in your vault. Try again; if it keeps failing, restart Caravan.</p>
        <button type="button" className="button primary" onClick={this.retry}>
          <RotateCcw aria-hidden size={16} /> Try again
        </button>
      </section>
    );
  }
}
