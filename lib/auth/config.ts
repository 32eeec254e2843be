import NextAuth from 'next-auth';
import type { Provider } from 'next-auth/providers';
import Credentials from 'next-auth/providers/credentials';
import { oidcSettings } from './oidc';
import { authSecret } from './secret';

const oidc = oidcSettings();

const providers: Provider[] = [
  Credentials({
    credentials: { email: { label: 'Email' }, password: { label: 'Password', type: 'password' } },
    authorize: async (credentials, request) => {
      const { authenticateWithPassword } = await import('./authenticate');
      const { clientAddress } = await import('./client-address');
      const user = await authenticateWithPassword(credentials, clientAddress(request.headers));
      if (user === 'rate-limited') {
        const { LoginRateLimited } = await import('./login-errors');
        throw new LoginRateLimited();
      }
      return user;
    },
  }),
];

if (oidc) {
  providers.push({
    id: 'oidc',
    name: oidc.name,
    type: 'oidc',
    issuer: oidc.issuer,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    checks: ['pkce', 'state', 'nonce'],
    authorization: { params: { scope: 'openid' } },
  });
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  // The console runs behind the operator's own proxy; the host header is trusted (AUTH_TRUST_HOST).
  trustHost: true,
  secret: authSecret(),
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/login', error: '/login' },
  providers,
  callbacks: {
    // An OIDC sign-in opens a store session only for a pre-provisioned (issuer, subject).
    async signIn({ user, account, profile }) {
      if (account?.provider !== 'oidc') return true;
      if (!oidc || typeof profile?.sub !== 'string') return false;
      const { openOidcSession } = await import('./authenticate-oidc');
      const sid = await openOidcSession(oidc.issuer, profile.sub);
      if (!sid) return false;
      Object.assign(user, { sid });
      return true;
    },
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
      // By type, not class name: the production build renames classes.
      const type = 'type' in error ? error.type : error.name;
      if (type === 'CredentialsSignin' || type === 'AccessDenied') return;
      console.error(error);
    },
  },
});
