/** Opens the store, migrates and seeds at server start, so the first request does not pay for it. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getContext } = await import('./lib/context');
  await getContext();
}
