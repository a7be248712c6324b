import { describe, expect, it } from 'vitest';
import { checkPassword, MIN_PASSWORD_SCORE, userWords } from '../src/password-strength';
import { LIMITS } from '../src/values';

const vera = {
  username: 'vera.vet',
  fullName: 'Dr. Vera Vet',
  email: 'vera.vet@happypaws.example',
  clinicName: 'Happy Paws Clinic',
};

describe('the shared password rule', { timeout: 20_000 }, () => {
  it.each(['Password1234!', 'iloveyou1234', 'aaaaaaaaaaaa', ' '.repeat(12)])(
    'refuses the guessable %j with zxcvbn feedback',
    async (password) => {
      const verdict = await checkPassword(password, vera);
      expect(verdict.acceptable).toBe(false);
      expect(verdict.score).toBeLessThan(MIN_PASSWORD_SCORE);
      expect(verdict.problem).toMatch(/^Too easy to guess\. .+/);
      expect(verdict.warning ?? verdict.suggestions[0]).toBeTruthy();
    },
  );

  it.each(['vera.vet2024!', 'happypaws2024', 'vetflow123456', 'happy paws clinic 1'])(
    'refuses %j, built from the account and clinic words',
    async (password) => {
      const verdict = await checkPassword(password, vera);
      expect(verdict.acceptable).toBe(false);
      expect(verdict.problem).toBeTruthy();
    },
  );

  it("the same words are fine for someone else (they count because they are the user's own)", async () => {
    const verdict = await checkPassword('happypaws-veravet', vera);
    const stranger = await checkPassword('happypaws-veravet', { username: 'otto' });
    expect(verdict.score).toBeLessThan(stranger.score);
  });

  it.each(['lantern-orbit-meadow-4417', 'Rosemary-Tiger-Kettle-97', 'correct horse battery'])(
    'accepts the strong %j',
    async (password) => {
      const verdict = await checkPassword(password, vera);
      expect(verdict).toMatchObject({ acceptable: true, problem: null });
      expect(verdict.score).toBeGreaterThanOrEqual(MIN_PASSWORD_SCORE);
    },
  );

  it('keeps 12 to 128 characters, without composition rules', async () => {
    expect((await checkPassword('kX9#mQ2$vL', vera)).problem).toBe(
      `At least ${LIMITS.passwordMin} characters`,
    );
    const long = 'lantern orbit meadow '.repeat(7);
    expect(long.length).toBeGreaterThan(LIMITS.passwordMax);
    expect((await checkPassword(long, vera)).problem).toBe(`At most ${LIMITS.passwordMax} characters`);
    // All lower case, no digits, no symbols: fine when it is hard to guess.
    expect((await checkPassword('quietly orbiting lanterns', vera)).acceptable).toBe(true);
  });

  it('refuses a password containing the username', async () => {
    expect((await checkPassword('my-vera.vet-secret-passphrase', vera)).problem).toBe(
      'Must not contain the username.',
    );
  });

  it("collects the user's words whole and in parts, with the product name", () => {
    expect(userWords(vera)).toEqual(
      expect.arrayContaining(['vetflow', 'vera.vet', 'vera', 'vet', 'happypaws', 'happy', 'paws', 'clinic']),
    );
  });
});
