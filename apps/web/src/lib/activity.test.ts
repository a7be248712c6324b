import { describe, expect, it } from 'vitest';
import { activityHeaders, adaptToIdleWindow, UNATTENDED_HEADER } from './activity';

describe('activityHeaders', () => {
  it('marks a call unattended once nobody has touched the page for a minute, or a third of a short idle window', () => {
    const now = Date.now();
    expect(activityHeaders(now)).toEqual({});
    expect(activityHeaders(now + 59_000)).toEqual({});
    expect(activityHeaders(now + 61_000)).toEqual({ [UNATTENDED_HEADER]: '1' });
    adaptToIdleWindow(30_000);
    expect(activityHeaders(now + 9_000)).toEqual({});
    expect(activityHeaders(now + 11_000)).toEqual({ [UNATTENDED_HEADER]: '1' });
    adaptToIdleWindow(30 * 60_000);
    expect(activityHeaders(now + 59_000)).toEqual({});
  });
});
