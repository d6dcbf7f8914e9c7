/** A uuid as the services generate them; order references are a uuid or an order number. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `@IsNumber` options of API amounts: decimals at the currency's precision (the services check the precision). */
export const DECIMAL_AMOUNT = { allowNaN: false, allowInfinity: false };

/** A phone number in E.164: `+`, a country code and at most 15 digits in all. */
export const E164_PHONE = /^\+[1-9]\d{7,14}$/;
