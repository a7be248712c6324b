import { Progress, Stack, Text } from '@mantine/core';
import {
  loadPasswordChecker,
  type PasswordChecker,
  type PasswordContext,
  type PasswordScore,
} from '@vetflow/schema/password-strength';
import { useDeferredValue, useEffect, useState } from 'react';

/**
 * The shared password rule (the server's own), once zxcvbn and its dictionaries have loaded: they are a separate
 * chunk, fetched when a password form opens. Null until then; the server judges every password anyway.
 */
export function usePasswordChecker(): PasswordChecker | null {
  const [checker, setChecker] = useState<PasswordChecker | null>(null);
  useEffect(() => {
    let live = true;
    loadPasswordChecker().then(
      (loaded) => {
        if (live) setChecker(() => loaded);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return checker;
}

const LABELS: Record<PasswordScore, string> = {
  0: 'very weak',
  1: 'weak',
  2: 'fair',
  3: 'strong',
  4: 'very strong',
};
const COLORS: Record<PasswordScore, string> = { 0: 'red', 1: 'red', 2: 'orange', 3: 'teal', 4: 'green' };

/** A strength meter with zxcvbn's feedback under a new-password field, updated while typing. */
export function PasswordStrength({
  password,
  account,
  checker,
}: {
  password: string;
  account: PasswordContext;
  checker: PasswordChecker | null;
}) {
  const typed = useDeferredValue(password);
  if (!checker || !typed) return null;
  const verdict = checker(typed, account);
  const advice = verdict.acceptable
    ? []
    : [verdict.problem?.startsWith('Too easy') ? verdict.warning : verdict.problem, ...verdict.suggestions];
  return (
    <Stack gap={4} data-testid="password-strength">
      <Progress
        value={(verdict.score + 1) * 20}
        color={COLORS[verdict.score]}
        size="sm"
        aria-label={`Password strength: ${LABELS[verdict.score]}`}
      />
      <Text size="sm" aria-live="polite">
        Strength: {LABELS[verdict.score]}
        {verdict.acceptable ? ' — good enough' : ' — not accepted yet'}
      </Text>
      {advice.filter(Boolean).map((line) => (
        <Text size="sm" key={line}>
          {line}
        </Text>
      ))}
    </Stack>
  );
}
