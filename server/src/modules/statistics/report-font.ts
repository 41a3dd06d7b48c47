import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { create, type Font } from 'fontkit';
import { AppError } from '../../platform/errors.js';

/**
 * The CJK font embedded (subset) in PDF reports. See docs/decisions/0011-pdf-reports.md.
 *
 * Order: the operator's JIUYE_PDF_FONT (`/path/font.ttf`, or `/path/fonts.ttc#PostScriptName` to pick
 * a face of a collection); else Noto Sans SC from the npm package @embedpdf/fonts-sc (OFL-1.1), a
 * dependency, so that `npm install && npm start` has a font; else a list of well-known system fonts.
 * A set JIUYE_PDF_FONT that cannot be used is not silently replaced: the report answers 503.
 */
export type ReportFont = {
  /** Where it came from (logs, the decision record). */
  source: string;
  /** The font file as read (pdfkit parses it again and subsets it per document). */
  data: Buffer;
  /** The face to use when the file is a collection (.ttc). */
  postscriptName: string | undefined;
};

/** Faces known on common systems; a collection (.ttc) names the Simplified Chinese face. */
const SYSTEM_FONTS: { file: string; face?: string }[] = [
  { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', face: 'WenQuanYiZenHei' },
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { file: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { file: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { file: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf' },
  { file: '/System/Library/Fonts/PingFang.ttc', face: 'PingFangSC-Regular' },
  { file: 'C:\\Windows\\Fonts\\simhei.ttf' },
];

/** Characters every report prints: a font without them would print empty boxes. */
const PROBE = '湛江市月度就业监测报告第页共';

function packagedFont(): string | undefined {
  try {
    const main = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
    // The package exports only its index; its fonts sit in ../fonts beside dist/.
    return path.join(path.dirname(main), '..', 'fonts', 'NotoSansHans-Regular.otf');
  } catch {
    return undefined;
  }
}

function isFont(f: unknown): f is Font {
  return typeof f === 'object' && f !== null && 'hasGlyphForCodePoint' in f;
}

/** Opens one face and checks it can print Chinese; undefined when it cannot be used. */
async function tryFont(
  source: string,
  file: string,
  face: string | undefined,
): Promise<ReportFont | undefined> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch {
    return undefined;
  }
  let font: unknown;
  let collection = false;
  try {
    const opened = create(data);
    collection = 'fonts' in opened;
    // A collection: the named face, else the first face that has the probe characters.
    font =
      'fonts' in opened
        ? face
          ? opened.fonts.find((f) => f.postscriptName === face)
          : opened.fonts.find((f) => [...PROBE].every((c) => f.hasGlyphForCodePoint(c.codePointAt(0) ?? 0)))
        : opened;
  } catch {
    return undefined;
  }
  if (!isFont(font)) return undefined;
  if (![...PROBE].every((c) => font.hasGlyphForCodePoint(c.codePointAt(0) ?? 0))) return undefined;
  return { source, data, postscriptName: collection ? font.postscriptName : undefined };
}

let cached: { key: string; font: ReportFont } | undefined;

/**
 * The report font, or a 503 `report_font_unavailable` (never a 500) when none can be used.
 * Found fonts are kept in memory (a few MB); a miss is looked up again on the next request, so
 * installing a font needs no restart.
 */
export async function reportFont(override: string | undefined): Promise<ReportFont> {
  const key = override ?? '';
  if (cached?.key === key) return cached.font;
  const candidates: { source: string; file: string; face?: string | undefined }[] = [];
  if (override) {
    const hash = override.lastIndexOf('#');
    const file = hash > 0 ? override.slice(0, hash) : override;
    candidates.push({
      source: `JIUYE_PDF_FONT=${override}`,
      file,
      face: hash > 0 ? override.slice(hash + 1) : undefined,
    });
  } else {
    const packaged = packagedFont();
    if (packaged) candidates.push({ source: '@embedpdf/fonts-sc', file: packaged });
    for (const s of SYSTEM_FONTS) candidates.push({ source: s.file, file: s.file, face: s.face });
  }
  for (const c of candidates) {
    const font = await tryFont(c.source, c.file, c.face);
    if (font) {
      cached = { key, font };
      return font;
    }
  }
  throw new AppError('report_font_unavailable', {
    detail: override
      ? {
          'zh-CN': 'JIUYE_PDF_FONT 所指字体无法读取或不含中文字形，请联系系统管理员',
          'en-US':
            'The font named by JIUYE_PDF_FONT cannot be read or has no Chinese glyphs; ask the administrator',
        }
      : {
          'zh-CN': '服务器未安装中文字体，暂不能生成 PDF 报告（可下载 Excel 版）',
          'en-US': 'No Chinese font is installed on the server, so the PDF cannot be made (the .xlsx can)',
        },
  });
}
