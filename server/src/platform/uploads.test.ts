import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { signedIn } from '../../test/factories.js';
import { apiEnterprise, multipartFile } from '../modules/enterprises/enterprises.test-support.js';
import {
  contentDisposition,
  DOCUMENT_MEDIA_TYPES,
  safeDownloadName,
  SNIFFABLE_MEDIA_TYPES,
  sniffMediaType,
  XLSX_MEDIA_TYPE,
  zipUncompressedSize,
} from './uploads.js';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32)]);
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');
/** Valid PDF magic, then markup a browser's sniffer would render as a page. */
const POLYGLOT = Buffer.from('%PDF-1.4\n<html><script>fetch("/api/v1/me")</script></html>\n%%EOF');

describe('sniffMediaType', () => {
  it('recognises PDF, JPEG, PNG and zip by their bytes, limited to what the caller accepts', () => {
    expect(sniffMediaType(PDF, DOCUMENT_MEDIA_TYPES)).toBe('application/pdf');
    expect(sniffMediaType(PNG, DOCUMENT_MEDIA_TYPES)).toBe('image/png');
    expect(sniffMediaType(JPEG, DOCUMENT_MEDIA_TYPES)).toBe('image/jpeg');
    const zip = Buffer.from('PK\x03\x04rest', 'latin1');
    expect(sniffMediaType(zip, SNIFFABLE_MEDIA_TYPES)).toBe(XLSX_MEDIA_TYPE);
    expect(sniffMediaType(zip, DOCUMENT_MEDIA_TYPES)).toBeNull();
    expect(sniffMediaType(PDF, [XLSX_MEDIA_TYPE])).toBeNull();
  });

  it('refuses HTML, empty files and polyglots', () => {
    expect(sniffMediaType(HTML, SNIFFABLE_MEDIA_TYPES)).toBeNull();
    expect(sniffMediaType(Buffer.alloc(0), SNIFFABLE_MEDIA_TYPES)).toBeNull();
    expect(sniffMediaType(POLYGLOT, SNIFFABLE_MEDIA_TYPES)).toBeNull();
    const svgInPng = Buffer.concat([PNG, Buffer.from('<svg onload="alert(1)"/>')]);
    expect(sniffMediaType(svgInPng, DOCUMENT_MEDIA_TYPES)).toBeNull();
  });

  it('guards against zip bombs by the sizes the central directory claims', () => {
    expect(zipUncompressedSize(Buffer.from('not a zip'))).toBeNull();
    expect(zipUncompressedSize(PDF)).toBeNull();
  });
});

describe('download names', () => {
  it('strips paths, control and reserved characters, and keeps Chinese names for filename*', () => {
    expect(safeDownloadName('../../etc/passwd')).toBe('passwd');
    expect(safeDownloadName('a\r\nb".pdf')).toBe('a__b_.pdf');
    expect(safeDownloadName('...')).toBe('download');
    expect(safeDownloadName(`${'长'.repeat(200)}.xlsx`)).toMatch(/^长{115}\.xlsx$/);
    const h = contentDisposition('湛江市月度报告 2026-10.pdf', 'jiuye-report-2026-10.pdf');
    expect(h).toBe(
      `attachment; filename="jiuye-report-2026-10.pdf"; filename*=UTF-8''${encodeURIComponent('湛江市月度报告 2026-10.pdf')}`,
    );
    expect(contentDisposition('x"; filename=evil.html')).toMatch(
      /^attachment; filename="x__ filename=evil.html"/,
    );
    expect(contentDisposition('中文.pdf')).toMatch(
      /^attachment; filename="__.pdf"; filename\*=UTF-8''%E4%B8%AD%E6%96%87\.pdf$/,
    );
  });
});

describe('upload routes', () => {
  let t: TestApp;
  let employer: Record<string, string>;
  let url: string;
  beforeAll(async () => {
    t = await testApp();
    employer = (await signedIn(t.app, t.db, 'employer')).headers;
    const { id } = await apiEnterprise(t.app, employer);
    url = `/api/v1/enterprises/${id}/licence`;
  });
  afterAll(async () => {
    await t.close();
  });

  const upload = (mp: { payload: Buffer; headers: Record<string, string> }) =>
    t.app.inject({ method: 'POST', url, headers: { ...employer, ...mp.headers }, payload: mp.payload });

  it('refuses an HTML page renamed .pdf and declared application/pdf (415, by content)', async () => {
    const res = await upload(multipartFile('licence.pdf', HTML, 'application/pdf'));
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json<{ errors: { path: string; code: string }[] }>().errors).toEqual([
      expect.objectContaining({ path: 'file', code: 'file_type' }),
    ]);
  });

  it('refuses a PDF/HTML polyglot', async () => {
    const res = await upload(multipartFile('licence.pdf', POLYGLOT, 'application/pdf'));
    expect(res.statusCode).toBe(415);
  });

  it('answers an oversize file with 413 problem+json', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024 + 10, 0x20)]);
    const res = await upload(multipartFile('big.pdf', big));
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json<{ errors: { code: string }[] }>().errors[0]?.code).toBe('file_too_large');
  });

  it('refuses more than one file in one request', async () => {
    const boundary = `----jiuye${randomUUID().replace(/-/g, '')}`;
    const part = (name: string) =>
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        PDF,
        Buffer.from('\r\n'),
      ]);
    const payload = Buffer.concat([part('a.pdf'), part('b.pdf'), Buffer.from(`--${boundary}--\r\n`)]);
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: { ...employer, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('stores under a server-made name and serves it as an attachment with nosniff', async () => {
    const up = await upload(multipartFile('<script>x</script>.html', PDF, 'text/html'));
    expect(up.statusCode).toBe(200);
    const res = await t.app.inject({ method: 'GET', url, headers: employer });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="licence-[0-9A-Z]+\.pdf"; filename\*=/,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toContain('no-store');
  });
});
