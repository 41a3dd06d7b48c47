import type { FastifyRequest } from 'fastify';
import { LICENCE_MEDIA_TYPES } from '@jiuye/shared';
import { AppError, fieldError } from '../../platform/errors.js';

export type Upload = { buffer: Buffer; filename: string | null };

/**
 * Reads the one file part of a multipart request into memory, at most `maxBytes`. Every way a client
 * can get this wrong is a 4xx naming the `file` field: not multipart (415), no file (400), too large
 * (413), a broken form (400). The declared content type is ignored: callers sniff the bytes.
 */
export async function readSingleFile(request: FastifyRequest, maxBytes: number): Promise<Upload> {
  if (!request.isMultipart()) {
    throw new AppError('unsupported_media_type', { fields: [{ path: 'file', code: 'file_required' }] });
  }
  try {
    const part = await request.file({ limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 20 } });
    if (!part) throw fieldError('file', 'file_required');
    const buffer = await part.toBuffer();
    if (buffer.length === 0) throw fieldError('file', 'file_required');
    return { buffer, filename: part.filename ? part.filename.slice(0, 200) : null };
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: unknown }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('payload_too_large', {
        fields: [{ path: 'file', code: 'file_too_large' }],
        cause: err,
      });
    }
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw new AppError('payload_too_large', { cause: err });
    }
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      throw new AppError('unsupported_media_type', {
        fields: [{ path: 'file', code: 'file_required' }],
        cause: err,
      });
    }
    // busboy: missing boundary, truncated form, malformed part headers…
    throw new AppError('malformed_request', { cause: err });
  }
}

export type LicenceMediaType = (typeof LICENCE_MEDIA_TYPES)[number];

/** The media type by magic bytes, whatever the name or declared type says. */
export function sniffLicenceType(buf: Buffer): LicenceMediaType | null {
  if (buf.length >= 5 && buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (
    buf.length >= 8 &&
    buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  ) {
    return 'image/png';
  }
  return null;
}

export const EXTENSION_OF: Record<LicenceMediaType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};
