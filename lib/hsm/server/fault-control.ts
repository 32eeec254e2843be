import type { Answer } from './router';
import { type FaultBoard, FaultsBody } from './faults';

/**
 * /__faults, test mode only: GET reads the rules and the last requests, POST adds a rule (or
 * `{ rules: [...] }`), DELETE clears everything. Outside test mode the route does not exist.
 */
export function faultControl(faults: FaultBoard | null, method: string, body: unknown): Answer {
  if (!faults) return { status: 404, body: { code: 'NOT_FOUND', error: 'Fault injection exists only in test mode (--test-mode).' } };
  if (method === 'GET') return { status: 200, body: { ...faults.state(), lastRequests: faults.requests.slice(-200), lastHits: faults.hits.slice(-200) } };
  if (method === 'DELETE') {
    faults.clear();
    return { status: 200, body: faults.state() };
  }
  if (method === 'POST') {
    const parsed = FaultsBody.safeParse(body);
    if (!parsed.success) {
      return { status: 400, body: { code: 'INVALID_REQUEST', error: `Invalid fault rule: ${parsed.error.issues[0]?.message ?? 'invalid'}` } };
    }
    const rules = 'rules' in parsed.data ? parsed.data.rules : [parsed.data];
    return { status: 201, body: { ids: rules.map((rule) => faults.add(rule)) } };
  }
  return { status: 405, body: { code: 'NOT_FOUND', error: 'Method not allowed.' } };
}
