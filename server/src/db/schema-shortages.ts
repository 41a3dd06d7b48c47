/**
 * Table types of the shortages tables (kept apart from schema.ts so that modules built in parallel do not
 * edit one file). Column types follow schema.ts: camelCase via CamelCasePlugin.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the migration's tables
export type ShortageTables = {};
