import { describe, expect, it } from 'vitest';
import { activityHeaders, UNATTENDED_AFTER_MS, UNATTENDED_HEADER } from './activity';

describe('activityHeaders', () => {
  it('marks a call unattended only once nobody has touched the page for a while', () => {
    const now = Date.now();
    expect(activityHeaders(now)).toEqual({});
    expect(activityHeaders(now + UNATTENDED_AFTER_MS - 1_000)).toEqual({});
    expect(activityHeaders(now + UNATTENDED_AFTER_MS + 1_000)).toEqual({ [UNATTENDED_HEADER]: '1' });
  });
});
