import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { idCheckChar, type CreatePersonBody, type Person, type Registration } from '@jiuye/shared';
import { uniquePhone } from '../../../test/factories.js';

/**
 * A valid identity number (GB 11643) born on `birth`, of the given gender, with a random household
 * region prefix and sequence so that tests sharing a database do not collide.
 */
export function uniqueIdNumber(birth: string, gender: 'male' | 'female' = 'male', region?: string): string {
  const r = region ?? `${randomInt(11, 66)}${String(randomInt(0, 10000)).padStart(4, '0')}`;
  const seq = randomInt(0, 500) * 2 + (gender === 'male' ? 1 : 0);
  const first17 = `${r}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export function walkIn(o: Partial<CreatePersonBody> = {}): CreatePersonBody {
  return {
    fullName: '陈秀英',
    idNumber: uniqueIdNumber('1985-04-12', 'female'),
    phone: uniquePhone(),
    residenceDistrictCode: '440803',
    address: '湛江市霞山区解放西路 12 号',
    educationLevel: 'junior_high',
    ...o,
  };
}

export async function createPersonVia(
  app: FastifyInstance,
  headers: Record<string, string>,
  body: CreatePersonBody,
): Promise<Person> {
  const r = await app.inject({ method: 'POST', url: '/api/v1/persons', headers, payload: body });
  expect(r.statusCode, r.body).toBe(201);
  return r.json<Person>();
}

export async function registerUnemployedVia(
  app: FastifyInstance,
  headers: Record<string, string>,
  personId: string,
  extra: Record<string, unknown> = {},
): Promise<Registration> {
  const r = await app.inject({
    method: 'POST',
    url: '/api/v1/registrations',
    headers,
    payload: { kind: 'unemployment', personId, ...extra },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json<Registration>();
}
