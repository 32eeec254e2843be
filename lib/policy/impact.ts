import { OPERATION_LABELS } from './catalog';
import { evaluate } from './evaluate';
import type { KeyAttributes, KeyClass, Operation, PartitionPolicy, PolicyId } from './types';
import { KEY_OPERATIONS } from './types';

/** How many live keys share one combination of attributes: lets impact scale to any key count. */
export type KeyProfileEntry = { attributes: KeyAttributes; count: number };

export type KeyProfile = { keys: KeyProfileEntry[]; clients: number };

export type ImpactLine = {
  operation: Operation;
  keyClass: KeyClass | null;
  count: number;
  direction: 'lose' | 'gain';
  text: string;
};

const OBJECT_OPERATIONS: Operation[] = ['list', 'create', 'importPlain', 'unwrap', 'createSessionObject'];

const CLASS_WORDS: Record<KeyClass, string> = { secret: 'secret', private: 'private', public: 'public' };

function verbPhrase(operation: Operation): string {
  switch (operation) {
    case 'sign':
      return 'signing';
    case 'verify':
      return 'verifying';
    case 'encrypt':
      return 'encrypting';
    case 'decrypt':
      return 'decrypting';
    case 'derive':
      return 'deriving';
    case 'exportPlain':
      return 'being exported in plain form';
    case 'wrap':
      return 'being wrapped';
    case 'modify':
      return 'being modified';
    case 'delete':
      return 'being deleted';
    case 'read':
      return 'being read';
    default:
      return OPERATION_LABELS[operation];
  }
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

const CLASS_ORDER: Record<KeyClass, number> = { secret: 0, private: 1, public: 2 };
const ATTRIBUTE_FLAGS = ['extractable', 'sensitive', 'modifiable', 'destroyable', 'alwaysSensitive', 'neverExtractable'] as const;

/** Secret, private, then public keys; within a class, by their attribute flags. */
function byProfileOrder(a: KeyProfileEntry, b: KeyProfileEntry): number {
  const byClass = CLASS_ORDER[a.attributes.keyClass] - CLASS_ORDER[b.attributes.keyClass];
  if (byClass !== 0) return byClass;
  for (const flag of ATTRIBUTE_FLAGS) {
    if (a.attributes[flag] !== b.attributes[flag]) return a.attributes[flag] ? -1 : 1;
  }
  return 0;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * What changing one policy would do to this partition, computed from the policy model over the
 * partition's key profile: "17 private keys will stop signing", "3 clients will lose access".
 */
export function impactOf(
  current: PartitionPolicy,
  policy: PolicyId,
  to: boolean,
  profile: KeyProfile,
): ImpactLine[] {
  const next: PartitionPolicy = { ...current, [policy]: to };
  const lines: ImpactLine[] = [];
  // The backend's profile comes in no particular order (a GROUP BY): the lines must not depend on it.
  const entries = [...profile.keys].sort(byProfileOrder);

  if (policy === 'clientApiAccess') {
    const text = to
      ? `${plural(profile.clients, 'client')} will regain access.`
      : `${plural(profile.clients, 'client')} will lose access: every JCE, PKCS#11, MSCNG and REST call fails.`;
    lines.push({ operation: 'list', keyClass: null, count: profile.clients, direction: to ? 'gain' : 'lose', text });
    return lines;
  }

  // The same keys of one class that lose (or gain) several operations share one line. Grouped by which
  // profile entries change, not by how many keys: equal counts of different keys must not merge.
  const groups = new Map<string, { keyClass: KeyClass; direction: 'lose' | 'gain'; count: number; operations: Operation[] }>();
  for (const operation of KEY_OPERATIONS) {
    type Side = { count: number; entries: number[] };
    const tallies = new Map<KeyClass, { lose: Side; gain: Side }>();
    entries.forEach(({ attributes, count }, entry) => {
      const before = evaluate(current, attributes, operation).allowed;
      const after = evaluate(next, attributes, operation).allowed;
      if (before === after) return;
      const tally = tallies.get(attributes.keyClass) ?? { lose: { count: 0, entries: [] }, gain: { count: 0, entries: [] } };
      const side = before ? tally.lose : tally.gain;
      side.count += count;
      side.entries.push(entry);
      tallies.set(attributes.keyClass, tally);
    });
    for (const [keyClass, tally] of tallies) {
      for (const direction of ['lose', 'gain'] as const) {
        const { count, entries } = tally[direction];
        if (count === 0) continue;
        const id = `${keyClass}/${direction}/${entries.join(',')}`;
        const group = groups.get(id) ?? { keyClass, direction, count, operations: [] };
        group.operations.push(operation);
        groups.set(id, group);
      }
    }
  }
  for (const group of groups.values()) {
    const noun = plural(group.count, `${CLASS_WORDS[group.keyClass]} key`);
    const verbs = joinWords(group.operations.map(verbPhrase));
    lines.push({
      operation: group.operations[0] as Operation,
      keyClass: group.keyClass,
      count: group.count,
      direction: group.direction,
      text: `${noun} will ${group.direction === 'lose' ? 'stop' : 'start'} ${verbs}.`,
    });
  }

  const objectChanges = { lose: [] as Operation[], gain: [] as Operation[] };
  for (const operation of OBJECT_OPERATIONS) {
    const before = evaluate(current, null, operation).allowed;
    const after = evaluate(next, null, operation).allowed;
    if (before !== after) objectChanges[before ? 'lose' : 'gain'].push(operation);
  }
  const who = plural(profile.clients, 'client');
  for (const direction of ['lose', 'gain'] as const) {
    const operations = objectChanges[direction];
    if (operations.length === 0) continue;
    const what = joinWords(operations.map((o) => OPERATION_LABELS[o]));
    lines.push({
      operation: operations[0] as Operation,
      keyClass: null,
      count: profile.clients,
      direction,
      text: direction === 'lose' ? `${who} can no longer ${what}.` : `${who} will be able to ${what}.`,
    });
  }

  if (policy === 'keyInvalidation') {
    lines.push({
      operation: 'delete',
      keyClass: null,
      count: profile.clients,
      direction: to ? 'gain' : 'lose',
      text: to
        ? 'Deleted keys will go to the bin and can be restored.'
        : 'Deletes become permanent from now on; keys already in the bin stay restorable.',
    });
  }

  return lines;
}
