import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, fieldError } from './errors.js';

/**
 * Files in and out (issue 9): the type of an upload is decided by its bytes, never by the client's
 * file name or declared Content-Type; sizes and part counts are bounded while streaming; stored
 * files get server-made names; downloads are always attachments with nosniff.
 */

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const SNIFFABLE_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png', XLSX_MEDIA_TYPE] as const;
export type SniffedMediaType = (typeof SNIFFABLE_MEDIA_TYPES)[number];

/** PDF, JPEG and PNG: what licences, policy documents and consent forms may be. */
export const DOCUMENT_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentMediaType = (typeof DOCUMENT_MEDIA_TYPES)[number];

export const EXTENSION_OF_MEDIA_TYPE: Record<SniffedMediaType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  [XLSX_MEDIA_TYPE]: 'xlsx',
};

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Markup a browser's content sniffer would take for HTML (or script-capable SVG/XML) within the
 * first bytes. A file that passes a magic-byte check but carries these up front is a polyglot:
 * harmless as we serve it (attachment, nosniff), but refused all the same, as nobody's scan of a
 * licence starts with a script tag.
 */
const MARKUP_NEAR_START =
  /<\s*(?:!doctype\s+html|html|head|body|script|iframe|svg|object|embed|meta|a\s)|<\?xml/i;
const SNIFF_WINDOW = 1024;

function magicType(buf: Buffer): SniffedMediaType | null {
  if (buf.length >= 5 && buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(PNG_MAGIC)) return 'image/png';
  if (buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50) return XLSX_MEDIA_TYPE;
  return null;
}

/**
 * The media type by magic bytes, limited to `accept`; null for anything else, including polyglots
 * (HTML/script markup in the first KiB). An .xlsx is recognised as a zip here; its workbook parser
 * and `zipUncompressedSize` do the rest.
 */
export function sniffMediaType<T extends SniffedMediaType>(buf: Buffer, accept: readonly T[]): T | null {
  const type = magicType(buf);
  if (!type || !(accept as readonly SniffedMediaType[]).includes(type)) return null;
  // Zip entries are compressed: markup inside is not visible (nor sniffable) in the raw bytes.
  if (type !== XLSX_MEDIA_TYPE && MARKUP_NEAR_START.test(buf.subarray(0, SNIFF_WINDOW).toString('latin1'))) {
    return null;
  }
  return type as T;
}

/**
 * The uncompressed size an .xlsx (a zip) claims, from its central directory, before any of it is
 * inflated: a 5 MB upload must not expand into gigabytes in memory (a zip bomb). Null when the
 * bytes are not a well-formed zip.
 */
export function zipUncompressedSize(buf: Buffer): number | null {
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) return null;
  // The end-of-central-directory record: within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const size = buf.readUInt32LE(p + 24);
    // 0xFFFFFFFF: a ZIP64 entry (over 4 GB): no spreadsheet of ours needs one.
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += size;
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return total;
}

// ——— Reading an upload ———

export type Upload = { buffer: Buffer; filename: string | null };

/**
 * Reads the one file part of a multipart request into memory, at most `maxBytes`. Every way a client
 * can get this wrong is a 4xx naming the `file` field: not multipart (415), no file (400), too large
 * (413), more than one file or too many parts (413), a broken form (400). The declared content
 * type is ignored: callers sniff the bytes. The client's file name is kept only as a label.
 */
export async function readSingleFile(request: FastifyRequest, maxBytes: number): Promise<Upload> {
  if (!request.isMultipart()) {
    throw new AppError('unsupported_media_type', { fields: [{ path: 'file', code: 'file_required' }] });
  }
  try {
    let upload: Upload | null = null;
    // Walk every part so that a second file (or too many parts) is refused, not silently dropped.
    for await (const part of request.parts({
      limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 20 },
    })) {
      if (part.type !== 'file') continue;
      const buffer = await part.toBuffer();
      upload = { buffer, filename: part.filename ? part.filename.slice(0, 200) : null };
    }
    if (!upload || upload.buffer.length === 0) throw fieldError('file', 'file_required');
    return upload;
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
      throw new AppError('payload_too_large', {
        fields: [{ path: 'file', code: 'too_many_files' }],
        cause: err,
      });
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

// ——— Serving a download ———

/**
 * A file name safe in a header and on any file system: no path, no control or reserved
 * characters, no leading dots, at most 120 characters; `fallback` when nothing is left.
 */
export function safeDownloadName(name: string, fallback = 'download'): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f"*:<>?|;]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  const chars = [...cleaned];
  if (chars.length === 0) return fallback;
  if (chars.length <= 120) return cleaned;
  // Keep the extension when shortening.
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return [...cleaned.slice(0, cleaned.length - ext.length)].slice(0, 120 - ext.length).join('') + ext;
}

/**
 * `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>` (RFC 6266 /
 * RFC 8187): old clients get an ASCII name, current browsers the real (e.g. Chinese) one.
 */
export function contentDisposition(name: string, asciiFallback?: string): string {
  const safe = safeDownloadName(name);
  const ascii = safeDownloadName(asciiFallback ?? safe)
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/[\\"%]/g, '_');
  const encoded = encodeURIComponent(safe).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Sends bytes as a download: the given type, always as an attachment, never sniffed by the browser
 * (so an uploaded file can never render as a page of ours), not cached by shared caches.
 */
export function sendDownload(
  reply: FastifyReply,
  file: { content: Buffer | string; mediaType: string; filename: string; asciiFilename?: string },
): FastifyReply {
  return reply
    .type(file.mediaType)
    .header('content-disposition', contentDisposition(file.filename, file.asciiFilename))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.content);
}

/** The header set of `sendDownload`, for routes that stream their own body. */
export function downloadHeaders(filename: string): Record<string, string> {
  return {
    'content-disposition': contentDisposition(filename),
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
  };
}
