/**
 * The one password rule, for the API and the browser alike (ASVS 5.0 V6.2): 12 to 128 characters, no composition
 * rules, and hard to guess — zxcvbn (common and English dictionaries plus the user's own words) must score it at
 * least MIN_PASSWORD_SCORE. zxcvbn and its dictionaries are large, so they are imported on first use only: the
 * web's initial bundle stays small, and the server loads them once.
 */
import { LIMITS } from './values';

/** zxcvbn's scale: 3 is "safely unguessable: moderate protection from offline slow-hash scenario". */
export const MIN_PASSWORD_SCORE = 3;

export type PasswordScore = 0 | 1 | 2 | 3 | 4;

/** Whose password it is: the words an attacker who targets this account tries first. */
export interface PasswordContext {
  username?: string | null | undefined;
  fullName?: string | null | undefined;
  email?: string | null | undefined;
  clinicName?: string | null | undefined;
}

export interface PasswordVerdict {
  /** zxcvbn's score, 0 (guessed at once) to 4; 0 for a length outside the limits. */
  score: PasswordScore;
  acceptable: boolean;
  /** Why it is refused, in one sentence a person can act on; null when acceptable. */
  problem: string | null;
  /** zxcvbn's warning about what makes it guessable, if any. */
  warning: string | null;
  /** zxcvbn's suggestions for a better one. */
  suggestions: string[];
}

export type PasswordChecker = (password: string, context?: PasswordContext) => PasswordVerdict;

/** The product's own name is the first word anyone tries. */
const PRODUCT_WORDS = ['vetflow'];

/**
 * The user's own words, whole, joined and in parts: "Dr. Vera Vet" → dr. vera vet, drveravet, vera, vet;
 * "vera.vet@happypaws.example" → also veravet, happypaws.example, happypaws, example.
 */
export function userWords(context: PasswordContext = {}): string[] {
  const words = new Set(PRODUCT_WORDS);
  const add = (text: string) => {
    if (text.length < 3) return;
    words.add(text);
    const parts = text.split(/[^\p{L}\p{N}]+/u);
    words.add(parts.join(''));
    for (const part of parts) if (part.length >= 3) words.add(part);
  };
  for (const value of [context.username, context.fullName, context.email, context.clinicName]) {
    const text = value?.trim().toLowerCase().slice(0, LIMITS.email);
    if (!text) continue;
    add(text);
    const at = text.lastIndexOf('@');
    if (at > 0) {
      add(text.slice(0, at));
      add(text.slice(at + 1));
    }
  }
  return [...words];
}

type Zxcvbn = { check: (password: string, userInputs?: string[]) => ZxcvbnResultLike };
interface ZxcvbnResultLike {
  score: number;
  feedback: { warning: string | null; suggestions: string[] };
}

function judge(zxcvbn: Zxcvbn, password: string, context: PasswordContext | undefined): PasswordVerdict {
  // Bound before estimating: zxcvbn's cost grows with the length, and nothing longer is accepted anyway.
  if (password.length > LIMITS.passwordMax) {
    const problem = `At most ${LIMITS.passwordMax} characters`;
    return { score: 0, acceptable: false, problem, warning: null, suggestions: [] };
  }
  const result = zxcvbn.check(password, userWords(context));
  const username = context?.username?.trim().toLowerCase();
  // The username is public (it is on every audit row): a password containing it is never good enough.
  const containsUsername = !!username && username.length >= 3 && password.toLowerCase().includes(username);
  const tooShort = password.length < LIMITS.passwordMin;
  const score = (tooShort || containsUsername ? Math.min(result.score, 2) : result.score) as PasswordScore;
  const { warning, suggestions } = result.feedback;
  let problem: string | null = null;
  if (tooShort) problem = `At least ${LIMITS.passwordMin} characters`;
  else if (containsUsername) problem = 'Must not contain the username.';
  else if (result.score < MIN_PASSWORD_SCORE) {
    problem = ['Too easy to guess.', warning, ...suggestions].filter(Boolean).join(' ');
  }
  return { score, acceptable: problem === null, problem, warning: warning || null, suggestions };
}

let loading: Promise<PasswordChecker> | undefined;

/** zxcvbn with its common and English dictionaries, loaded once (a failed load is retried on the next call). */
export function loadPasswordChecker(): Promise<PasswordChecker> {
  loading ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    const zxcvbn = new ZxcvbnFactory({
      translations: en.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...en.dictionary },
    });
    return (password: string, context?: PasswordContext) => judge(zxcvbn, password, context);
  })().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** The verdict on a new password (loads the checker on first use). */
export async function checkPassword(password: string, context?: PasswordContext): Promise<PasswordVerdict> {
  return (await loadPasswordChecker())(password, context);
}
