import { z } from 'zod';

export const loginSchema = z.object({
  email: z.email('Enter your email address.').max(200),
  password: z.string().min(1, 'Enter your password.').max(200),
});
