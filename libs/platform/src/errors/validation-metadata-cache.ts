import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Grouped = Record<string, ValidationMetadata[]>;
const memoized = new WeakSet<object>();

/**
 * class-validator finds a class's rules by scanning every decorated class on each validate call
 * (typestack/class-validator#2686): a top frame in every app's CPU profile, since each event and request
 * validates several nested classes. A class's rules are complete once it is defined (a base class is
 * defined before the classes that extend it, and nothing registers rules later), so the lookup and its
 * grouping by property are memoized per class and options; the arrays are only read by class-validator.
 */
export function memoizeValidationMetadata(): void {
  const storage = getMetadataStorage();
  if (memoized.has(storage)) return;
  memoized.add(storage);
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const groupByProperty = storage.groupByPropertyName.bind(storage);
  const byTarget = new WeakMap<object, Map<string, ValidationMetadata[]>>();
  const grouped = new WeakMap<ValidationMetadata[], Grouped>();

  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = JSON.stringify([schema, always, strictGroups, groups ?? null]);
    let entries = byTarget.get(target);
    if (!entries) byTarget.set(target, (entries = new Map()));
    let metadata = entries.get(key);
    if (!metadata) entries.set(key, (metadata = lookUp(target, schema, always, strictGroups, groups)));
    return metadata;
  };
  storage.groupByPropertyName = (metadata) => {
    let result = grouped.get(metadata);
    if (!result) grouped.set(metadata, (result = groupByProperty(metadata)));
    return result;
  };
}
