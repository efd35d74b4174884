/**
 * OCDS merging, and its inverse: the delta that turns one compiled state into the next.
 *
 * Merge rules (OCDS 1.1 "Merging"): objects merge field by field; `null` removes a field;
 * arrays of objects that all carry an `id` merge item by item on that id (new ids are appended);
 * every other array — and the `wholeListMerge` ones — is replaced whole. An identified item can
 * never be removed from a compiled release, so the delta of an item that disappeared blanks its
 * fields (strings and numbers to `null`, arrays to `[]`, objects recursively) and keeps its id.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Arrays the release schema marks `wholeListMerge`: replaced, never merged by id. */
const WHOLE_LIST = new Set(['additionalClassifications', 'additionalIdentifiers']);

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isIdentifiedList(key: string, v: unknown): v is JsonObject[] {
  return (
    !WHOLE_LIST.has(key) &&
    Array.isArray(v) &&
    v.length > 0 &&
    v.every((item) => isObject(item) && (typeof item.id === 'string' || typeof item.id === 'number'))
  );
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Merges `delta` into `base` (neither is modified). */
export function merge(base: JsonObject, delta: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(delta)) {
    if (value === null) {
      delete out[key];
    } else if (isObject(value)) {
      out[key] = merge(isObject(out[key]) ? out[key] : {}, value);
    } else if (isIdentifiedList(key, value)) {
      const before = Array.isArray(out[key]) ? (out[key] as Json[]).filter(isObject) : [];
      const list = [...before];
      for (const item of value) {
        const at = list.findIndex((x) => String(x.id) === String(item.id));
        if (at >= 0) list[at] = merge(list[at]!, item);
        else list.push(merge({}, item));
      }
      out[key] = list;
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** What merging a blanked value leaves nothing of: undefined when it is blank already. */
function blank(key: string, value: Json | undefined): Json | undefined {
  if (value === undefined || value === null) return undefined;
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      const b = blank(k, v);
      if (b !== undefined) out[k] = b;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  if (isIdentifiedList(key, value)) {
    const items = value.flatMap((item) => {
      const { id, ...rest } = item;
      const b = blank(key, rest);
      return b === undefined ? [] : [{ id: id!, ...(b as JsonObject) }];
    });
    return items.length > 0 ? items : undefined;
  }
  if (Array.isArray(value)) return value.length > 0 ? [] : undefined;
  return null;
}

function diffValue(key: string, before: Json | undefined, after: Json): Json | undefined {
  if (same(before, after)) return undefined;
  if (isObject(after) && isObject(before)) return diff(before, after);
  if (isIdentifiedList(key, after) && (before === undefined || isIdentifiedList(key, before))) {
    const previous = before ?? [];
    const out: JsonObject[] = [];
    for (const item of after) {
      const old = previous.find((x) => String(x.id) === String(item.id));
      if (!old) out.push(item);
      else {
        const d = diff(old, item);
        if (d) out.push({ id: item.id!, ...d });
      }
    }
    for (const old of previous) {
      if (after.some((x) => String(x.id) === String(old.id))) continue;
      const { id, ...rest } = old;
      const b = blank(key, rest);
      if (b !== undefined) out.push({ id: id!, ...(b as JsonObject) });
    }
    return out.length > 0 ? out : undefined;
  }
  return after;
}

/**
 * The delta from `before` to `after`, or undefined when they are the same: merging it into
 * `before` gives `after`, except for identified items `after` lacks, which stay blanked.
 */
export function diff(before: JsonObject, after: JsonObject): JsonObject | undefined {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(after)) {
    const d = diffValue(key, before[key], value);
    if (d !== undefined) out[key] = d;
  }
  for (const [key, value] of Object.entries(before)) {
    if (key in after) continue;
    const b = blank(key, value);
    if (b !== undefined) out[key] = b;
  }
  if (Object.keys(out).length === 0) return undefined;
  // An object's own id travels with any change of it (the schema requires `tender.id`).
  return after.id !== undefined && after.id !== null ? { id: after.id, ...out } : out;
}
