import { useEffect, useState } from 'react';

/**
 * Argon2id is one uninterruptible call, so real progress cannot be reported;
 * this bar moves along the time the last derivation took on this machine and
 * stops short of the end until the work is done. Honest about being an estimate.
 */
export function EstimatedProgress({ label, expectedMs }: { label: string; expectedMs: number }) {
  const [fraction, setFraction] = useState(0);
  useEffect(() => {
    const started = performance.now();
    let frame = 0;
    const step = () => {
      const elapsed = performance.now() - started;
      // Approaches 95% asymptotically, reaching ~80% at the expected time.
      setFraction(0.95 * (1 - Math.exp((-1.6 * elapsed) / Math.max(expectedMs, 200))));
      frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [expectedMs]);
  const percent = Math.round(fraction * 100);
  return (
    <div className="progress-block" role="status" aria-live="polite">
      <p>{label}</p>
      <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="muted small">About {Math.max(1, Math.round(expectedMs / 1000))} s on this machine. The window stays usable.</p>
    </div>
  );
}
