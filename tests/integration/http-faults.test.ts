import { afterAll, beforeAll, describe, it } from 'vitest';
import { makeTenant, makeUser, type TestUser } from '../support/context';
import { FAULT_CASES, runFaultCase, type Mutation } from '../support/fault-matrix';
import { binMutation, policyMutation } from '../support/fault-targets';
import { httpTestContext, type HttpTestContext } from '../support/http';
import { ReliabilityFragment } from '../support/reliability';

/**
 * Every console mutation under every fault the standalone emulator injects, through the real server
 * actions and the http backend. Writes the "Faults" rows of docs/RELIABILITY.md.
 */

let h: HttpTestContext;
let tenant: string;
let officer: TestUser;
const report = new ReliabilityFragment('http-faults', 'Faults', ['fault', 'mutation', 'cases', 'outcome']);

beforeAll(async () => {
  h = await httpTestContext();
  tenant = await makeTenant(h);
  officer = await makeUser(h, 'security_officer', tenant);
});
afterAll(async () => {
  report.write();
  await h.close();
});

const ctx = () => h;
const user = () => officer;
const tenantId = () => tenant;

const MUTATIONS: Mutation[] = [
  policyMutation(ctx, user, tenantId, { name: 'policy change (Key Import off)', policy: 'keyImport', from: true, fields: () => ({}) }),
  policyMutation(ctx, user, tenantId, {
    name: 'take offline (Client API Access off)',
    policy: 'clientApiAccess',
    from: true,
    fields: (name) => ({ confirm: 'outage', reason: 'Fault drill', typedName: name }),
  }),
  policyMutation(ctx, user, tenantId, {
    name: 'bring online (Client API Access on)',
    policy: 'clientApiAccess',
    from: false,
    fields: () => ({ reason: 'Fault drill over' }),
  }),
  binMutation(ctx, user, tenantId, 'restore'),
  binMutation(ctx, user, tenantId, 'purge'),
];

describe.each(MUTATIONS)('$name over the http backend', (mutation) => {
  it.each(FAULT_CASES)('$name', async (fault) => {
    await runFaultCase(h, mutation, fault, report);
  });
});
