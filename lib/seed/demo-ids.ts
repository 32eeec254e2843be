/**
 * The demo users' ids, derived from their emails. The cluster's seed (which knows no console users)
 * names them in its policy log as `console:<id>`; the console's seed inserts the users with the same
 * ids and finds their past changes in that log.
 */
export function demoUserId(email: string): string {
  return `usr_${email.replace(/[^a-z0-9]/g, '_')}`;
}

export function demoActor(email: string): string {
  return `console:${demoUserId(email)}`;
}
