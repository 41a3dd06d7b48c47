import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

describe('reference data', () => {
  it('lists Zhanjiang’s nine districts under 440800', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/reference/regions?parent=440800' });
    expect(r.statusCode).toBe(200);
    const codes = (JSON.parse(r.body) as { items: { code: string }[] }).items.map((i) => i.code);
    expect(codes).toEqual([
      '440802',
      '440803',
      '440804',
      '440811',
      '440823',
      '440825',
      '440881',
      '440882',
      '440883',
    ]);
  });

  it('lists provinces without a parent', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/reference/regions' });
    const items = (JSON.parse(r.body) as { items: { code: string; name: string }[] }).items;
    expect(items.find((i) => i.code === '440000')?.name).toBe('广东省');
    expect(items.length).toBeGreaterThanOrEqual(31);
  });

  it('refuses an unknown parent code with 400 naming the parameter', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/reference/regions?parent=449999' });
    expect(r.statusCode).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ errors: [{ path: 'parent', code: 'unknown_region' }] });
    const f = await t.app.inject({ method: 'GET', url: '/api/v1/reference/regions?parent=44' });
    expect(f.statusCode).toBe(400);
    expect(JSON.parse(f.body)).toMatchObject({ errors: [{ path: 'parent' }] });
  });

  it('finds welders when a worker types 焊工', async () => {
    const r = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reference/occupations?q=${encodeURIComponent('焊工')}`,
    });
    expect(r.statusCode).toBe(200);
    const items = (
      JSON.parse(r.body) as { items: { nameZh: string; isco08: string | null; level: number }[] }
    ).items;
    const welder = items.find((i) => i.nameZh.includes('焊工'));
    expect(welder?.isco08).toBe('7212');
  });

  it('searches occupations in English and lists industries and education levels', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/reference/occupations?q=electrician' });
    expect((JSON.parse(r.body) as { total: number }).total).toBeGreaterThan(0);
    const ind = JSON.parse(
      (await t.app.inject({ method: 'GET', url: '/api/v1/reference/industries' })).body,
    ) as { items: { code: string }[] };
    expect(ind.items.map((i) => i.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    const edu = JSON.parse(
      (await t.app.inject({ method: 'GET', url: '/api/v1/reference/education-levels' })).body,
    ) as { items: { code: string }[] };
    expect(edu.items.map((i) => i.code)).toEqual([
      'graduate',
      'bachelor',
      'college',
      'secondary_vocational',
      'senior_high',
      'junior_high',
      'primary',
    ]);
  });

  it('records the loaded dataset versions', async () => {
    const r = JSON.parse((await t.app.inject({ method: 'GET', url: '/api/v1/reference/versions' })).body) as {
      items: { name: string; rowCount: number }[];
    };
    expect(r.items.map((i) => i.name).sort()).toEqual([
      'education_levels',
      'industries',
      'occupations',
      'regions',
    ]);
    expect(r.items.find((i) => i.name === 'occupations')?.rowCount).toBeGreaterThan(300);
  });
});
