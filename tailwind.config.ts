import type { Config } from 'tailwindcss';

// Tailwind 4 reads its theme from app/globals.css (@theme); this file is loaded there with @config
// and holds only what CSS cannot say: where class names are found.
const config: Config = {
  content: ['./app/**/*.{ts,tsx}', './components/**/*.{ts,tsx}'],
};

export default config;
