/**
 * Values for session templates (spec §8): map targets (`Forms.Key`, `Data.Key.Sub`,
 * `Data.Key[].Sub`), building the `{forms, data}` an initializer returns, seeding from query
 * parameters, and merging results in order (later wins). Pure.
 */
import { emptyValues, type FieldValue, type Values } from "../connect/model.ts";
import { keyProblem } from "../connect/rules.ts";
import type { MapTarget } from "./model.ts";

/** What an initializer (or the query) contributes. */
export interface InitValues {
  forms: Values;
  data: Values;
}

export function emptyInitValues(): InitValues {
  return { forms: emptyValues(), data: emptyValues() };
}

/** Parses `Forms.Key`, `Data.Key.Sub` or `Data.Key[].Sub`; a string explains a refusal. */
export function parseTarget(text: string): MapTarget | string {
  const match = /^(Forms|Data)\.([^.[\]]+)(\[\])?(?:\.([^.[\]]+))?$/.exec(text);
  const root = match?.[1];
  const key = match?.[2];
  if (match === null || (root !== "Forms" && root !== "Data") || key === undefined) {
    return `"${text}" is not a target; write Forms.Key, Data.Key, Data.Key.Sub or Data.Key[].Sub.`;
  }
  const collection = match[3] !== undefined;
  const subKey = match[4] ?? null;
  if (collection && subKey === null) {
    return `"${text}" names a collection; say which value of each item it fills: ${text}.Name.`;
  }
  for (const part of [key, subKey]) {
    const problem = part === null ? null : keyProblem(part);
    if (problem !== null) return problem;
  }
  // Typed first: against `MapTarget | string`, `sub` would also match String's legacy method.
  const target: MapTarget = { root, key, sub: subKey, collection };
  return target;
}

/** Collects mapped values into Forms and Data trees. */
export class ValuesBuilder {
  readonly values: InitValues = emptyInitValues();
  #count = 0;

  /** How many values were set; zero means the source matched nothing. */
  get count(): number {
    return this.#count;
  }

  set(target: MapTarget, text: string): void {
    const tree = this.#tree(target);
    this.#count++;
    if (target.sub === null) {
      tree[target.key] = { kind: "value", text };
      return;
    }
    const existing = Object.hasOwn(tree, target.key) ? tree[target.key] : undefined;
    const object = existing?.kind === "object" ? existing.values : emptyValues();
    object[target.sub] = { kind: "value", text };
    tree[target.key] = { kind: "object", values: object };
  }

  /** Sets `sub` in item `index` (0-based) of the collection, creating items as needed. */
  setItem(target: MapTarget, index: number, text: string): void {
    if (target.sub === null) return;
    const tree = this.#tree(target);
    const existing = Object.hasOwn(tree, target.key) ? tree[target.key] : undefined;
    const items = existing?.kind === "collection" ? existing.items : [];
    while (items.length <= index) items.push(emptyValues());
    const item = items[index];
    if (item === undefined) return;
    item[target.sub] = { kind: "value", text };
    tree[target.key] = { kind: "collection", items };
    this.#count++;
  }

  #tree(target: MapTarget): Values {
    return target.root === "Forms" ? this.values.forms : this.values.data;
  }
}

/**
 * Merges `add` into `base` in place: a key in `add` wins, except that two objects merge
 * key by key, so an initializer can fill `Data.Customer.Name` without dropping `.City`.
 */
export function mergeValues(base: Values, add: Values): void {
  for (const [key, value] of Object.entries(add)) {
    const current = Object.hasOwn(base, key) ? base[key] : undefined;
    if (current?.kind === "object" && value.kind === "object") {
      const merged = cloneObject(current);
      mergeValues(merged.values, value.values);
      base[key] = merged;
    } else {
      base[key] = value;
    }
  }
}

export function mergeInit(base: InitValues, add: InitValues): void {
  mergeValues(base.forms, add.forms);
  mergeValues(base.data, add.data);
}

function cloneObject(value: Extract<FieldValue, { kind: "object" }>): typeof value {
  const values = emptyValues();
  Object.assign(values, value.values);
  return { kind: "object", values };
}

export interface SplitParams {
  seed: InitValues;
  /** Parameters that are neither Forms nor Data: visible to initializers as `{Param.X}`. */
  params: Map<string, string>;
  /** Parameters that look like Forms/Data but name no valid target. */
  problems: string[];
}

/**
 * Splits request parameters (spec §8): `Forms.*` and `Data.*` seed the values (`.Sub` fills
 * an object's key); anything else is an initializer-only parameter.
 */
export function splitParams(input: Map<string, string>): SplitParams {
  const builder = new ValuesBuilder();
  const params = new Map<string, string>();
  const problems: string[] = [];

  for (const [name, value] of input) {
    if (!name.startsWith("Forms.") && !name.startsWith("Data.")) {
      params.set(name, value);
      continue;
    }
    const target = parseTarget(name);
    if (typeof target === "string" || target.collection) {
      problems.push(typeof target === "string" ? target : `${name}: collections cannot be seeded.`);
      continue;
    }
    builder.set(target, value);
  }
  return { seed: builder.values, params, problems };
}
