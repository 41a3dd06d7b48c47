import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { signedIn } from '../../../test/factories.js';
import { createEnterprise, createPosting } from '../../../test/channel-factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

describe('publishing a posting sends job alerts', () => {
  it('notifies a seeker whose saved search matches when staff approve the ad', async () => {
    const seeker = await signedIn(t.app, t.db, 'seeker');
    const saved = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/saved-searches',
      headers: seeker.headers,
      payload: { query: { q: '焊工', districtCode: '440803' }, frequency: 'instant' },
    });
    expect(saved.statusCode).toBe(201);
    const employer = await signedIn(t.app, t.db, 'employer');
    const ent = await createEnterprise(t.db, {
      ownerUserId: employer.user.id,
      ownerPhone: employer.user.phone,
    });
    const posting = await createPosting(t.db, ent, { title: '二保焊工（钢结构）', status: 'pending_review' });
    const staff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'] });
    const before = await t.db
      .selectFrom('notifications')
      .select('id')
      .where('userId', '=', seeker.user.id)
      .execute();
    const review = await t.app.inject({
      method: 'POST',
      url: `/api/v1/job-postings/${posting.id}/review`,
      headers: staff.headers,
      payload: { decision: 'approve' },
    });
    expect(review.statusCode).toBe(200);
    const after = await t.db
      .selectFrom('notifications')
      .select(['id', 'link'])
      .where('userId', '=', seeker.user.id)
      .execute();
    expect(after.length).toBe(before.length + 1);
    expect(after.some((n) => n.link?.includes(posting.id))).toBe(true);
    // Close it so it does not leak into other tests sharing this worker database.
    await t.db.updateTable('jobPostings').set({ status: 'closed' }).where('id', '=', posting.id).execute();
  });
});
