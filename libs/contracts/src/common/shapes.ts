import { Type } from 'class-transformer';
import { IsObject, ValidateBy, ValidateNested, ValidationOptions } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { LIMITS } from './limits';

/**
 * A nested object of a DTO: an object (an array or a string is refused, not transformed into an empty
 * instance), validated as `type`.
 */
export const NestedObject = (type: () => new () => object): PropertyDecorator => (target, key) => {
  IsObject({ message: `${String(key)} must be an object` })(target, key as string);
  ValidateNested()(target, key as string);
  Type(type)(target, key as string);
};

/** Each element of an array is an object validated as `type`. */
export const NestedObjects = (type: () => new () => object): PropertyDecorator => (target, key) => {
  IsObject({ each: true, message: `each of ${String(key)} must be an object` })(target, key as string);
  ValidateNested({ each: true })(target, key as string);
  Type(type)(target, key as string);
};

const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Why a metadata object is refused, or undefined when it is fine. */
function metadataProblem(value: unknown): string | undefined {
  if (!isPlainObject(value)) return 'must be an object';
  const keys = Object.keys(value);
  if (keys.length > LIMITS.metadataKeys) return `must have at most ${LIMITS.metadataKeys} keys`;
  const long = keys.find((key) => key.length > LIMITS.metadataKeyLength);
  if (long !== undefined) return `keys must be at most ${LIMITS.metadataKeyLength} characters (${long.slice(0, 50)})`;
  if (Buffer.byteLength(JSON.stringify(value)) > LIMITS.metadataBytes) return `must be at most ${LIMITS.metadataBytes} bytes as JSON`;
  return undefined;
}

/** Free-form data a shop attaches (Stripe's metadata rules, in spirit): bounded keys and size. */
export const IsMetadata = (options?: ValidationOptions): PropertyDecorator => (target, key) => {
  ValidateBy({ name: 'isMetadata', validator: { validate: (value) => !metadataProblem(value), defaultMessage: (args) => `${args?.property} ${metadataProblem(args?.value)}` } }, options)(target, key as string);
  // replaces what the schema generator would guess from the property's design type (a $ref to Object)
  JSONSchema(() => ({ type: 'object', maxProperties: LIMITS.metadataKeys, description: `at most ${LIMITS.metadataKeys} keys of up to ${LIMITS.metadataKeyLength} characters, ${LIMITS.metadataBytes} bytes as JSON` }))(target, key as string);
};

/** Names and values a variant is chosen by (`{ "size": "M" }`): strings, at most 20 of them. */
export const IsStringMap = (options?: ValidationOptions): PropertyDecorator => (target, key) => {
  ValidateBy(
    {
      name: 'isStringMap',
      validator: {
        validate: (value) => isPlainObject(value) && Object.keys(value).length <= 20 && Object.entries(value).every(([k, v]) => k.length <= 100 && typeof v === 'string' && v.length <= 200),
        defaultMessage: (args) => `${args?.property} must be an object of at most 20 names (≤ 100 characters) to text values (≤ 200 characters)`,
      },
    },
    options,
  )(target, key as string);
  JSONSchema(() => ({ type: 'object', maxProperties: 20, additionalProperties: { type: 'string', maxLength: 200 } }))(target, key as string);
};
