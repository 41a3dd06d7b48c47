import { z } from 'zod';
import { OCCUPATION_CODE_RE, REGION_CODE_RE } from '../validators/codes.js';

export const RegionSchema = z
  .object({ code: z.string(), name: z.string(), parentCode: z.string().nullable(), level: z.number().int() })
  .meta({ id: 'Region' });
export type Region = z.infer<typeof RegionSchema>;

export const RegionsQuerySchema = z
  .object({
    parent: z
      .string()
      .regex(REGION_CODE_RE)
      .optional()
      .meta({ description: 'Children of this region; omitted: the provinces' }),
  })
  .strict();

export const OccupationSchema = z
  .object({
    code: z.string(),
    parentCode: z.string().nullable(),
    level: z.number().int(),
    nameZh: z.string(),
    nameEn: z.string(),
    isco08: z.string().nullable(),
  })
  .meta({ id: 'Occupation' });
export type Occupation = z.infer<typeof OccupationSchema>;

export const OccupationsQuerySchema = z
  .object({
    q: z
      .string()
      .trim()
      .max(40)
      .optional()
      .meta({ description: 'Words in the Chinese or English name, synonyms or the code' }),
    parent: z.string().regex(OCCUPATION_CODE_RE).optional(),
    level: z.coerce.number().int().min(1).max(4).optional(),
    page: z.coerce.number().int().min(1).max(1000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

export const NamedCodeSchema = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() });
export const EducationLevelItemSchema = NamedCodeSchema.extend({ rank: z.number().int() });

export const ReferenceVersionSchema = z.object({
  name: z.string(),
  version: z.string(),
  checksum: z.string(),
  rowCount: z.number().int(),
  loadedAt: z.iso.datetime({ offset: true }),
});
