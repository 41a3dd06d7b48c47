/**
 * Table types of PIPL consents, requests, deletion and retention (issue 9), kept apart from schema.ts so that modules built in parallel do not edit one
 * file. camelCase via CamelCasePlugin.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the module's migration
export type PrivacyTables = {};
