import type { Migration } from 'kysely';
import * as foundation from './20261127T1740-foundation.js';
import * as connectingChannel from './20261127T1900-connecting-channel.js';
import * as searchMatchingIndexes from './20261127T2010-search-matching-indexes.js';
import * as alertsDelivery from './20261127T2020-alerts-delivery.js';
import * as persons from './20261127T2050-persons.js';
import * as buses from './20261127T2100-buses.js';
import * as policies from './20261127T2110-policies.js';
import * as payoutsEntrepreneurship from './20261127T2120-payouts-entrepreneurship.js';
import * as registrationCases from './20261127T2130-registration-cases.js';
import * as welfareTrainingEcommerce from './20261127T2140-welfare-training-ecommerce.js';
import * as partnerRole from './20261127T2150-partner-role.js';
import * as shortagesSharingColleges from './20261127T2200-shortages-sharing-colleges.js';
import * as regionsFairsAgencies from './20261127T2210-regions-fairs-agencies.js';
import * as monitoring from './20261127T2220-monitoring.js';
import * as auditorRole from './20261128T0000-auditor-role.js';
import * as monitoringDashboards from './20261128T0010-monitoring-dashboards.js';
import * as warningRulesEditing from './20261128T0020-warning-rules-editing.js';
import * as mfaSessions from './20261128T0100-mfa-sessions.js';
import * as privacy from './20261128T0110-privacy.js';
import * as auditChain from './20261128T0120-audit-chain.js';
import * as auditSealer from './20261128T0310-audit-sealer.js';
import * as postingStatsInsertWhen from './20261128T0320-posting-stats-insert-when.js';
import * as postingCacheNotify from './20261128T0350-posting-cache-notify.js';
import * as candidateBuckets from './20261128T1100-candidate-buckets.js';

/**
 * Every migration, by timestamped name. Listed statically (not read from the folder) so that the
 * same set runs under tsx, vitest and a bundler. Never edit a migration once merged: add one.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '20261127T1740-foundation': foundation,
  '20261127T1900-connecting-channel': connectingChannel,
  '20261127T2010-search-matching-indexes': searchMatchingIndexes,
  '20261127T2020-alerts-delivery': alertsDelivery,
  '20261127T2050-persons': persons,
  '20261127T2100-buses': buses,
  '20261127T2110-policies': policies,
  '20261127T2120-payouts-entrepreneurship': payoutsEntrepreneurship,
  '20261127T2130-registration-cases': registrationCases,
  '20261127T2140-welfare-training-ecommerce': welfareTrainingEcommerce,
  '20261127T2150-partner-role': partnerRole,
  '20261127T2200-shortages-sharing-colleges': shortagesSharingColleges,
  '20261127T2210-regions-fairs-agencies': regionsFairsAgencies,
  '20261127T2220-monitoring': monitoring,
  '20261128T0000-auditor-role': auditorRole,
  '20261128T0010-monitoring-dashboards': monitoringDashboards,
  '20261128T0020-warning-rules-editing': warningRulesEditing,
  '20261128T0100-mfa-sessions': mfaSessions,
  '20261128T0110-privacy': privacy,
  '20261128T0120-audit-chain': auditChain,
  '20261128T0310-audit-sealer': auditSealer,
  '20261128T0320-posting-stats-insert-when': postingStatsInsertWhen,
  '20261128T0350-posting-cache-notify': postingCacheNotify,
  '20261128T1100-candidate-buckets': candidateBuckets,
};
