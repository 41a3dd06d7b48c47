import { z } from 'zod';
import type { Locale } from '../errors.js';
import { IdNumberSchema } from '../validators/id-number.js';
import { PhoneSchema, RegionCodeSchema } from './common.js';

/*
 * Point-to-point chartered buses (点对点包车, issue 4): travel requests, planning, trips, seats,
 * boarding with a health check, handover to the enterprise, cost, statistics.
 */

// ---------------------------------------------------------------------------------------------
// Regions

/** Zhanjiang's nine county-level districts (GB/T 2260): the only destinations of a chartered bus. */
export const ZHANJIANG_DISTRICT_CODES = [
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

/**
 * Prefecture-level cities without counties (GB/T 2260): their own code is the county-level origin
 * (Dongguan, Zhongshan, Jiayuguan, Danzhou).
 */
export const COUNTYLESS_PREFECTURE_CODES = ['441900', '442000', '620200', '460400'] as const;

/** County level in GB/T 2260: the last two digits are not 00 (or a prefecture without counties). */
export function isCountyLevelCode(code: string): boolean {
  return (
    /^\d{6}$/.test(code) &&
    (!code.endsWith('00') || (COUNTYLESS_PREFECTURE_CODES as readonly string[]).includes(code))
  );
}

/** The prefecture-level city of a county code (450206 → 450200). */
export function prefectureOf(code: string): string {
  return `${code.slice(0, 4)}00`;
}

/** A county-level origin anywhere in China (GB/T 2260, must exist), e.g. 450206 柳江区, 621221 成县. */
export const OriginCountyCodeSchema = RegionCodeSchema.refine((c) => isCountyLevelCode(c), {
  params: { code: 'not_a_county' },
  message: 'not_a_county',
}).meta({ description: 'County-level GB/T 2260 code of the home county, e.g. 450206', example: '450206' });

/** One of Zhanjiang's nine districts. */
export const ZhanjiangDistrictSchema = z
  .string()
  .max(32)
  .refine((c) => (ZHANJIANG_DISTRICT_CODES as readonly string[]).includes(c), {
    params: { code: 'outside_city' },
    message: 'outside_city',
  })
  .meta({ description: 'A Zhanjiang district (GB/T 2260), e.g. 440803', example: '440803' });

const isoDate = z.iso.date().meta({ description: 'YYYY-MM-DD (China time)', example: '2027-03-01' });
const isoDateTime = z.iso.datetime({ offset: true });

// ---------------------------------------------------------------------------------------------
// Health declaration (sensitive personal information: PIPL art. 28–29, separate consent)

export const SYMPTOMS = [
  'fever',
  'cough',
  'sore_throat',
  'shortness_of_breath',
  'fatigue',
  'diarrhoea',
  'loss_of_smell_or_taste',
] as const;
export type Symptom = (typeof SYMPTOMS)[number];

export const HEALTH_CODE_COLORS = ['green', 'yellow', 'red'] as const;
export type HealthCodeColor = (typeof HEALTH_CODE_COLORS)[number];

/**
 * Body temperature from which a passenger counts as feverish (°C): the 37.3 °C line used for
 * screening at stations and workplaces during the 2020 epidemic.
 */
export const FEVER_THRESHOLD_C = 37.3;

/** Version of the health-information notice a travel request's consent refers to. */
export const TRAVEL_HEALTH_NOTICE_VERSION = '2026-11-27';
/** The consent kind recorded with a travel request (consents.kind). */
export const TRAVEL_HEALTH_CONSENT = 'travel_health';

const TemperatureSchema = z.number().min(34).max(43).meta({ description: 'Body temperature in °C' });

export const HealthDeclarationSchema = z
  .object({
    temperatureCelsius: TemperatureSchema.optional(),
    symptoms: z.array(z.enum(SYMPTOMS)).max(SYMPTOMS.length).default([]),
    contactWithCase: z
      .boolean()
      .meta({ description: 'Close contact with a confirmed or suspected case in the last 14 days' }),
    visitedHighRiskArea: z.boolean().meta({ description: 'Stayed in a high-risk area in the last 14 days' }),
    healthCodeColor: z.enum(HEALTH_CODE_COLORS).optional(),
  })
  .strict()
  .meta({ id: 'HealthDeclaration' });
export type HealthDeclaration = z.infer<typeof HealthDeclarationSchema>;

/** True when a declaration needs a staff member's look before the person is put on a bus. */
export function needsHealthAttention(h: {
  temperatureCelsius?: number | null | undefined;
  symptoms: readonly string[];
  contactWithCase: boolean;
  visitedHighRiskArea: boolean;
  healthCodeColor?: string | null | undefined;
}): boolean {
  return (
    h.symptoms.length > 0 ||
    h.contactWithCase ||
    h.visitedHighRiskArea ||
    (h.temperatureCelsius !== undefined &&
      h.temperatureCelsius !== null &&
      h.temperatureCelsius >= FEVER_THRESHOLD_C) ||
    (h.healthCodeColor !== undefined && h.healthCodeColor !== null && h.healthCodeColor !== 'green')
  );
}

// ---------------------------------------------------------------------------------------------
// Travel requests

/**
 * open: waiting for a seat; booked: holds a booking (confirmed or on a waitlist); completed: boarded
 * a bus; cancelled: withdrawn. One open or booked request per person (409 travel_request_exists).
 */
export const TRAVEL_REQUEST_STATUSES = ['open', 'booked', 'completed', 'cancelled'] as const;
export type TravelRequestStatus = (typeof TRAVEL_REQUEST_STATUSES)[number];
/** The statuses that count as "the person's open request". */
export const ACTIVE_TRAVEL_REQUEST_STATUSES = ['open', 'booked'] as const;

/** A person registered by staff or an enterprise (found by identity number, else phone + name). */
export const TravelPersonInputSchema = z
  .object({
    fullName: z.string().trim().min(1).max(40),
    phone: PhoneSchema,
    idNumber: IdNumberSchema.optional(),
  })
  .strict();

export const CreateTravelRequestBodySchema = z
  .object({
    personId: z.uuid().optional().meta({
      description: 'Staff: a person already on file. Seekers never send it (the request is theirs)',
    }),
    person: TravelPersonInputSchema.optional().meta({
      description: 'Staff or an enterprise: the person without an account, found or created',
    }),
    originRegionCode: OriginCountyCodeSchema,
    pickupPoint: z.string().trim().min(2).max(100).meta({ example: '柳江区汽车站' }),
    destinationDistrictCode: ZhanjiangDistrictSchema,
    enterpriseId: z.uuid().optional().meta({
      description:
        'The enterprise the person returns to. An employer must send its own enterprise (it registers its workers)',
    }),
    applicationId: z.uuid().optional().meta({
      description: 'The application with an offer or hire at that enterprise, when there is one',
    }),
    earliestDate: isoDate.meta({ description: 'Earliest travel day (China time), not in the past' }),
    latestDate: isoDate.optional().meta({ description: 'Last acceptable travel day' }),
    phone: PhoneSchema.meta({ description: 'The number to reach the traveller on the trip' }),
    health: HealthDeclarationSchema,
    healthConsent: z.literal(true).meta({
      description:
        'Separate consent to process the health declaration (sensitive personal information, PIPL art. 29); recorded',
    }),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.latestDate && b.latestDate < b.earliestDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['latestDate'],
        message: 'date_order',
        params: { code: 'date_order' },
      });
    }
    if (b.personId && b.person) {
      ctx.addIssue({ code: 'custom', path: ['person'], message: 'invalid', params: { code: 'invalid' } });
    }
    if (b.applicationId && !b.enterpriseId) {
      ctx.addIssue({
        code: 'custom',
        path: ['enterpriseId'],
        message: 'required',
        params: { code: 'required' },
      });
    }
  });
export type CreateTravelRequestBody = z.input<typeof CreateTravelRequestBodySchema>;

export const UpdateTravelRequestBodySchema = z
  .object({
    pickupPoint: z.string().trim().min(2).max(100).optional(),
    earliestDate: isoDate.optional(),
    latestDate: isoDate.nullable().optional(),
    phone: PhoneSchema.optional(),
    health: HealthDeclarationSchema.optional(),
    note: z.string().trim().max(500).nullable().optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.latestDate && b.earliestDate && b.latestDate < b.earliestDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['latestDate'],
        message: 'date_order',
        params: { code: 'date_order' },
      });
    }
  });
export type UpdateTravelRequestBody = z.input<typeof UpdateTravelRequestBodySchema>;

/** A person as the bus pages show them: phone and identity number masked. */
export const BusPersonSchema = z
  .object({
    id: z.uuid(),
    fullName: z.string(),
    phoneMasked: z.string(),
    idNumberMasked: z.string().nullable(),
  })
  .meta({ id: 'BusPerson' });
export type BusPerson = z.infer<typeof BusPersonSchema>;

export const TravelRequestSchema = z
  .object({
    id: z.uuid(),
    person: BusPersonSchema,
    status: z.enum(TRAVEL_REQUEST_STATUSES),
    originRegionCode: z.string(),
    originName: z.string().meta({ description: 'e.g. 广西壮族自治区柳州市柳江区' }),
    originPrefectureCode: z.string(),
    pickupPoint: z.string(),
    destinationDistrictCode: z.string(),
    destinationName: z.string(),
    enterpriseId: z.uuid().nullable(),
    enterpriseName: z.string().nullable(),
    applicationId: z.uuid().nullable(),
    earliestDate: z.string(),
    latestDate: z.string().nullable(),
    phoneMasked: z.string(),
    health: HealthDeclarationSchema,
    healthAttention: z.boolean().meta({
      description:
        'Symptoms, fever, contact, high-risk area or a non-green health code: staff should look first',
    }),
    consentId: z
      .uuid()
      .nullable()
      .meta({ description: 'The recorded consent (null: recorded by staff on paper)' }),
    note: z.string().nullable(),
    createdBy: z.enum(['self', 'staff', 'enterprise']),
    bookingId: z
      .uuid()
      .nullable()
      .meta({ description: 'The active booking (confirmed or waitlisted), if any' }),
    plannedTripIds: z.array(z.uuid()).meta({ description: 'Trips the planner meant this request for' }),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'TravelRequest' });
export type TravelRequest = z.infer<typeof TravelRequestSchema>;

export const ListTravelRequestsQuerySchema = z
  .object({
    status: z.enum(TRAVEL_REQUEST_STATUSES).optional(),
    originRegionCode: RegionCodeSchema.optional().meta({
      description: 'A county, or a prefecture (all its counties), or a province',
    }),
    destinationDistrictCode: ZhanjiangDistrictSchema.optional(),
    enterpriseId: z.uuid().optional(),
    earliestFrom: isoDate.optional(),
    earliestTo: isoDate.optional(),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ListTravelRequestsQuery = z.infer<typeof ListTravelRequestsQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Demand (the staff planning table)

export const BusDemandQuerySchema = z
  .object({
    dateFrom: isoDate.optional(),
    dateTo: isoDate.optional(),
    originRegionCode: RegionCodeSchema.optional(),
    destinationDistrictCode: ZhanjiangDistrictSchema.optional(),
  })
  .strict();
export type BusDemandQuery = z.infer<typeof BusDemandQuerySchema>;

export const BusDemandSchema = z
  .object({
    total: z.number().int().meta({ description: 'Open requests (no booking yet) counted below' }),
    origins: z.array(
      z.object({
        originRegionCode: z.string(),
        originName: z.string(),
        prefectureCode: z.string(),
        prefectureName: z.string(),
        count: z.number().int(),
        destinations: z.array(
          z.object({
            destinationDistrictCode: z.string(),
            destinationName: z.string(),
            count: z.number().int(),
            dates: z.array(
              z.object({
                earliestDate: z.string(),
                count: z.number().int(),
                healthAttention: z.number().int(),
                requestIds: z.array(z.uuid()),
              }),
            ),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'BusDemand' });
export type BusDemand = z.infer<typeof BusDemandSchema>;

// ---------------------------------------------------------------------------------------------
// Planner

/** Why the planner left a request off every bus. */
export const PLAN_UNPLACED_REASONS = [
  'earliest_date_after_window',
  'latest_date_before_window',
  'health_attention',
  'already_planned',
  'group_too_small',
  'no_bus_available',
] as const;
export type PlanUnplacedReason = (typeof PLAN_UNPLACED_REASONS)[number];

export const PLAN_UNPLACED_REASON_LABELS: Record<PlanUnplacedReason, Record<Locale, string>> = {
  earliest_date_after_window: {
    'zh-CN': '最早出行日期晚于本次排班的日期范围',
    'en-US': 'The earliest travel date is after the planning window',
  },
  latest_date_before_window: {
    'zh-CN': '最晚出行日期早于本次排班的日期范围',
    'en-US': 'The latest travel date is before the planning window',
  },
  health_attention: {
    'zh-CN': '健康申报有异常，需工作人员先行核实',
    'en-US': 'The health declaration needs a staff check first',
  },
  already_planned: {
    'zh-CN': '已排入其他班次',
    'en-US': 'Already planned onto another bus',
  },
  group_too_small: {
    'zh-CN': '同方向同期人数不足最低成团人数',
    'en-US': 'Too few people travel the same way at the same time to fill a bus',
  },
  no_bus_available: {
    'zh-CN': '可用车辆数已用完',
    'en-US': 'No bus left within the given number of buses',
  },
};

export const PlanBusTripsBodySchema = z
  .object({
    dateFrom: isoDate,
    dateTo: isoDate,
    capacity: z.number().int().min(5).max(80).meta({ description: 'Seats on the bus', example: 45 }),
    loadLimitPercent: z.number().int().min(1).max(100).meta({
      description: 'Share of seats that may be sold (e.g. 50 while distancing applies)',
      example: 50,
    }),
    maxStops: z
      .number()
      .int()
      .min(1)
      .max(20)
      .meta({ description: 'Pickup stops per bus: one stop per origin county' }),
    maxWaitDays: z
      .number()
      .int()
      .min(0)
      .max(14)
      .default(2)
      .meta({ description: 'Days a passenger may wait after their earliest date so that a bus fills' }),
    minPassengersPerBus: z.number().int().min(1).max(80).default(1),
    maxBuses: z.number().int().min(1).max(500).optional(),
    combineDestinations: z
      .boolean()
      .default(false)
      .meta({ description: 'Let one bus drop passengers in several Zhanjiang districts' }),
    departTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
      .default('08:00')
      .meta({ description: 'Proposed departure time of day (China time), HH:MM' }),
    travelHours: z.number().int().min(1).max(72).default(12).meta({ description: 'Proposed journey length' }),
    originRegionCodes: z
      .array(RegionCodeSchema)
      .max(50)
      .optional()
      .meta({ description: 'Only requests from these counties / prefectures / provinces' }),
    destinationDistrictCodes: z.array(ZhanjiangDistrictSchema).max(9).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.dateTo < b.dateFrom) {
      ctx.addIssue({
        code: 'custom',
        path: ['dateTo'],
        message: 'date_order',
        params: { code: 'date_order' },
      });
    }
    if (Math.floor((b.capacity * b.loadLimitPercent) / 100) < 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['loadLimitPercent'],
        message: 'too_small',
        params: { code: 'too_small' },
      });
    }
  });
export type PlanBusTripsBody = z.input<typeof PlanBusTripsBodySchema>;

export const BusStopSchema = z
  .object({
    regionCode: OriginCountyCodeSchema,
    pickupPoint: z.string().trim().min(2).max(100),
    time: isoDateTime.optional().meta({ description: 'Planned pickup time' }),
  })
  .strict()
  .meta({ id: 'BusStop' });
export type BusStop = z.infer<typeof BusStopSchema>;

export const ProposedBusSchema = z
  .object({
    key: z.string().meta({ description: 'Stable within one plan answer' }),
    originPrefectureCode: z.string(),
    originRegionCode: z
      .string()
      .meta({ description: 'The county when the bus has one stop, else the prefecture' }),
    originName: z.string(),
    pickupPoint: z.string().meta({ description: 'The first stop’s pickup point' }),
    stops: z.array(
      z.object({
        regionCode: z.string(),
        regionName: z.string(),
        pickupPoint: z.string().meta({ description: 'The most common pickup point of the county' }),
        requestIds: z.array(z.uuid()),
      }),
    ),
    destinationDistrictCode: z.string().meta({ description: 'Where most passengers go' }),
    destinationDistrictCodes: z.array(z.string()),
    date: z.string(),
    departAt: isoDateTime,
    arriveBy: isoDateTime,
    capacity: z.number().int(),
    loadLimitPercent: z.number().int(),
    seatsForSale: z.number().int(),
    seatsUsed: z.number().int(),
    requestIds: z.array(z.uuid()),
  })
  .meta({ id: 'ProposedBus' });
export type ProposedBus = z.infer<typeof ProposedBusSchema>;

export const BusPlanSchema = z
  .object({
    seatsPerBus: z.number().int(),
    buses: z.array(ProposedBusSchema),
    unplaced: z.array(
      z.object({
        requestId: z.uuid(),
        reason: z.enum(PLAN_UNPLACED_REASONS),
        message: z.string().meta({ description: 'The reason in the reader’s language' }),
        tripId: z.uuid().nullable().meta({ description: 'already_planned: the trip' }),
      }),
    ),
    summary: z.object({
      requests: z.number().int(),
      placed: z.number().int(),
      unplaced: z.number().int(),
      buses: z.number().int(),
    }),
  })
  .meta({ id: 'BusPlan' });
export type BusPlan = z.infer<typeof BusPlanSchema>;

// ---------------------------------------------------------------------------------------------
// Trips

/**
 * planned → open (sells seats) → boarding → departed → arrived → handed_over; planned, open and
 * boarding may be cancelled. Only an open trip sells seats.
 */
export const TRIP_STATUSES = [
  'planned',
  'open',
  'boarding',
  'departed',
  'arrived',
  'handed_over',
  'cancelled',
] as const;
export type TripStatus = (typeof TRIP_STATUSES)[number];

export const COST_PAYERS = ['bureau', 'enterprise', 'shared'] as const;
export type CostPayer = (typeof COST_PAYERS)[number];

/** Seats on sale = ⌊capacity × loadLimitPercent / 100⌋ (integer arithmetic, no rounding up). */
export function seatsForSaleOf(capacity: number, loadLimitPercent: number): number {
  return Math.floor((capacity * loadLimitPercent) / 100);
}

export const CostShareSchema = z
  .object({
    payerKind: z.enum(['bureau', 'enterprise']),
    enterpriseId: z.uuid().nullable().default(null),
    amountFen: z.number().int().min(0).max(100_000_000_00),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.payerKind === 'enterprise' && !s.enterpriseId) {
      ctx.addIssue({
        code: 'custom',
        path: ['enterpriseId'],
        message: 'required',
        params: { code: 'required' },
      });
    }
  });

export const TripCostInputSchema = z
  .object({
    costFen: z.number().int().min(0).max(100_000_000_00),
    payer: z.enum(COST_PAYERS),
    shares: z.array(CostShareSchema).max(50).default([]).meta({
      description:
        'Who pays what. bureau: may be empty (the bureau pays all); enterprise: one share naming the enterprise; shared: two or more. The shares add up to costFen',
    }),
    invoiceRef: z.string().trim().max(100).nullable().default(null),
  })
  .strict()
  .superRefine((c, ctx) => {
    const sum = c.shares.reduce((a, s) => a + s.amountFen, 0);
    const needs =
      c.payer === 'shared' ? c.shares.length < 2 : c.payer === 'enterprise' && c.shares.length !== 1;
    if (needs || (c.shares.length > 0 && sum !== c.costFen)) {
      ctx.addIssue({
        code: 'custom',
        path: ['shares'],
        message: 'cost_shares',
        params: { code: 'cost_shares' },
      });
    }
    if (c.payer === 'enterprise' && c.shares.some((s) => s.payerKind !== 'enterprise')) {
      ctx.addIssue({
        code: 'custom',
        path: ['shares'],
        message: 'cost_shares',
        params: { code: 'cost_shares' },
      });
    }
  });
export type TripCostInput = z.input<typeof TripCostInputSchema>;

export const TripCostSchema = z
  .object({
    costFen: z.number().int(),
    payer: z.enum(COST_PAYERS),
    shares: z.array(
      z.object({
        payerKind: z.enum(['bureau', 'enterprise']),
        enterpriseId: z.uuid().nullable(),
        enterpriseName: z.string().nullable(),
        amountFen: z.number().int(),
      }),
    ),
    invoiceRef: z.string().nullable(),
  })
  .meta({ id: 'BusTripCost' });

const tripFields = {
  originRegionCode: RegionCodeSchema.meta({
    description: 'Where the bus starts: a county, or the prefecture when it collects in several counties',
  }),
  pickupPoint: z.string().trim().min(2).max(100),
  stops: z.array(BusStopSchema).max(20).meta({ description: 'Pickup stops in order (counties)' }),
  destinationDistrictCode: ZhanjiangDistrictSchema,
  destinationDistrictCodes: z
    .array(ZhanjiangDistrictSchema)
    .max(9)
    .meta({ description: 'Every district the bus drops passengers in (includes destinationDistrictCode)' }),
  departAt: isoDateTime,
  arriveBy: isoDateTime,
  capacity: z.number().int().min(5).max(80),
  loadLimitPercent: z.number().int().min(1).max(100),
  plate: z
    .string()
    .trim()
    .min(5)
    .max(10)
    .meta({ description: 'Licence plate, e.g. 粤G12345', example: '粤G12345' }),
  driverName: z.string().trim().min(1).max(40),
  driverPhone: PhoneSchema,
  escortStaffId: z
    .uuid()
    .meta({ description: 'The staff account that escorts the bus and scans boarding codes' }),
  note: z.string().trim().max(1000),
};

function tripOrder(
  b: {
    departAt?: string | undefined;
    arriveBy?: string | undefined;
    capacity?: number;
    loadLimitPercent?: number;
  },
  ctx: z.RefinementCtx,
) {
  if (b.departAt && b.arriveBy && Date.parse(b.arriveBy) <= Date.parse(b.departAt)) {
    ctx.addIssue({
      code: 'custom',
      path: ['arriveBy'],
      message: 'date_order',
      params: { code: 'date_order' },
    });
  }
  if (
    b.capacity !== undefined &&
    b.loadLimitPercent !== undefined &&
    seatsForSaleOf(b.capacity, b.loadLimitPercent) < 1
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['loadLimitPercent'],
      message: 'too_small',
      params: { code: 'too_small' },
    });
  }
}

export const CreateBusTripBodySchema = z
  .object({
    ...tripFields,
    stops: tripFields.stops.default([]),
    destinationDistrictCodes: tripFields.destinationDistrictCodes.optional(),
    plate: tripFields.plate.optional().meta({ description: 'Required to open the trip' }),
    driverName: tripFields.driverName.optional().meta({ description: 'Required to open the trip' }),
    driverPhone: tripFields.driverPhone.optional(),
    escortStaffId: tripFields.escortStaffId.optional().meta({ description: 'Required to open the trip' }),
    note: tripFields.note.optional(),
    status: z
      .enum(['planned', 'open'])
      .default('planned')
      .meta({ description: 'open: sell seats at once (needs plate, driverName and escortStaffId)' }),
    plannedRequestIds: z
      .array(z.uuid())
      .max(80)
      .default([])
      .meta({ description: 'Requests this bus is meant for: notified to book when it opens' }),
    cost: TripCostInputSchema.optional(),
  })
  .strict()
  .superRefine(tripOrder)
  .superRefine((b, ctx) => {
    if (b.status !== 'open') return;
    for (const k of ['plate', 'driverName', 'escortStaffId'] as const) {
      if (b[k] === undefined)
        ctx.addIssue({ code: 'custom', path: [k], message: 'required', params: { code: 'required' } });
    }
  });
export type CreateBusTripBody = z.input<typeof CreateBusTripBodySchema>;

export const UpdateBusTripBodySchema = z
  .object({
    originRegionCode: tripFields.originRegionCode.optional(),
    pickupPoint: tripFields.pickupPoint.optional(),
    stops: tripFields.stops.optional(),
    destinationDistrictCode: tripFields.destinationDistrictCode.optional(),
    destinationDistrictCodes: tripFields.destinationDistrictCodes.optional(),
    departAt: tripFields.departAt.optional(),
    arriveBy: tripFields.arriveBy.optional(),
    capacity: tripFields.capacity.optional(),
    loadLimitPercent: tripFields.loadLimitPercent.optional(),
    plate: tripFields.plate.optional(),
    driverName: tripFields.driverName.optional(),
    driverPhone: tripFields.driverPhone.nullable().optional(),
    escortStaffId: tripFields.escortStaffId.optional(),
    note: tripFields.note.nullable().optional(),
    status: z.enum(TRIP_STATUSES).optional().meta({
      description:
        'open (sell seats; needs plate, driver and escort), boarding, departed, arrived, handed_over (every boarded passenger’s handover recorded), cancelled (cancels every booking)',
    }),
    cancelReason: z.string().trim().max(500).optional(),
    cost: TripCostInputSchema.optional(),
    version: z.number().int().min(1).max(2_000_000_000).optional().meta({
      description: 'The version you read: if someone changed the trip since, the request is refused (409)',
    }),
  })
  .strict()
  .superRefine(tripOrder)
  .superRefine((b, ctx) => {
    if (b.status === 'cancelled' && !b.cancelReason) {
      ctx.addIssue({
        code: 'custom',
        path: ['cancelReason'],
        message: 'required',
        params: { code: 'required' },
      });
    }
  });
export type UpdateBusTripBody = z.input<typeof UpdateBusTripBodySchema>;

export const BusTripSchema = z
  .object({
    id: z.uuid(),
    code: z.string().meta({ description: 'Human-readable trip number, e.g. ZJ270301-007' }),
    status: z.enum(TRIP_STATUSES),
    originRegionCode: z.string(),
    originName: z.string(),
    pickupPoint: z.string(),
    stops: z.array(
      z.object({
        regionCode: z.string(),
        regionName: z.string(),
        pickupPoint: z.string(),
        time: isoDateTime.nullable(),
      }),
    ),
    destinationDistrictCode: z.string(),
    destinationName: z.string(),
    destinationDistrictCodes: z.array(z.string()),
    departAt: isoDateTime,
    arriveBy: isoDateTime,
    capacity: z.number().int(),
    loadLimitPercent: z.number().int(),
    seatsForSale: z.number().int(),
    seatsTaken: z.number().int(),
    seatsLeft: z.number().int(),
    waitlistCount: z.number().int(),
    plate: z.string().nullable(),
    driverName: z.string().nullable(),
    driverPhone: z.string().nullable().meta({ description: 'Staff and the trip’s passengers only' }),
    escortStaffId: z.uuid().nullable(),
    escortName: z.string().nullable(),
    note: z.string().nullable(),
    cancelReason: z.string().nullable(),
    cost: TripCostSchema.nullable().meta({ description: 'Staff only' }),
    plannedRequestIds: z.array(z.uuid()).meta({ description: 'Staff only (empty for others)' }),
    myBookingId: z.uuid().nullable().meta({ description: 'The caller’s own active booking on this trip' }),
    version: z.number().int(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'BusTrip' });
export type BusTrip = z.infer<typeof BusTripSchema>;

export const ListBusTripsQuerySchema = z
  .object({
    status: z.enum(TRIP_STATUSES).optional(),
    originRegionCode: RegionCodeSchema.optional().meta({ description: 'County, prefecture or province' }),
    destinationDistrictCode: ZhanjiangDistrictSchema.optional(),
    departFrom: isoDate.optional(),
    departTo: isoDate.optional(),
    enterpriseId: z.uuid().optional().meta({ description: 'Trips carrying passengers bound for it' }),
    escortedByMe: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    forMyRequest: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional()
      .meta({ description: 'Seeker: only trips that fit my open travel request' }),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ListBusTripsQuery = z.infer<typeof ListBusTripsQuerySchema>;

export const ConfirmBusPlanBodySchema = z
  .object({
    buses: z
      .array(
        z
          .object({
            originRegionCode: tripFields.originRegionCode,
            pickupPoint: tripFields.pickupPoint,
            stops: tripFields.stops.default([]),
            destinationDistrictCode: tripFields.destinationDistrictCode,
            destinationDistrictCodes: tripFields.destinationDistrictCodes.optional(),
            departAt: tripFields.departAt,
            arriveBy: tripFields.arriveBy,
            capacity: tripFields.capacity,
            loadLimitPercent: tripFields.loadLimitPercent,
            plate: tripFields.plate.optional(),
            driverName: tripFields.driverName.optional(),
            driverPhone: tripFields.driverPhone.optional(),
            escortStaffId: tripFields.escortStaffId.optional(),
            requestIds: z.array(z.uuid()).min(1).max(80),
          })
          .strict()
          .superRefine(tripOrder),
      )
      .min(1)
      .max(100),
  })
  .strict();
export type ConfirmBusPlanBody = z.input<typeof ConfirmBusPlanBodySchema>;

export const ConfirmedBusPlanSchema = z
  .object({ trips: z.array(BusTripSchema) })
  .meta({ id: 'ConfirmedBusPlan' });

// ---------------------------------------------------------------------------------------------
// Bookings

/**
 * confirmed: holds a seat; waitlisted: in line (FIFO) for one; boarded: scanned onto the bus;
 * refused: failed the health check at boarding (seat freed); cancelled; moved: replaced by a
 * booking on another trip (movedToBookingId).
 */
export const BOOKING_STATUSES = [
  'confirmed',
  'waitlisted',
  'boarded',
  'refused',
  'cancelled',
  'moved',
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const HANDOVER_STATUSES = ['pending', 'received', 'not_received'] as const;
export type HandoverStatus = (typeof HANDOVER_STATUSES)[number];

export const BookSeatBodySchema = z
  .object({
    personId: z
      .uuid()
      .optional()
      .meta({ description: 'Staff: the passenger. A seeker books for themself (omit it)' }),
    waitlist: z
      .boolean()
      .default(false)
      .meta({ description: 'When the bus is full, take a waitlist place instead of 409 trip_full' }),
  })
  .strict();
export type BookSeatBody = z.input<typeof BookSeatBodySchema>;

export const MoveBookingBodySchema = z.object({ tripId: z.uuid() }).strict();

export const BusTripSummarySchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    status: z.enum(TRIP_STATUSES),
    originRegionCode: z.string(),
    originName: z.string(),
    pickupPoint: z.string(),
    destinationDistrictCode: z.string(),
    destinationName: z.string(),
    departAt: isoDateTime,
    arriveBy: isoDateTime,
    plate: z.string().nullable(),
  })
  .meta({ id: 'BusTripSummary' });

export const BusBookingSchema = z
  .object({
    id: z.uuid(),
    tripId: z.uuid(),
    personId: z.uuid(),
    passengerName: z.string(),
    travelRequestId: z.uuid().nullable(),
    status: z.enum(BOOKING_STATUSES),
    waitlistPosition: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'Place in line, 1 = next to get a seat (waitlisted only)' }),
    boardingCode: z.string().nullable().meta({
      description: 'The QR payload the escort scans: shown to the passenger only, while confirmed',
    }),
    movedToBookingId: z.uuid().nullable(),
    cancelReason: z.string().nullable(),
    handoverStatus: z.enum(HANDOVER_STATUSES).nullable().meta({ description: 'Boarded passengers' }),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    trip: BusTripSummarySchema,
  })
  .meta({ id: 'BusBooking' });
export type BusBooking = z.infer<typeof BusBookingSchema>;

export const ListMyBookingsQuerySchema = z
  .object({
    status: z.enum(BOOKING_STATUSES).optional(),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

// ---------------------------------------------------------------------------------------------
// Manifest, boarding, handover

export const REFUSAL_REASONS = ['fever', 'symptoms', 'health_code'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export const ManifestEntrySchema = z
  .object({
    bookingId: z.uuid(),
    status: z.enum(BOOKING_STATUSES),
    waitlistPosition: z.number().int().nullable(),
    person: z.object({
      id: z.uuid(),
      fullName: z.string(),
      phone: z.string().meta({ description: 'In full: the escort calls passengers (the read is audited)' }),
      idNumberMasked: z.string().nullable(),
      gender: z.enum(['male', 'female']).nullable(),
    }),
    originRegionCode: z.string().nullable(),
    originName: z.string().nullable(),
    pickupPoint: z.string().nullable(),
    destinationDistrictCode: z.string().nullable(),
    enterpriseId: z.uuid().nullable(),
    enterpriseName: z.string().nullable(),
    healthAttention: z.boolean(),
    boardedAt: isoDateTime.nullable(),
    boardingTemperatureCelsius: z.number().nullable(),
    refusalReasons: z.array(z.enum(REFUSAL_REASONS)),
    handoverStatus: z.enum(HANDOVER_STATUSES).nullable(),
  })
  .meta({ id: 'BusManifestEntry' });
export type ManifestEntry = z.infer<typeof ManifestEntrySchema>;

export const BusManifestSchema = z
  .object({
    trip: BusTripSummarySchema,
    seatsForSale: z.number().int(),
    seatsTaken: z.number().int(),
    passengers: z.array(ManifestEntrySchema).meta({ description: 'Confirmed, boarded and refused' }),
    waitlist: z.array(ManifestEntrySchema).meta({ description: 'In line order' }),
  })
  .meta({ id: 'BusManifest' });
export type BusManifest = z.infer<typeof BusManifestSchema>;

export const BoardPassengerBodySchema = z
  .object({
    code: z.string().trim().min(10).max(200).optional().meta({ description: 'The scanned QR payload' }),
    bookingId: z
      .uuid()
      .optional()
      .meta({ description: 'Manual boarding from the manifest (no phone at hand)' }),
    temperatureCelsius: TemperatureSchema,
    symptoms: z.array(z.enum(SYMPTOMS)).max(SYMPTOMS.length).default([]),
    healthCodeColor: z.enum(HEALTH_CODE_COLORS).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if ((b.code === undefined) === (b.bookingId === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['code'], message: 'required', params: { code: 'required' } });
    }
  });
export type BoardPassengerBody = z.input<typeof BoardPassengerBodySchema>;

export const BoardingResultSchema = z
  .object({
    bookingId: z.uuid(),
    outcome: z.enum(['boarded', 'refused']),
    refusalReasons: z.array(z.enum(REFUSAL_REASONS)),
    alreadyRecorded: z.boolean().meta({ description: 'A repeated scan: the first result stands' }),
    person: BusPersonSchema,
    temperatureCelsius: z.number(),
    at: isoDateTime,
    tripStatus: z.enum(TRIP_STATUSES),
  })
  .meta({ id: 'BoardingResult' });
export type BoardingResult = z.infer<typeof BoardingResultSchema>;

export const HandoverEntrySchema = z
  .object({
    bookingId: z.uuid(),
    person: BusPersonSchema,
    enterpriseId: z.uuid().nullable(),
    enterpriseName: z.string().nullable(),
    boardedAt: isoDateTime.nullable(),
    handoverStatus: z.enum(HANDOVER_STATUSES),
    handoverNote: z.string().nullable(),
    handoverAt: isoDateTime.nullable(),
  })
  .meta({ id: 'BusHandoverEntry' });
export type HandoverEntry = z.infer<typeof HandoverEntrySchema>;

export const BusHandoversSchema = z
  .object({ trip: BusTripSummarySchema, items: z.array(HandoverEntrySchema) })
  .meta({ id: 'BusHandovers' });

export const ConfirmHandoversBodySchema = z
  .object({
    items: z
      .array(
        z
          .object({
            bookingId: z.uuid(),
            outcome: z.enum(['received', 'not_received']),
            note: z.string().trim().max(500).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(100),
  })
  .strict();
export type ConfirmHandoversBody = z.input<typeof ConfirmHandoversBodySchema>;

// ---------------------------------------------------------------------------------------------
// Statistics

export const BusStatsQuerySchema = z
  .object({ departFrom: isoDate.optional(), departTo: isoDate.optional() })
  .strict();

export const BusStatsSchema = z
  .object({
    trips: z.object({
      total: z.number().int(),
      byStatus: z.array(z.object({ status: z.enum(TRIP_STATUSES), count: z.number().int() })),
    }),
    workersCarried: z.number().int().meta({ description: 'Boarded passengers of departed or later trips' }),
    handedOver: z.number().int(),
    byOriginPrefecture: z.array(
      z.object({ regionCode: z.string(), regionName: z.string(), workers: z.number().int() }),
    ),
    byOriginCounty: z.array(
      z.object({
        regionCode: z.string(),
        regionName: z.string(),
        prefectureCode: z.string(),
        workers: z.number().int(),
      }),
    ),
    byEnterprise: z.array(
      z.object({
        enterpriseId: z.uuid(),
        enterpriseName: z.string(),
        workers: z.number().int(),
        received: z.number().int(),
      }),
    ),
    seats: z.object({
      seatsForSale: z.number().int(),
      seatsTaken: z.number().int(),
      boarded: z.number().int(),
      utilisation: z.number().meta({ description: 'boarded / seats for sale over departed trips, 0–1' }),
    }),
    costFen: z.number().int(),
  })
  .meta({ id: 'BusStats' });
export type BusStats = z.infer<typeof BusStatsSchema>;
