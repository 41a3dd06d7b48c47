import type { Executor } from '../../db/database.js';
import type { RequestContext } from '../../platform/context.js';
import { recordServiceForPerson } from '../cases/index.js';

/**
 * Training on the person's assistance case (cases module): an enrolment is a training referral, a
 * result its outcome. Once per event (dedupe key); nothing happens when the person has no open case.
 */
export async function logTrainingOnCase(
  tx: Executor,
  ctx: RequestContext,
  e: {
    personId: string;
    courseId: string;
    courseTitle: string;
    event: 'enrolled' | 'completed' | 'failed';
    dedupeKey: string;
    at: Date;
  },
): Promise<void> {
  const note =
    e.event === 'enrolled'
      ? `报名职业技能培训：${e.courseTitle}`
      : e.event === 'completed'
        ? `完成职业技能培训并取得证书：${e.courseTitle}`
        : `参加职业技能培训未通过考核：${e.courseTitle}`;
  await recordServiceForPerson(tx, {
    personId: e.personId,
    kind: 'training_referral',
    courseId: e.courseId,
    note,
    outcome: e.event === 'failed' ? 'other' : e.event,
    dedupeKey: e.dedupeKey,
    providedAt: e.at,
    providedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
  });
}
