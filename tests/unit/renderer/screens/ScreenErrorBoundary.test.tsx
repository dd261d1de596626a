// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { lazy, Suspense } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScreenErrorBoundary } from '../../../../src-renderer/screens/ScreenErrorBoundary.tsx';
import { ScreenLoadError } from '../../../../src-renderer/screens/lazy-screens.ts';

afterEach(cleanup);

describe('ScreenErrorBoundary', () => {
  it('a screen whose code did not load says so in words, and Try again loads it afresh', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let attempts = 0;
    const makeLazy = () =>
      lazy(async () => {
        attempts += 1;
        if (attempts === 1) throw new ScreenLoadError('Failed to fetch dynamically imported module: app://caravan/assets/ReportsScreen-x.js');
        return { default: () => <h1>Reports</h1> };
      });
    let current = makeLazy();
    // As ScreenView does: the lazy component is looked up at render, so a retry finds the new one.
    const Screen = () => {
      const Loaded = current;
      return <Loaded />;
    };
    render(
      <ScreenErrorBoundary onRetry={() => (current = makeLazy())}>
        <Suspense fallback={<p>Loading…</p>}>
          <Screen />
        </Suspense>
      </ScreenErrorBoundary>,
    );

    expect(await screen.findByRole('heading', { name: 'This screen could not be loaded' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).not.toContain('dynamically imported module');
    expect(screen.getByRole('alert').textContent).toContain('safe in your vault');

    fireEvent.click(screen.getByRole('button', { name: /Try again/u }));
    expect(await screen.findByRole('heading', { name: 'Reports' })).toBeTruthy();
    expect(attempts).toBe(2);
  });

  it('a screen that throws while it runs shows its message, and the rest of the page stays', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const Broken = () => {
      throw new Error('The project list could not be read.');
    };
    render(
      <div>
        <nav aria-label="Main">navigation</nav>
        <ScreenErrorBoundary onRetry={() => undefined}>
          <Broken />
        </ScreenErrorBoundary>
      </div>,
    );
    expect(screen.getByRole('heading', { name: 'Something went wrong on this screen' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('The project list could not be read.');
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
  });
});
