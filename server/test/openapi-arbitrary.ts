import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';

/**
 * fast-check arbitraries built from the OpenAPI document the app serves, so the fuzz and IDOR tests
 * send requests shaped like each operation's own schema (right field names, types, formats and
 * enums) instead of only random JSON that validation rejects at the door.
 */

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
};

export type Parameter = {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
};

export type Operation = {
  operationId: string;
  method: string;
  /** OpenAPI path, e.g. /api/v1/enterprises/{id} */
  path: string;
  parameters: Parameter[];
  body: JsonSchema | null;
  bodyContentType: string | null;
};

type Doc = {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId?: string;
        parameters?: Parameter[];
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
      }
    >
  >;
  components?: { schemas?: Record<string, JsonSchema> };
};

export async function loadOperations(
  app: FastifyInstance,
): Promise<{ ops: Operation[]; resolve: (s: JsonSchema) => JsonSchema }> {
  const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  const doc = JSON.parse(res.body) as Doc;
  const resolve = (s: JsonSchema): JsonSchema => {
    let cur = s;
    for (let i = 0; i < 10 && cur.$ref; i++) {
      const name = cur.$ref.replace('#/components/schemas/', '');
      cur = doc.components?.schemas?.[name] ?? {};
    }
    return cur;
  };
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!op.operationId) continue;
      const content = op.requestBody?.content ?? {};
      const ct = Object.keys(content)[0] ?? null;
      ops.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: ct ? (content[ct]?.schema ?? {}) : null,
        bodyContentType: ct,
      });
    }
  }
  return { ops, resolve };
}

const SAMPLE_TEXT = ['湛江', '电焊工', '霞山区', 'Zhanjiang', '普工 包吃住', 'a', ''];

function stringArb(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.max(min, Math.min(s.maxLength ?? 40, 200));
  switch (s.format ?? '') {
    case 'uuid':
      return fc.uuid();
    case 'date':
      return fc
        .date({
          min: new Date('2019-01-01T00:00:00Z'),
          max: new Date('2030-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc
        .date({
          min: new Date('2019-01-01T00:00:00Z'),
          max: new Date('2030-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress();
    case 'uri':
    case 'url':
      return fc.webUrl();
  }
  // Generated strings are padded or cut to the length bounds rather than filtered: a filter that
  // rejects everything (a pattern or sample list that never fits) would spin forever.
  const fit = (v: string) => (v.length < min ? v.padEnd(min, '工') : v.slice(0, max));
  if (s.pattern) {
    try {
      return fc.stringMatching(new RegExp(s.pattern), { size: 'xsmall' });
    } catch {
      // A pattern JavaScript cannot compile: fall through to plain strings.
    }
  }
  return fc.oneof(fc.constantFrom(...SAMPLE_TEXT).map(fit), fc.string({ minLength: min, maxLength: max }));
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const lo =
    s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 0.001) : -1000);
  const hi =
    s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : 0.001) : 100_000);
  const a = Math.max(lo, -(2 ** 31));
  const b = Math.min(Math.max(hi, a), 2 ** 31);
  return integer
    ? fc.integer({ min: Math.ceil(a), max: Math.floor(b) })
    : fc.double({ min: a, max: b, noNaN: true, noDefaultInfinity: true });
}

/** Values that satisfy the schema as far as JSON Schema can say (zod refinements may still refuse them). */
export function arbitraryOf(
  schema: JsonSchema,
  resolve: (s: JsonSchema) => JsonSchema,
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum && s.enum.length > 0) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives && alternatives.length > 0)
    return fc.oneof(...alternatives.map((a) => arbitraryOf(a, resolve, depth + 1)));
  if (s.allOf && s.allOf.length > 0) {
    const merged: JsonSchema = {};
    for (const part of s.allOf.map(resolve)) {
      Object.assign(merged, part, {
        properties: { ...merged.properties, ...part.properties },
        required: [...(merged.required ?? []), ...(part.required ?? [])],
      });
    }
    return arbitraryOf(merged, resolve, depth + 1);
  }
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length > 1)
    return fc.oneof(...types.map((type) => arbitraryOf({ ...s, type }, resolve, depth + 1)));
  const type = types[0] ?? (s.properties ? 'object' : undefined);
  if (depth > 6) return fc.constant(null);
  switch (type ?? '') {
    case 'string':
      return stringArb(s);
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const min = s.minItems ?? 0;
      const max = Math.max(min, Math.min(s.maxItems ?? 3, 5));
      return fc.array(arbitraryOf(s.items ?? {}, resolve, depth + 1), { minLength: min, maxLength: max });
    }
    case 'object': {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) record[k] = arbitraryOf(v, resolve, depth + 1);
      const requiredKeys = Object.keys(props).filter((k) => required.has(k));
      return fc.record(record, { requiredKeys });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function scalar(x: unknown): string {
  return typeof x === 'string' ? x : (JSON.stringify(x) ?? '');
}

/** One operation's request: path, query string and body, drawn from its schema. */
export function requestArb(
  op: Operation,
  resolve: (s: JsonSchema) => JsonSchema,
  pathValue?: (name: string) => string | undefined,
): fc.Arbitrary<{ url: string; body: unknown }> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const pathArbs: Record<string, fc.Arbitrary<unknown>> = {};
  for (const p of pathParams) {
    const fixed = pathValue?.(p.name);
    pathArbs[p.name] =
      fixed !== undefined ? fc.constant(fixed) : arbitraryOf(p.schema ?? { type: 'string' }, resolve);
  }
  const queryArbs: Record<string, fc.Arbitrary<unknown>> = {};
  for (const p of queryParams) queryArbs[p.name] = arbitraryOf(p.schema ?? { type: 'string' }, resolve);
  const requiredQuery = queryParams.filter((p) => p.required).map((p) => p.name);
  return fc
    .record({
      path: fc.record(pathArbs),
      query: fc.record(queryArbs, { requiredKeys: requiredQuery }),
      body: op.body ? arbitraryOf(op.body, resolve) : fc.constant(undefined),
    })
    .map(({ path, query, body }) => {
      const url = op.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
        encodeURIComponent(
          JSON.stringify((path as Record<string, unknown>)[name] ?? 'x').replace(/^"|"$/g, ''),
        ),
      );
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(query as Record<string, unknown>)) {
        if (v === undefined || v === null) continue;
        for (const x of Array.isArray(v) ? (v as unknown[]) : [v]) qs.append(k, scalar(x));
      }
      const q = qs.toString();
      return { url: q ? `${url}?${q}` : url, body };
    });
}
