import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './app.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

type Operation = {
  operationId?: string;
  summary?: string;
  responses?: Record<string, { content?: Record<string, unknown> }>;
};

describe('OpenAPI document', () => {
  it('is served at /api/openapi.json and validates as OpenAPI 3.1', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = JSON.parse(res.body) as { openapi: string };
    expect(doc.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('gives every operation an operationId, a summary and problem+json error responses', async () => {
    const doc = JSON.parse((await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).body) as {
      paths: Record<string, Record<string, Operation>>;
    };
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([m, op]) => ({ path, m, op })),
    );
    expect(ops.length).toBe(t.app.routeTable.filter((r) => r.operationId).length);
    const ids = new Set<string>();
    for (const { path, m, op } of ops) {
      const where = `${m.toUpperCase()} ${path}`;
      expect(op.operationId, where).toBeTruthy();
      expect(op.summary, where).toBeTruthy();
      expect(ids.has(op.operationId ?? ''), `duplicate operationId ${op.operationId}`).toBe(false);
      ids.add(op.operationId ?? '');
      const errors = Object.entries(op.responses ?? {}).filter(([s]) => Number(s) >= 400);
      expect(
        errors.map(([s]) => s),
        where,
      ).toContain('500');
      for (const [status, resp] of errors) {
        expect(Object.keys(resp.content ?? {}), `${where} ${status}`).toEqual(['application/problem+json']);
      }
    }
  });

  it('documents every declared route', async () => {
    const doc = JSON.parse((await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).body) as {
      paths: Record<string, Record<string, Operation>>;
    };
    for (const r of t.app.routeTable.filter((x) => x.operationId)) {
      const path = r.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[r.method.toLowerCase()], `${r.method} ${r.url}`).toBeDefined();
    }
  });

  it('serves the docs UI', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });
});
