import { z } from 'zod';

const TRUE = new Set(['true', 'on', '1']);
const FALSE = new Set(['false', 'off', '0', '']);

/**
 * A switch value posted by a form. "true", "on", "1" are true; "false", "off", "0" and "" are false;
 * anything else is a field error. Absent stays undefined: that policy is unchanged.
 */
export const formBoolean = z
  .string({ error: 'Must be true or false.' })
  .transform((value, context) => {
    const normal = value.trim().toLowerCase();
    if (TRUE.has(normal)) return true;
    if (FALSE.has(normal)) return false;
    context.addIssue({ code: 'custom', message: `"${value.slice(0, 20)}" is not true or false.` });
    return z.NEVER;
  });
