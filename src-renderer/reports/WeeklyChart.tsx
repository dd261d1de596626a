/**
 * Hours per week, billable stacked on non-billable, drawn by Chart.js on a canvas. Only the parts
 * used are registered, so the bundle carries a bar chart and nothing else. The same numbers are in
 * the week table beside it, which is what screen readers get (the canvas is labelled, not read).
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface WeekBar {
  label: string;
  billableHours: number;
  otherHours: number;
}

/**
 * A design token as a colour the canvas understands. The tokens are `light-dark(...)` pairs, which
 * only the CSS engine resolves, so read the computed colour of a probe element.
 */
function cssColor(name: string): string {
  const probe = document.createElement('span');
  probe.style.color = `var(${name})`;
  probe.hidden = true;
  document.body.append(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color || '#888';
}

export function WeeklyChart({ weeks }: { weeks: readonly WeekBar[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const text = cssColor('--text-muted');
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: weeks.map((w) => w.label),
        datasets: [
          { label: 'Billable', data: weeks.map((w) => w.billableHours), backgroundColor: cssColor('--accent'), stack: 'h' },
          { label: 'Not billable', data: weeks.map((w) => w.otherHours), backgroundColor: cssColor('--border'), stack: 'h' },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { stacked: true, ticks: { color: text }, grid: { display: false } },
          y: { stacked: true, ticks: { color: text }, title: { display: true, text: 'Hours', color: text } },
        },
        plugins: { legend: { labels: { color: text } } },
      },
    });
    return () => chart.destroy();
  }, [weeks]);
  return (
    <div className="chart-box">
      <canvas ref={canvas} role="img" aria-label="Hours per week, billable and not billable; the same figures are in the table below." />
    </div>
  );
}
