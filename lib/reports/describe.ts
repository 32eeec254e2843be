import { policyEntry, valueWord } from '@/lib/policy/catalog';
import { ROLE_LABELS, type Role } from '@/lib/auth/roles';
import type { Deviation, ReportChange } from './types';

/** "Key Export: Allowed (baseline: Not allowed)" */
export function deviationText(deviation: Deviation): string {
  const label = policyEntry(deviation.policy).label;
  return `${label}: ${valueWord(deviation.policy, deviation.actual)} (baseline: ${valueWord(deviation.policy, deviation.expected)})`;
}

export function roleWord(role: string | null): string {
  if (!role) return '';
  return ROLE_LABELS[role as Role] ?? role;
}

/** "Client API Access Enabled → Disabled by Sam Support (Provider support)" */
export function changeText(change: ReportChange): string {
  const label = policyEntry(change.policy).label;
  const role = change.role ? ` (${roleWord(change.role)})` : '';
  return `${label} ${valueWord(change.policy, change.from)} → ${valueWord(change.policy, change.to)} by ${change.by}${role}`;
}
