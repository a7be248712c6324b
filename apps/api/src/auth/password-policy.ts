import { LIMITS } from '@vetflow/schema/values';
import { dictionary } from '@zxcvbn-ts/language-common';

/** The shipped list of common passwords (zxcvbn's), kept to those long enough to pass the length rule. */
const COMMON_PASSWORDS = new Set(
  (dictionary['passwords-common'] as string[])
    .filter((p) => p.length >= LIMITS.passwordMin)
    .map((p) => p.toLowerCase()),
);

/** Length 12–128, no composition rules; refuses common passwords and the username itself. Returns a reason or null. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < LIMITS.passwordMin) return `At least ${LIMITS.passwordMin} characters`;
  if (password.length > LIMITS.passwordMax) return `At most ${LIMITS.passwordMax} characters`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'This password is too common; choose another';
  if (username && lower.includes(username.toLowerCase())) return 'The password must not contain the username';
  return null;
}
