import type { PolicyId, RiskClass } from './types';

/** What the user must read before confirming a change of this class (DOMAIN.md risk table). */
export function warningFor(policy: PolicyId, risk: RiskClass): { title: string; body: string } | null {
  switch (risk) {
    case 'outage':
      return {
        title: 'This causes an outage',
        body:
          policy === 'clientApiAccess'
            ? 'The partition goes offline: every JCE, PKCS#11, MSCNG and REST client call fails until it is brought back online.'
            : 'Secret and private keys stop working for sign, verify, encrypt, decrypt and derive. Applications that use them fail.',
      };
    case 'workflow-breaking':
      return {
        title: 'This breaks client workflows',
        body:
          policy === 'readOnly'
            ? 'Calls that create, import, unwrap, modify or delete keys start failing.'
            : policy === 'objectDestruction'
              ? 'Every delete call starts failing, even with Key Invalidation enabled.'
              : 'Calls that create session keys start failing.',
      };
    case 'irreversible-data':
      return {
        title: 'Deletes become permanent',
        body: 'From now on a client delete destroys the key at once; nothing goes to the bin. Keys already in the bin stay restorable.',
      };
    case 'exfiltration':
      return {
        title: 'Keys may leave the HSM',
        body:
          policy === 'keyExport'
            ? 'Extractable keys can be exported or wrapped out of the partition. Keys created "never extractable" stay inside; check your regulatory obligations before allowing this.'
            : 'Keys made outside the HSM can be brought in, and their history is unknown to the HSM. Check your regulatory obligations before allowing this.',
      };
    case 'safe':
      return null;
  }
}
