import type { Posture, PostureBar } from '@/lib/services/posture';

type Props = { posture: Posture; selected: PostureBar | null; hrefFor: (bar: PostureBar) => string };

const WIDTH = 640;
const LABEL = 190;
const BAR_HEIGHT = 26;
const GAP = 12;
const COLORS: Record<PostureBar, string> = {
  export: '#6941c6',
  import: '#7a5af8',
  'read-only': '#b54708',
  offline: '#b42318',
  deviating: '#2f5bd3',
};

/**
 * Colours that must follow the theme use `currentColor` with the text utilities app/dark.css maps.
 *
 * The posture overview as plain server-rendered SVG (no chart library, no client JavaScript): one
 * bar per question, its length the share of partitions; each bar links to the partitions behind it.
 */
export function PostureChart({ posture, selected, hrefFor }: Props) {
  const height = posture.bars.length * (BAR_HEIGHT + GAP) + GAP;
  const room = WIDTH - LABEL - 90;
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      role="group"
      aria-label={`Posture of ${posture.total} partitions`}
      className="max-w-3xl"
      data-testid="posture-chart"
    >
      {posture.bars.map((bar, i) => {
        const y = GAP + i * (BAR_HEIGHT + GAP);
        const share = posture.total > 0 ? bar.count / posture.total : 0;
        const length = Math.max(bar.count > 0 ? 3 : 0, Math.round(share * room));
        const active = selected === bar.id;
        return (
          <a
            key={bar.id}
            href={hrefFor(bar.id)}
            aria-label={`${bar.label}: ${bar.count} of ${posture.total} partitions. Show them.`}
            aria-current={active ? 'true' : undefined}
            data-testid={`posture-bar-${bar.id}`}
          >
            <rect
              x={0}
              y={y - GAP / 2}
              width={WIDTH}
              height={BAR_HEIGHT + GAP}
              className="text-brand-600"
              fill="currentColor"
              fillOpacity={active ? 0.1 : 0}
            />
            <text x={LABEL - 10} y={y + BAR_HEIGHT / 2} textAnchor="end" dominantBaseline="central" fontSize="14" className="text-slate-900" fill="currentColor">
              {bar.label}
            </text>
            <rect x={LABEL} y={y} width={room} height={BAR_HEIGHT} rx={4} className="text-slate-100" fill="currentColor" />
            <rect x={LABEL} y={y} width={length} height={BAR_HEIGHT} rx={4} fill={COLORS[bar.id]} />
            <text
              x={LABEL + room + 10}
              y={y + BAR_HEIGHT / 2}
              dominantBaseline="central"
              fontSize="14"
              fontWeight="600"
              className="text-slate-900"
              fill="currentColor"
            >
              {bar.count}
              <tspan fontWeight="400" className="text-slate-600" fill="currentColor">{` / ${posture.total}`}</tspan>
            </text>
          </a>
        );
      })}
    </svg>
  );
}
