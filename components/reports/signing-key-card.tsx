import type { ReportSigningKey } from '@/lib/hsm/types';
import { formatTime } from '@/components/format';

/** The HSM's report-signing public key, its fingerprint, and how to check a download with OpenSSL. */
export function SigningKeyCard({ signingKey }: { signingKey: ReportSigningKey }) {
  const grouped = signingKey.fingerprint.match(/.{1,4}/g)?.join(' ') ?? signingKey.fingerprint;
  return (
    <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-sm" data-testid="signing-key">
      <p>
        Every report is signed by the HSM cluster&apos;s report-signing key ({signingKey.algorithm}), made on{' '}
        {formatTime(signingKey.createdAt)}. The private key never leaves the HSM.
      </p>
      <p>
        <span className="font-medium">SHA-256 fingerprint:</span>{' '}
        <code className="break-all font-mono text-xs" data-testid="signing-key-fingerprint" title={signingKey.fingerprint}>
          {grouped}
        </code>
      </p>
      <pre className="overflow-x-auto rounded-md bg-slate-50 p-2 font-mono text-xs">{signingKey.publicKeyPem}</pre>
      <p>
        <a href="/api/reports/signing-key" className="font-medium text-brand-700 hover:underline" download>
          Download report-signing-key.pem
        </a>
      </p>
      <div>
        <p className="font-medium">Verify a downloaded report and its .sig:</p>
        <pre className="mt-1 overflow-x-auto rounded-md bg-slate-900 p-2 font-mono text-xs text-slate-100">
          {`openssl pkey -pubin -in report-signing-key.pem -outform DER | openssl dgst -sha256   # = fingerprint above
openssl dgst -sha256 -verify report-signing-key.pem -signature report.csv.sig report.csv   # Verified OK`}
        </pre>
      </div>
    </div>
  );
}
