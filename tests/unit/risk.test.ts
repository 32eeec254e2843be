import { describe, expect, it } from 'vitest';
import {
  needsReason,
  needsTypedName,
  POLICY_IDS,
  RISK_LABELS,
  riskOf,
  warningFor,
  type PolicyId,
  type RiskClass,
} from '@/lib/policy';

/**
 * DOMAIN.md "Risk of a change", written out for every policy and every (from, to):
 * on→off, off→on, and the two no-op transitions on→on and off→off.
 */
type Transitions = { onToOff: RiskClass; offToOn: RiskClass; onToOn: RiskClass; offToOff: RiskClass };

const RISK_TABLE: Record<PolicyId, Transitions> = {
  keyImport: { onToOff: 'safe', offToOn: 'exfiltration', onToOn: 'safe', offToOff: 'safe' },
  keyExport: { onToOff: 'safe', offToOn: 'exfiltration', onToOn: 'safe', offToOff: 'safe' },
  keyInvalidation: { onToOff: 'irreversible-data', offToOn: 'safe', onToOn: 'safe', offToOff: 'safe' },
  readOnly: { onToOff: 'safe', offToOn: 'workflow-breaking', onToOn: 'safe', offToOff: 'safe' },
  sessionObjects: { onToOff: 'workflow-breaking', offToOn: 'safe', onToOn: 'safe', offToOff: 'safe' },
  objectDestruction: { onToOff: 'workflow-breaking', offToOn: 'safe', onToOn: 'safe', offToOff: 'safe' },
  objectUsage: { onToOff: 'outage', offToOn: 'safe', onToOn: 'safe', offToOff: 'safe' },
  clientApiAccess: { onToOff: 'outage', offToOn: 'safe', onToOn: 'safe', offToOff: 'safe' },
};

/** Needs a written reason: every non-safe change, and bringing a partition online. */
const REASON_TABLE: Record<PolicyId, Record<keyof Transitions, boolean>> = {
  keyImport: { onToOff: false, offToOn: true, onToOn: false, offToOff: false },
  keyExport: { onToOff: false, offToOn: true, onToOn: false, offToOff: false },
  keyInvalidation: { onToOff: true, offToOn: false, onToOn: false, offToOff: false },
  readOnly: { onToOff: false, offToOn: true, onToOn: false, offToOff: false },
  sessionObjects: { onToOff: true, offToOn: false, onToOn: false, offToOff: false },
  objectDestruction: { onToOff: true, offToOn: false, onToOn: false, offToOff: false },
  objectUsage: { onToOff: true, offToOn: false, onToOn: false, offToOff: false },
  clientApiAccess: { onToOff: true, offToOn: true, onToOn: false, offToOff: false },
};

const TRANSITIONS: readonly { name: keyof Transitions; from: boolean; to: boolean }[] = [
  { name: 'onToOff', from: true, to: false },
  { name: 'offToOn', from: false, to: true },
  { name: 'onToOn', from: true, to: true },
  { name: 'offToOff', from: false, to: false },
];

const cases = POLICY_IDS.flatMap((policy) =>
  TRANSITIONS.map(({ name, from, to }) => ({
    policy,
    from,
    to,
    risk: RISK_TABLE[policy][name],
    reason: REASON_TABLE[policy][name],
  })),
);

describe('riskOf: every policy x every transition', () => {
  it('has 8 x 4 cases', () => {
    expect(cases).toHaveLength(32);
  });

  it.each(cases)('$policy $from → $to is $risk', ({ policy, from, to, risk }) => {
    expect(riskOf(policy, from, to)).toBe(risk);
  });

  it('names the outage transitions DOMAIN.md lists, and no others', () => {
    const outages = cases.filter((c) => riskOf(c.policy, c.from, c.to) === 'outage').map((c) => c.policy);
    expect(outages.sort()).toEqual(['clientApiAccess', 'objectUsage']);
  });
});

describe('needsReason', () => {
  it.each(cases)('$policy $from → $to: $reason', ({ policy, from, to, reason }) => {
    expect(needsReason(policy, from, to)).toBe(reason);
  });

  it('bringing a partition online is safe but still needs a reason', () => {
    expect(riskOf('clientApiAccess', false, true)).toBe('safe');
    expect(needsReason('clientApiAccess', false, true)).toBe(true);
  });

  it('other relaxing changes need no reason', () => {
    expect(needsReason('objectUsage', false, true)).toBe(false);
    expect(needsReason('readOnly', true, false)).toBe(false);
    expect(needsReason('keyExport', true, false)).toBe(false);
  });
});

describe('needsTypedName', () => {
  const expected: Record<RiskClass, boolean> = {
    outage: true,
    'workflow-breaking': false,
    'irreversible-data': false,
    exfiltration: false,
    safe: false,
  };

  it.each(Object.entries(expected))('%s: %s', (risk, typed) => {
    expect(needsTypedName(risk as RiskClass)).toBe(typed);
  });

  it('is needed for taking the partition offline and for turning Object Usage off', () => {
    expect(needsTypedName(riskOf('clientApiAccess', true, false))).toBe(true);
    expect(needsTypedName(riskOf('objectUsage', true, false))).toBe(true);
    expect(needsTypedName(riskOf('clientApiAccess', false, true))).toBe(false);
  });
});

describe('RISK_LABELS and warningFor', () => {
  it('labels every risk class', () => {
    for (const risk of ['outage', 'workflow-breaking', 'irreversible-data', 'exfiltration', 'safe'] as const) {
      expect(RISK_LABELS[risk].length).toBeGreaterThan(0);
    }
  });

  it.each(cases)('$policy $from → $to: a warning exactly when not safe', ({ policy, risk }) => {
    const warning = warningFor(policy, risk);
    if (risk === 'safe') {
      expect(warning).toBeNull();
    } else {
      expect(warning?.title.length).toBeGreaterThan(0);
      expect(warning?.body.length).toBeGreaterThan(0);
    }
  });

  it('tells what stops working for each policy', () => {
    expect(warningFor('clientApiAccess', 'outage')?.body).toMatch(/offline/);
    expect(warningFor('objectUsage', 'outage')?.body).toMatch(/Secret and private keys/);
    expect(warningFor('readOnly', 'workflow-breaking')?.body).toMatch(/create, import, unwrap, modify or delete/);
    expect(warningFor('objectDestruction', 'workflow-breaking')?.body).toMatch(/even with Key Invalidation/);
    expect(warningFor('sessionObjects', 'workflow-breaking')?.body).toMatch(/session keys/);
    expect(warningFor('keyInvalidation', 'irreversible-data')?.body).toMatch(/permanent|destroys/);
    expect(warningFor('keyExport', 'exfiltration')?.body).toMatch(/never extractable/);
    expect(warningFor('keyImport', 'exfiltration')?.body).toMatch(/regulatory/);
  });
});
