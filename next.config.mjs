/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and pg has optional native bits: load both from node_modules at run time.
  // PDFKit reads its font metrics from its own folder at run time, so it must not be bundled either.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'pdfkit'],
  poweredByHeader: false,
  experimental: {
    serverActions: { bodySizeLimit: '1mb' },
  },
};

export default nextConfig;
