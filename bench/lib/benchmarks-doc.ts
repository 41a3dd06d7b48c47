import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderBookingReport, type BookingResult } from './booking-report.js';
import { renderReport, type RunResult } from './report.js';

/**
 * docs/benchmarks.md from every result on file: each scale's latest run (bench/results/<scale>.json,
 * the biggest scale first), then the booking benchmark's (bench/results/booking/booking.json), so
 * that `npm run bench` and `npm run booking -w bench` each rewrite the file without dropping the
 * other's section.
 */
export async function writeBenchmarksDoc(benchDir: string): Promise<void> {
  const resultsDir = path.join(benchDir, 'results');
  const files = (await readdir(resultsDir)).filter((f) => f.endsWith('.json'));
  const results: RunResult[] = [];
  for (const f of files)
    results.push(JSON.parse(await readFile(path.join(resultsDir, f), 'utf8')) as RunResult);
  results.sort((a, b) => b.dataset.publishedPostings - a.dataset.publishedPostings);
  let booking: BookingResult | null = null;
  try {
    booking = JSON.parse(
      await readFile(path.join(resultsDir, 'booking', 'booking.json'), 'utf8'),
    ) as BookingResult;
  } catch {
    // No booking run on file yet.
  }
  const doc = renderReport(results) + (booking ? `\n${renderBookingReport(booking)}` : '');
  await writeFile(path.join(benchDir, '..', 'docs', 'benchmarks.md'), doc);
}
