/**
 * A validator for the JSON Schema subset the data tables use (type, properties, required,
 * additionalProperties, items, enum, pattern, minimum, maximum, minItems, minLength). Small on
 * purpose: it runs on every start, and a test checks it agrees with ajv on the real tables.
 */
export interface Schema {
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

/** The first problem found, as `$.path: what is wrong`, or undefined when `value` is valid. */
export function validate(value: unknown, schema: Schema, path = '$'): string | undefined {
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
    if (schema.items !== undefined) {
      for (let i = 0; i < value.length; i++) {
        const p = validate(value[i], schema.items, `${path}[${i}]`);
        if (p !== undefined) return p;
      }
    }
  } else if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    for (const k of schema.required ?? []) if (!(k in o)) return `${path}: ${k} is missing`;
    for (const [k, v] of Object.entries(o)) {
      const sub = schema.properties?.[k];
      if (sub !== undefined) {
        const p = validate(v, sub, `${path}.${k}`);
        if (p !== undefined) return p;
      } else if (schema.additionalProperties === false) return `${path}: unexpected property ${k}`;
      else if (typeof schema.additionalProperties === 'object') {
        const p = validate(v, schema.additionalProperties, `${path}[${JSON.stringify(k)}]`);
        if (p !== undefined) return p;
      }
    }
  }
  return undefined;
}
