/**
 * Approximate road distances (km) between the seats of Zhanjiang's nine county-level districts,
 * rounded to 5 km (from route planners, 2020 road network: the Haiwan bridge links 霞山 and 坡头;
 * 徐闻 is at the peninsula's southern tip). Good enough to tell "next door" from "a day's bus
 * ride" when lending workers; not for anything precise.
 */
const SEATS = [
  '440802',
  '440803',
  '440804',
  '440811',
  '440823',
  '440825',
  '440881',
  '440882',
  '440883',
] as const;
type Seat = (typeof SEATS)[number];

// Upper triangle, in SEATS order: 赤坎 霞山 坡头 麻章 遂溪 徐闻 廉江 雷州 吴川.
const KM: Record<Seat, Partial<Record<Seat, number>>> = {
  '440802': {
    '440803': 10,
    '440804': 15,
    '440811': 10,
    '440823': 30,
    '440825': 160,
    '440881': 70,
    '440882': 70,
    '440883': 45,
  },
  '440803': {
    '440804': 15,
    '440811': 15,
    '440823': 40,
    '440825': 155,
    '440881': 80,
    '440882': 70,
    '440883': 45,
  },
  '440804': { '440811': 25, '440823': 45, '440825': 170, '440881': 80, '440882': 85, '440883': 30 },
  '440811': { '440823': 25, '440825': 150, '440881': 65, '440882': 60, '440883': 50 },
  '440823': { '440825': 150, '440881': 45, '440882': 55, '440883': 70 },
  '440825': { '440881': 195, '440882': 95, '440883': 200 },
  '440881': { '440882': 100, '440883': 85 },
  '440882': { '440883': 110 },
  '440883': {},
};

function isSeat(code: string): code is Seat {
  return (SEATS as readonly string[]).includes(code);
}

/** Road km between two districts of Zhanjiang (0 for the same one), or null outside the table. */
export function districtDistanceKm(a: string, b: string): number | null {
  if (!isSeat(a) || !isSeat(b)) return null;
  if (a === b) return 0;
  return KM[a][b] ?? KM[b][a] ?? null;
}

export const ZHANJIANG_DISTRICTS: readonly string[] = SEATS;
