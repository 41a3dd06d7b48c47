import { useTranslation } from 'react-i18next';
import { i18n } from '.';

/*
 * Lazily added message trees (dashboards, monitoring, privacy, audit, security) stay out of the
 * app-wide typed `Messages` union: its key union is near TypeScript's instantiation limit. Their
 * pages translate through these lookups instead, typed against each tree's zh-CN messages, so a
 * misspelt key still fails `tsc`.
 */

/** Every dotted path to a string leaf of a message tree ("security.verify.title" …). */
export type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Interpolation values (and i18next options such as `count`). */
export type TVars = Record<string, unknown>;

/** A translate function over one tree's keys. */
export type TypedT<Key extends string> = (key: Key, vars?: TVars) => string;

type Lookup = (key: string, vars?: TVars) => string;

/**
 * `t` for the keys of message tree `Tree`. `prefix` is put before every key, for a tree whose keys
 * are given relative to its root (the dashboards use `overview.title` for `dashboards.overview.title`).
 */
export function useTypedT<Tree>(prefix = ''): TypedT<Leaves<Tree>> {
  const { t } = useTranslation();
  const lookup = t as unknown as Lookup;
  return (key, vars) => lookup(prefix + key, vars);
}

/** The same lookup fixed to one language whatever the UI's (e.g. the bureau's Chinese headers). */
export function fixedTypedT<Tree>(lng: string, prefix = ''): TypedT<Leaves<Tree>> {
  const lookup = i18n.getFixedT(lng) as unknown as Lookup;
  return (key, vars) => lookup(prefix + key, vars);
}
