import { describe, expect, it } from 'vitest';
import { clockFromConfig, offsetClock, systemClock } from '../src/clock';
import { ConfigError, loadConfig } from '../src/config';

/** VETFLOW_CLOCK_START: browser tests start the server's clock at a chosen instant; nothing else may. */
describe('VETFLOW_CLOCK_START', () => {
  it('starts the clock at the given instant in tests, then lets it run', () => {
    const config = loadConfig({ NODE_ENV: 'test', VETFLOW_CLOCK_START: '2026-11-24T10:10:00Z' });
    expect(config.clockStart).toEqual(new Date('2026-11-24T10:10:00Z'));
    expect(
      loadConfig({ NODE_ENV: 'test', VETFLOW_CLOCK_START: '2026-11-24T11:10:00+01:00' }).clockStart,
    ).toEqual(new Date('2026-11-24T10:10:00Z'));

    let real = Date.parse('2030-01-01T00:00:00Z');
    const clock = offsetClock(new Date('2026-11-24T10:10:00Z'), () => real);
    expect(clock.now().toISOString()).toBe('2026-11-24T10:10:00.000Z');
    real += 90_000;
    expect(clock.now().toISOString()).toBe('2026-11-24T10:11:30.000Z');

    const started = clockFromConfig(config).now().getTime();
    expect(Math.abs(started - Date.parse('2026-11-24T10:10:00Z'))).toBeLessThan(5_000);
  });

  it('is unset by default: the system clock', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    expect(config.clockStart).toBeUndefined();
    expect(clockFromConfig(config)).toBe(systemClock);
  });

  it('is refused outside NODE_ENV=test, naming the variable', () => {
    for (const NODE_ENV of ['production', 'development', undefined]) {
      const env = { VETFLOW_CLOCK_START: '2026-11-24T10:10:00Z', ...(NODE_ENV ? { NODE_ENV } : {}) };
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(
        /^Invalid configuration: VETFLOW_CLOCK_START: only allowed when NODE_ENV=test/,
      );
    }
  });

  it('must be an ISO instant with a zone', () => {
    for (const value of ['tomorrow', '2026-11-24', '2026-11-24T10:10:00', '2026-13-01T00:00:00Z']) {
      expect(() => loadConfig({ NODE_ENV: 'test', VETFLOW_CLOCK_START: value })).toThrow(
        /^Invalid configuration: VETFLOW_CLOCK_START: /,
      );
    }
  });
});
