import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { uniqueCreditCode } from '../../../test/channel-factories.js';

/** A multipart/form-data body with one `file` part, as a browser sends it. */
export function multipartFile(
  filename: string,
  content: Buffer,
  contentType = 'application/octet-stream',
  field = 'file',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----jiuye${randomUUID().replace(/-/g, '')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export function enterpriseBody(over: Record<string, unknown> = {}) {
  return {
    name: '湛江港湾水产食品有限公司',
    creditCode: uniqueCreditCode(),
    industryCode: 'C',
    districtCode: '440803',
    size: 'small',
    address: '湛江市霞山区海滨大道 1 号',
    contactName: '王敏',
    contactPhone: '13900000001',
    ...over,
  };
}

/** Creates an enterprise through the API as the signed-in employer; answers its id. */
export async function apiEnterprise(
  app: FastifyInstance,
  headers: Record<string, string>,
  over: Record<string, unknown> = {},
): Promise<{ id: string; creditCode: string }> {
  const body = enterpriseBody(over);
  const res = await app.inject({ method: 'POST', url: '/api/v1/enterprises', headers, payload: body });
  if (res.statusCode !== 201) throw new Error(`create enterprise: ${res.statusCode} ${res.body}`);
  const e = res.json<{ id: string; creditCode: string }>();
  return { id: e.id, creditCode: e.creditCode };
}
