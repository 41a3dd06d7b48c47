import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type APIRequestContext, type Browser, type Locator, type Page } from 'playwright-core';
import jsQR from 'jsqr';
import QRCode from 'qrcode';
import type { Db } from '../server/src/db/database.js';
import { createEnterprise, createPosting, type TestEnterprise } from '../server/test/channel-factories.js';
import { createUser, TEST_PASSWORD, testOtp, type TestUser } from '../server/test/factories.js';
import { CHROMIUM_PATH } from './browser';

/** Set-up and steps of the chartered-bus journey; labels are the zh-CN UI texts. */

/** A calendar day in China time, `days` from today ("YYYY-MM-DD"). */
export function chinaDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

export type BusCast = {
  planner: TestUser & { name: string };
  escort: TestUser & { name: string };
  clerk: TestUser & { name: string };
  enterprise: TestEnterprise;
  postingId: string;
};

/**
 * The people the journey does not sign up through the UI (the admin and channel journeys cover
 * that): a 霞山区 planning officer, an escort officer, and an employer with a verified enterprise
 * in 霞山区 and a posting there.
 */
export async function castOfBusJourney(db: Db, suffix: string): Promise<BusCast> {
  const planner = await createUser(db, {
    role: 'staff',
    districtCodes: ['440803'],
    displayName: `调度员${suffix}`,
  });
  const escort = await createUser(db, {
    role: 'staff',
    districtCodes: ['440803'],
    displayName: `护送员${suffix}`,
  });
  const clerk = await createUser(db, { role: 'employer', displayName: `人事${suffix}` });
  const enterprise = await createEnterprise(db, {
    ownerUserId: clerk.id,
    ownerPhone: clerk.phone,
    name: `湛江港湾食品${suffix}有限公司`,
    districtCode: '440803',
  });
  const posting = await createPosting(db, enterprise, { title: `水产加工工${suffix}` });
  return {
    planner: { ...planner, name: `调度员${suffix}` },
    escort: { ...escort, name: `护送员${suffix}` },
    clerk: { ...clerk, name: `人事${suffix}` },
    enterprise,
    postingId: posting.id,
  };
}

/**
 * The enterprise's offer to the seeker, made in the channel (its own journey clicks through it):
 * the travel request form then offers the enterprise as the destination employer.
 */
export async function offerTo(db: Db, seekerPhone: string, cast: BusCast): Promise<void> {
  const seeker = await db
    .selectFrom('users')
    .select('id')
    .where('phone', '=', seekerPhone)
    .executeTakeFirstOrThrow();
  const consent = await db
    .insertInto('consents')
    .values({ userId: seeker.id, kind: 'resume_share', noticeVersion: 'e2e' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('applications')
    .values({
      postingId: cast.postingId,
      seekerUserId: seeker.id,
      enterpriseId: cast.enterprise.id,
      status: 'offer',
      resumeSnapshot: '{}',
      consentId: consent.id,
    })
    .execute();
}

/** An API session of a user made by the factories (their password is TEST_PASSWORD). */
export async function apiLogin(api: APIRequestContext, phone: string): Promise<void> {
  const res = await api.post('/api/v1/auth/login', {
    data: { phone, password: TEST_PASSWORD, otp: await testOtp(phone) },
  });
  if (res.status() !== 200) throw new Error(`login ${phone}: ${res.status()} ${await res.text()}`);
}

/** Staff register a worker's travel request on their behalf (a phone call to the district office). */
export async function requestForWorker(
  api: APIRequestContext,
  o: { fullName: string; phone: string; origin: string; pickupPoint: string; date: string },
): Promise<void> {
  const res = await api.post('/api/v1/travel-requests', {
    data: {
      person: { fullName: o.fullName, phone: o.phone },
      originRegionCode: o.origin,
      pickupPoint: o.pickupPoint,
      destinationDistrictCode: '440803',
      earliestDate: o.date,
      phone: o.phone,
      health: { symptoms: [], contactWithCase: false, visitedHighRiskArea: false, healthCodeColor: 'green' },
      healthConsent: true,
    },
  });
  if (res.status() !== 201) throw new Error(`travel request: ${res.status()} ${await res.text()}`);
}

/**
 * Decodes the QR image the page shows, as a camera would: the <img> is drawn on a canvas in the
 * page, its pixels come back here and jsqr (the library the escort's page uses) reads them.
 */
export async function decodeQrImage(image: Locator): Promise<string | null> {
  const pixels = await image.evaluate((el) => {
    const img = el as HTMLImageElement;
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return { width: data.width, height: data.height, data: Array.from(data.data) };
  });
  if (!pixels) return null;
  return jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height)?.data ?? null;
}

/** The open dropdown of an antd Select (earlier ones stay in the DOM, hidden). */
function openDropdown(page: Page): Locator {
  return page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
}

/** Picks province → city → county in the region picker whose boxes are named "<prefix> 省份" etc. */
export async function pickCounty(
  page: Page,
  prefix: string,
  path: [province: string, city: string, county: string],
): Promise<void> {
  const boxes = ['省份', '城市', '区县'] as const;
  for (const [i, name] of path.entries()) {
    const box = page.getByRole('combobox', { name: `${prefix} ${boxes[i]}` });
    await box.click();
    await box.pressSequentially(name.slice(0, 2));
    await openDropdown(page).getByTitle(name, { exact: true }).click();
    await openDropdown(page).waitFor({ state: 'hidden' });
  }
}

/**
 * A camera that films `code` as a QR code: a Y4M video (what Chromium's fake capture device plays
 * in a loop) of the code drawn black on white, 640×480, the code about 300 px wide.
 */
async function qrVideo(code: string): Promise<string> {
  const width = 640;
  const height = 480;
  const qr = QRCode.create(code, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const quiet = 4;
  const scale = Math.floor(320 / (size + 2 * quiet));
  const side = (size + 2 * quiet) * scale;
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  const luma = Buffer.alloc(width * height, 200);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / scale) - quiet;
      const my = Math.floor(y / scale) - quiet;
      const dark = mx >= 0 && my >= 0 && mx < size && my < size && qr.modules.get(my, mx) === 1;
      luma[(top + y) * width + left + x] = dark ? 16 : 235;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  const file = path.join(os.tmpdir(), `jiuye-qr-camera-${process.pid}-${Date.now()}.y4m`);
  await writeFile(file, Buffer.concat([header, ...Array.from({ length: 10 }, () => frame)]));
  return file;
}

/**
 * A Chromium whose camera films the passenger's QR code (the fake capture device, permission
 * granted without a prompt): the escort's page scans it as it would a real phone's camera.
 */
export async function launchBrowserFilming(code: string): Promise<Browser> {
  const video = await qrVideo(code);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  browser.on('disconnected', () => void rm(video, { force: true }));
  return browser;
}
