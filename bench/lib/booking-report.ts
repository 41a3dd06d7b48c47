import type { LoadSample, Machine } from './machine.js';
import type { Percentiles } from './measure.js';

/** The booking benchmark's scenarios (bench/booking.ts). */
export type ScenarioKey = 'seats' | 'rush' | 'waitlist';

export type BookingRun = {
  scenario: ScenarioKey;
  run: number;
  requests: number;
  trips: number;
  seatsForSale: number;
  seconds: number;
  requestsPerSecond: number;
  /** 201 confirmed answers per second. */
  bookingsPerSecond: number;
  /** 201 answers (confirmed or waitlisted) per second: each wrote a booking row. */
  writesPerSecond: number;
  latency: Percentiles;
  /** "201 confirmed", "409 trip_full", … → count. */
  statuses: Record<string, number>;
  check: {
    overbookedTrips: number;
    counterMismatches: number;
    confirmed: number;
    waitlisted: number;
    seatsForSale: number;
    doubleBooked: number;
  };
  ok: boolean;
  load: LoadSample | null;
};

export type ScenarioSummary = {
  runs: number;
  medianBookingsPerSecond: number;
  medianRequestsPerSecond: number;
  medianWritesPerSecond: number;
  medianP50: number;
  medianP95: number;
  allOk: boolean;
};

export type BookingResult = {
  version: 1;
  command: string;
  note: string | null;
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  machine: Machine;
  loadAverageAtStart: number;
  settings: { connections: number; appPoolSize: number; seekers: number; rushSeekers: number };
  scenarios: Record<ScenarioKey, ScenarioSummary>;
  runs: BookingRun[];
};

const n0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const ms = (n: number) => (!Number.isFinite(n) ? '–' : n < 10 ? n.toFixed(1) : Math.round(n).toString());

const LABEL: Record<ScenarioKey, string> = {
  seats: 'Seats for everyone (80-seat buses, requests spread over them)',
  rush: 'Rush on one bus (45 seats on sale)',
  waitlist: 'Rush on one bus with `{ "waitlist": true }`',
};

function answers(statuses: Record<string, number>): string {
  return Object.entries(statuses)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${n0(v)} × ${k}`)
    .join(', ');
}

/** The "Chartered-bus booking (issue 4)" section of docs/benchmarks.md. */
export function renderBookingReport(r: BookingResult): string {
  const m = r.machine;
  const out: string[] = [];
  const loads = r.runs.flatMap((x) => (x.load ? [x.load] : []));
  const other = loads.length ? loads.reduce((a, l) => a + l.otherCores, 0) / loads.length : null;
  const allOk = r.runs.every((x) => x.ok);
  out.push('## Chartered-bus booking (issue 4)', '');
  out.push(`- **Command:** \`${r.command}\` (from the repository root)`);
  out.push(
    `- **Run:** ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${Math.round(r.durationSeconds / 60)} min in all${r.note ? ` — ${r.note}` : ''}`,
  );
  out.push(
    `- **Machine:** ${m.cpuModel}, ${m.cores} cores, ${m.memoryGb} GB RAM, ${m.os}; Node ${m.node}; ${m.postgres} (${Object.entries(
      m.postgresSettings,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(
        ', ',
      )}); the app's pool ${r.settings.appPoolSize} connections; app, autocannon and PostgreSQL on the same machine.`,
  );
  if (other !== null) {
    out.push(
      `- **Other load:** other processes kept ${Math.round(other * 100) / 100} of ${m.cores} cores busy on average during the measured runs; 1-minute load average ${r.loadAverageAtStart} at the start.${other >= 0.25 ? ' The figures were measured under load and are pessimistic.' : ''}`,
    );
  }
  out.push(
    `- **Result:** **${n0(r.scenarios.seats.medianBookingsPerSecond)} bookings/s** at ${r.settings.connections} connections (median of ${r.scenarios.seats.runs} runs, every request a different seeker); a full bus answers **${n0(r.scenarios.rush.medianRequestsPerSecond)} requests/s** (45 × 201, the rest 409 \`trip_full\`). Overbooking: **${allOk ? 'none' : 'FOUND'}** — checked in SQL after every run.`,
    '',
  );
  out.push(
    'Every booking request is a different seeker with their own session cookie, an open travel request the bus serves (柳江区 → 霞山区) and a fresh `Idempotency-Key`, as the web app sends; autocannon builds each request as it sends it (`setupRequest`), ' +
      `${r.settings.connections} connections, one request per seeker. Each run has fresh seekers and fresh buses created through the API (status open). ` +
      'After each run the database is checked: no bus holds more confirmed bookings than `seats_for_sale`, `seats_taken` equals its confirmed rows, nobody holds two live bookings, and the 201 answers equal the rows written.',
    '',
  );
  out.push(renderBookingTables(r.scenarios, r.runs));
  out.push('');
  return out.join('\n');
}

/** The scenarios' medians and every run, with the checks made after it. */
export function renderBookingTables(
  scenarios: Record<ScenarioKey, ScenarioSummary>,
  runs: readonly BookingRun[],
): string {
  const out: string[] = [];
  out.push(
    '| Scenario | Runs | Requests per run | Bookings/s (median) | Requests/s (median) | Booking rows written/s (median) | p50 ms | p95 ms | Zero overbooking |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
  );
  for (const key of ['seats', 'rush', 'waitlist'] as const) {
    const s = scenarios[key];
    if (s.runs === 0) continue;
    const first = runs.find((x) => x.scenario === key);
    // A rush sells the one bus's seats in its first moments: seats per second there says nothing.
    const bookings =
      key === 'seats' ? n0(s.medianBookingsPerSecond) : `– (${n0(first?.seatsForSale ?? 0)} seats to sell)`;
    out.push(
      `| ${LABEL[key]} | ${s.runs} | ${n0(first?.requests ?? 0)} | ${bookings} | ${n0(s.medianRequestsPerSecond)} | ${n0(s.medianWritesPerSecond)} | ${ms(s.medianP50)} | ${ms(s.medianP95)} | ${s.allOk ? 'yes' : '**no**'} |`,
    );
  }
  out.push('', '### Runs', '');
  out.push(
    '| Scenario | Run | Buses | Seats on sale | Answers | Seconds | Bookings/s | Confirmed rows | Waitlisted rows | Overbooked buses | Counter ≠ rows | Double-booked people | Other load (cores) |',
    '|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const x of runs) {
    out.push(
      `| ${x.scenario} | ${x.run} | ${x.trips} | ${n0(x.seatsForSale)} | ${answers(x.statuses)} | ${x.seconds} | ${n0(x.bookingsPerSecond)} | ${n0(x.check.confirmed)} | ${n0(x.check.waitlisted)} | ${x.check.overbookedTrips} | ${x.check.counterMismatches} | ${x.check.doubleBooked} | ${x.load ? x.load.otherCores : '–'} |`,
    );
  }
  return out.join('\n');
}
