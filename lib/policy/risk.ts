import type { PolicyId, RiskClass } from './types';

/** The risk of turning a policy from one value to another (DOMAIN.md, "Risk of a change"). */
export function riskOf(policy: PolicyId, from: boolean, to: boolean): RiskClass {
  if (from === to) return 'safe';
  const turningOff = from && !to;
  switch (policy) {
    case 'clientApiAccess':
    case 'objectUsage':
      return turningOff ? 'outage' : 'safe';
    case 'readOnly':
      return turningOff ? 'safe' : 'workflow-breaking';
    case 'objectDestruction':
    case 'sessionObjects':
      return turningOff ? 'workflow-breaking' : 'safe';
    case 'keyInvalidation':
      return turningOff ? 'irreversible-data' : 'safe';
    case 'keyExport':
    case 'keyImport':
      return turningOff ? 'safe' : 'exfiltration';
  }
}

export const RISK_LABELS: Record<RiskClass, string> = {
  outage: 'Outage',
  'workflow-breaking': 'Breaks workflows',
  'irreversible-data': 'Irreversible data loss',
  exfiltration: 'Key exfiltration',
  safe: 'Safe',
};

/** Whether a change of this class needs the typed partition name as well as confirm + reason. */
export function needsTypedName(risk: RiskClass): boolean {
  return risk === 'outage';
}

/** Whether a change needs a written reason. Bringing a partition online is safe but still needs one. */
export function needsReason(policy: PolicyId, from: boolean, to: boolean): boolean {
  return riskOf(policy, from, to) !== 'safe' || (policy === 'clientApiAccess' && !from && to);
}
