import { checkPassword, type PasswordContext } from '@vetflow/schema/password-strength';

/**
 * Why a new password is refused, or null: the shared rule (12–128 characters, no composition rules, zxcvbn score
 * of at least 3 against its dictionaries and the account's own words), the same function the SPA shows while typing.
 */
export async function passwordProblem(password: string, account: PasswordContext): Promise<string | null> {
  return (await checkPassword(password, account)).problem;
}
