import type { FastifyInstance } from 'fastify';
import type { CreateBusTripBody, CreateTravelRequestBody } from '@jiuye/shared';

/* Test helpers for the buses module's test files (not shipped: only *.test.ts import this). */

export type Headers = Record<string, string>;

/** A China calendar day `days` from now (YYYY-MM-DD). */
export function dayFromNow(days: number, now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** 08:00 China time on the day `days` from now, plus `hours`. */
export function at(days: number, hours = 8): string {
  const d = new Date(`${dayFromNow(days)}T00:00:00+08:00`);
  return new Date(d.getTime() + hours * 3600_000).toISOString();
}

export function requestBody(over: Partial<CreateTravelRequestBody> = {}): CreateTravelRequestBody {
  return {
    originRegionCode: '450206',
    pickupPoint: '柳江区拉堡镇汽车站',
    destinationDistrictCode: '440803',
    earliestDate: dayFromNow(3),
    phone: '13712345678',
    health: { temperatureCelsius: 36.5, symptoms: [], contactWithCase: false, visitedHighRiskArea: false },
    healthConsent: true,
    ...over,
  };
}

export function tripBody(escortStaffId: string, over: Partial<CreateBusTripBody> = {}): CreateBusTripBody {
  return {
    originRegionCode: '450200',
    pickupPoint: '柳江区拉堡镇汽车站',
    stops: [
      { regionCode: '450206', pickupPoint: '柳江区拉堡镇汽车站' },
      { regionCode: '450222', pickupPoint: '柳城县汽车总站' },
    ],
    destinationDistrictCode: '440803',
    departAt: at(4, 8),
    arriveBy: at(4, 18),
    capacity: 45,
    loadLimitPercent: 50,
    plate: '粤G12345',
    driverName: '陈师傅',
    escortStaffId,
    ...over,
  };
}

export async function call<T = unknown>(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT',
  url: string,
  headers: Headers,
  payload?: unknown,
): Promise<{ status: number; body: T; headers: Record<string, unknown> }> {
  const res = await app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  const ct = String(res.headers['content-type'] ?? '');
  return {
    status: res.statusCode,
    body: (ct.includes('json') ? JSON.parse(res.body) : res.rawPayload) as T,
    headers: res.headers,
  };
}

export type Problem = {
  code: string;
  status: number;
  detail?: string;
  errors?: { path: string; code: string }[];
};
