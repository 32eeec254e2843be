import NextAuth from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { authSecret } from './secret';

export const { handlers, auth, signIn, signOut } = NextAuth({
  // The console runs behind the operator's own proxy; the host header is trusted (AUTH_TRUST_HOST).
  trustHost: true,
  secret: authSecret(),
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/login' },
  providers: [
    Credentials({
      credentials: { email: { label: 'Email' }, password: { label: 'Password', type: 'password' } },
      authorize: async (credentials) => {
        const { authenticateWithPassword } = await import('./authenticate');
        return authenticateWithPassword(credentials);
      },
    }),
  ],
  callbacks: {
    // The token carries only the store's session id; role and tenant are re-read on every request.
    // A session update from the client (trigger "update") is ignored: it can never change a role.
    jwt({ token, user }) {
      if (user && 'sid' in user && typeof user.sid === 'string') token.sid = user.sid;
      return token;
    },
    session({ session, token }) {
      return { ...session, sid: typeof token.sid === 'string' ? token.sid : undefined };
    },
  },
  logger: {
    error(error) {
      if (error.name === 'CredentialsSignin') return;
      console.error(error);
    },
  },
});
