/** How sure Caravan is of where a target keeps data, as a short label with its meaning on hover. */
import type { Guarantee } from '../../src-preload/contract/index.ts';

const LABELS: Record<Guarantee, { text: string; title: string }> = {
  jurisdiction: { text: 'Jurisdiction', title: 'The provider guarantees the legal area data stays in.' },
  region: { text: 'Region', title: 'The provider places data in this region.' },
  declared: { text: 'Declared', title: 'You declared the country; Caravan cannot verify it.' },
  'best-effort': { text: 'Best effort', title: 'A preference, not a guarantee: never enough for a client policy.' },
  unknown: { text: 'Unknown', title: 'Caravan cannot tell where data would be: nothing of a client goes there.' },
};

export function GuaranteeBadge({ guarantee }: { guarantee: Guarantee }) {
  const label = LABELS[guarantee];
  return (
    <span className={`guarantee guarantee-${guarantee}`} title={label.title}>
      {label.text}
    </span>
  );
}
