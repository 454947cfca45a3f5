/**
 * A validator for the JSON Schema subset the data tables and the report schema use (type,
 * properties, required, additionalProperties, items, enum, const, pattern, minimum, maximum,
 * minItems, maxItems, minLength, oneOf, and `$ref` to `#/definitions/…` of the root). Small on
 * purpose: it runs on every start, and tests check it agrees with ajv on the real tables and on
 * reports.
 */
import { InternalError } from './errors.js';

export interface Schema {
  $ref?: string;
  definitions?: Record<string, Schema>;
  oneOf?: Schema[];
  const?: unknown;
  maxItems?: number;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  minLength?: number;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The first problem found, as `$.path: what is wrong`, or undefined when `value` is valid. */
export function validate(value: unknown, schema: Schema, path = '$'): string | undefined {
  return check(value, schema, path, schema);
}

function check(value: unknown, schema: Schema, path: string, root: Schema): string | undefined {
  if (schema.$ref !== undefined) {
    const m = /^#\/definitions\/([^/]+)$/.exec(schema.$ref);
    const target = m === null ? undefined : root.definitions?.[m[1] as string];
    if (target === undefined) throw new InternalError(`unsupported $ref ${schema.$ref}`);
    const p = check(value, target, path, root);
    if (p !== undefined) return p;
  }
  if (schema.oneOf !== undefined) {
    const problems = schema.oneOf.map((s) => check(value, s, path, root));
    const ok = problems.filter((p) => p === undefined).length;
    // The alternative that got furthest into the value (the deepest path) says what is wrong.
    const depth = (p: string): number => (p.slice(0, p.indexOf(': ')).match(/[.[]/g) ?? []).length;
    if (ok === 0) return problems.reduce<string>((best, p) => (p !== undefined && depth(p) > depth(best) ? p : best), `${path}: matches none of the alternatives`);
    if (ok > 1) return `${path}: matches more than one alternative`;
  }
  if ('const' in schema && !sameJson(value, schema.const)) return `${path}: must be ${JSON.stringify(schema.const)}`;
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const t = typeOf(value);
    if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) return `${path}: must be ${types.join(' or ')}, is ${t}`;
  }
  if (schema.enum !== undefined && !schema.enum.includes(value)) return `${path}: must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`;
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) return `${path}: must have at least ${schema.minLength} characters`;
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) return `${path}: ${JSON.stringify(value)} does not match ${schema.pattern}`;
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) return `${path}: must be ≥ ${schema.minimum}`;
    if (schema.maximum !== undefined && value > schema.maximum) return `${path}: must be ≤ ${schema.maximum}`;
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) return `${path}: must have at least ${schema.minItems} items`;
    if (schema.maxItems !== undefined && value.length > schema.maxItems) return `${path}: must have at most ${schema.maxItems} items`;
    if (schema.items !== undefined) {
      for (let i = 0; i < value.length; i++) {
        const p = check(value[i], schema.items, `${path}[${i}]`, root);
        if (p !== undefined) return p;
      }
    }
  } else if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    for (const k of schema.required ?? []) if (!(k in o)) return `${path}: ${k} is missing`;
    for (const [k, v] of Object.entries(o)) {
      const sub = schema.properties?.[k];
      if (sub !== undefined) {
        const p = check(v, sub, `${path}.${k}`, root);
        if (p !== undefined) return p;
      } else if (schema.additionalProperties === false) return `${path}: unexpected property ${k}`;
      else if (typeof schema.additionalProperties === 'object') {
        const p = check(v, schema.additionalProperties, `${path}[${JSON.stringify(k)}]`, root);
        if (p !== undefined) return p;
      }
    }
  }
  return undefined;
}
