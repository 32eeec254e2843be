import type { RiskClass } from '@/lib/policy';
import { RISK_LABELS } from '@/lib/policy/risk';
import { Badge, type BadgeTone } from '@/components/ui/badge';

const STYLE: Record<RiskClass, { tone: BadgeTone; icon: string }> = {
  outage: { tone: 'red', icon: '⊘' },
  'workflow-breaking': { tone: 'amber', icon: '⚠' },
  'irreversible-data': { tone: 'red', icon: '⌫' },
  exfiltration: { tone: 'violet', icon: '⇪' },
  safe: { tone: 'green', icon: '✓' },
};

/** Risk is shown by word and icon, never by colour alone. */
export function RiskBadge({ risk }: { risk: RiskClass }) {
  const { tone, icon } = STYLE[risk];
  return (
    <Badge tone={tone}>
      <span aria-hidden="true">{icon}</span>
      {RISK_LABELS[risk]}
    </Badge>
  );
}
