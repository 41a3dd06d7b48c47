import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { idCheckChar, type PutResumeBody } from '@jiuye/shared';

/** A valid identity number (GB 11643) for a region, a birth date (YYYY-MM-DD) and a 3-digit sequence (odd: male). */
export function idNumber(region: string, birth: string, seq: string): string {
  const first17 = `${region}${birth.replace(/-/g, '')}${seq}`;
  return first17 + idCheckChar(first17);
}

/** A random valid identity number of a man born 1970–1999 (tests share a database: numbers must not collide). */
export function randomIdNumber(region = '440803', male = true): string {
  const day = new Date(Date.UTC(1970, 0, 1) + randomInt(0, 30 * 365) * 86400_000).toISOString().slice(0, 10);
  const seq = randomInt(0, 500) * 2 + (male ? 1 : 0);
  return idNumber(region, day, String(seq).padStart(3, '0'));
}

/** A welder's résumé in 霞山区, the acceptance test's seeker (with a fresh identity number). */
export function welderResume(o: Partial<PutResumeBody> = {}): PutResumeBody {
  return {
    fullName: '李建华',
    idNumber: randomIdNumber(),
    educationLevel: 'junior_high',
    skills: ['二保焊', '氩弧焊'],
    experiences: [
      {
        employer: '湛江某船厂',
        title: '电焊工',
        occupationCode: '6-18-02-04',
        from: '2016-03',
        to: '2020-01',
        description: '船体分段焊接',
      },
    ],
    certificates: [{ name: '特种作业操作证（焊接与热切割作业）', issuer: '广东省应急管理厅' }],
    desiredOccupationCodes: ['6-18-02-04'],
    desiredDistrictCodes: ['440803'],
    expectedSalaryMinFen: 700_000,
    availableFrom: null,
    willingToRelocate: false,
    currentRegionCode: '440803',
    ...o,
  };
}

export async function putResume(
  app: FastifyInstance,
  headers: Record<string, string>,
  body: PutResumeBody,
  lang = 'zh-CN',
) {
  return app.inject({
    method: 'PUT',
    url: '/api/v1/me/resume',
    headers: { ...headers, 'accept-language': lang },
    payload: body,
  });
}
