import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './app.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

describe('platform', () => {
  it('reports health with the database', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ status: 'ok', db: 'ok' });
    expect(r.headers['x-request-id']).toBeTruthy();
  });

  it('answers unknown API routes with problem+json in the asked language', async () => {
    const zh = await t.app.inject({ method: 'GET', url: '/api/v1/nowhere' });
    expect(zh.statusCode).toBe(404);
    expect(zh.headers['content-type']).toContain('application/problem+json');
    const body = JSON.parse(zh.body) as { code: string; title: string; instance: string };
    expect(body.code).toBe('route_not_found');
    expect(body.title).toBe('接口不存在');
    expect(body.instance).toBe(zh.headers['x-request-id']);
    const en = await t.app.inject({
      method: 'GET',
      url: '/api/v1/nowhere',
      headers: { 'accept-language': 'en' },
    });
    expect((JSON.parse(en.body) as { title: string }).title).toBe('No such API route');
  });

  it('refuses malformed JSON, wrong content types and huge bodies with 4xx problem+json', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"phone":',
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ code: 'malformed_request' });
    const xml = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(xml.statusCode).toBe(415);
    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ displayName: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
  });

  it('sends security headers', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('never logs passwords or session cookies', async () => {
    const lines: string[] = [];
    const { buildApp } = await import('../src/app.js');
    const { Writable } = await import('node:stream');
    const stream = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const { REDACT_PATHS } = await import('../src/platform/logger.js');
    const app = await buildApp(t.deps, {
      logger: { level: 'trace', stream, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    });
    try {
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { cookie: 'jiuye_sid=secret-cookie-value', authorization: 'Bearer jy_secret_token_value' },
        payload: { phone: '13800000009', password: 'Sup3rSecretPw' },
      });
      app.log.info({ password: 'Sup3rSecretPw', idNumber: '11010519491231002X' }, 'careless');
    } finally {
      await app.close();
    }
    const all = lines.join('');
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain('Sup3rSecretPw');
    expect(all).not.toContain('secret-cookie-value');
    expect(all).not.toContain('jy_secret_token_value');
    expect(all).not.toContain('11010519491231002X');
  });
});

describe('field error codes', () => {
  it('tells a missing field (required) from a wrong type (invalid_type)', async () => {
    const t2 = await testApp();
    try {
      const r = await t2.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { phone: 13800000000 },
      });
      const errors = (JSON.parse(r.body) as { errors: { path: string; code: string }[] }).errors;
      expect(errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'phone', code: 'invalid_type' }),
          expect.objectContaining({ path: 'password', code: 'required' }),
        ]),
      );
    } finally {
      await t2.close();
    }
  });
});
