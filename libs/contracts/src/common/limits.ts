/**
 * The largest numbers the API takes, each one that its column (and a JavaScript number of minor units)
 * holds with room for the sums built from it. The OpenAPI document shows each as a field's `maximum`.
 */
export const LIMITS = {
  /** Units of one order line, shipment line or refund line (integer column; 200 lines stay far below 2^31). */
  lineQty: 10_000,
  /** A unit price or a line's tax or discount, in major units (1,000,000.000 in a 3-decimal currency is 10^9 minor units). */
  unitAmount: 1_000_000,
  /** Any other amount (fees, totals, payments, refunds, settlements), in major units: 10^15 minor units at most, a safe integer. */
  amount: 1_000_000_000_000,
  /** Weight of one unit, in the shop's unit (numeric(14,4) column). */
  unitWeight: 1_000_000,
  /** An order's total weight (numeric(14,4) column). */
  totalWeight: 1_000_000_000,
  /** Units on hand, reserved, or a low-stock threshold of one SKU (integer columns). */
  stockUnits: 1_000_000_000,
  /** Keys of an order's `metadata`, their length, and its size as JSON (it is carried in events). */
  metadataKeys: 50,
  metadataKeyLength: 40,
  metadataBytes: 8_192,
  /** Rows of one settlement report: what the order service reconciles within its RPC deadline. */
  settlementRows: 10_000,
} as const;
