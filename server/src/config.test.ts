import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('config', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.JIUYE_AUTH_RATE_PER_MINUTE).toBe(30);
    expect(c.dataDir).toMatch(/data$/);
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('lists every bad key at once', () => {
    let err: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        JIUYE_AUTH_RATE_PER_MINUTE: '0',
        JIUYE_ADMIN_PHONE: '123',
        LOG_LEVEL: 'loud',
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const keys = (err as ConfigError).problems.map((p) => p.split(':')[0]).sort();
    expect(keys).toEqual([
      'DATABASE_URL',
      'JIUYE_ADMIN_PHONE',
      'JIUYE_AUTH_RATE_PER_MINUTE',
      'LOG_LEVEL',
      'PORT',
    ]);
  });

  it('requires the admin phone and password together, and both keys together', () => {
    expect(() => loadConfig({ JIUYE_ADMIN_PHONE: '13800000000' })).toThrow(/set both or neither/);
    expect(() => loadConfig({ JIUYE_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64') })).toThrow(
      /set both or neither/,
    );
    expect(() => loadConfig({ JIUYE_ENCRYPTION_KEY: 'c2hvcnQ=', JIUYE_HMAC_KEY: 'c2hvcnQ=' })).toThrow(
      /32 bytes/,
    );
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
  });
});
