import type { LICENCE_MEDIA_TYPES } from '@jiuye/shared';
import { DOCUMENT_MEDIA_TYPES, EXTENSION_OF_MEDIA_TYPE, sniffMediaType } from '../../platform/uploads.js';

// The multipart reader is platform code now (issue 9); re-exported for the modules that import it here.
export { readSingleFile, type Upload } from '../../platform/uploads.js';

export type LicenceMediaType = (typeof LICENCE_MEDIA_TYPES)[number];

/** The media type by magic bytes, whatever the name or declared type says. */
export function sniffLicenceType(buf: Buffer): LicenceMediaType | null {
  return sniffMediaType(buf, DOCUMENT_MEDIA_TYPES);
}

export const EXTENSION_OF: Record<LicenceMediaType, string> = EXTENSION_OF_MEDIA_TYPE;
