import { readFileSync } from 'node:fs';
import { OrderStatusCatalogueView, StatusView } from '@oms/contracts';

export interface StatusDefinition {
  name: string;
  badge: string;
  progress: string;
  isDefault?: boolean;
  isCancelable?: boolean;
}

export interface OrderStatusRule {
  payment: string;
  shipment: string;
  order: string;
}

/** The status configuration: like EverShop's `oms.order`, plus explicit payment × shipment → order rules. */
export interface StatusConfig {
  paymentStatus: Record<string, StatusDefinition>;
  shipmentStatus: Record<string, StatusDefinition>;
  orderStatus: Record<string, StatusDefinition>;
  /** First matching rule wins; `*` matches any status. The last rule must be `* × *`. */
  orderStatusRules: OrderStatusRule[];
  /**
   * The direct status updates allowed from each status. Cancellation is not one of them: it has its own
   * flow (stock release, the race with shipping) and sets both statuses to `canceled`.
   */
  transitions: Record<StatusGroup, Record<string, string[]>>;
}

export type StatusGroup = 'paymentStatus' | 'shipmentStatus';

export class StatusConfigError extends Error {}

const GROUPS = ['paymentStatus', 'shipmentStatus', 'orderStatus'] as const;

/** Statuses the flows set themselves (the payment ledger, the shipment roll-up, cancellation): a configuration must define them. */
export const FLOW_STATUSES: Record<StatusGroup, string[]> = {
  paymentStatus: ['pending', 'authorized', 'partially_paid', 'paid', 'partially_refunded', 'refunded', 'failed', 'canceled'],
  shipmentStatus: ['pending', 'partially_shipped', 'shipped', 'partially_delivered', 'delivered', 'returned', 'canceled'],
};

/** Reads a status configuration file; a file that is missing or not JSON is a StatusConfigError too. */
export function readStatusConfig(path: string): StatusConfig {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new StatusConfigError(`cannot read the status configuration ${path}: ${(error as Error).message}`);
  }
}

/** Checks a status configuration at start; throws naming every problem found. */
export function validateStatusConfig(config: StatusConfig): StatusConfig {
  const problems: string[] = [];
  for (const group of GROUPS) {
    const statuses = config[group];
    if (!statuses || typeof statuses !== 'object' || !Object.keys(statuses).length) {
      problems.push(`${group} must define at least one status`);
      continue;
    }
    for (const [code, status] of Object.entries(statuses)) {
      for (const field of ['name', 'badge', 'progress'] as const) {
        if (typeof status?.[field] !== 'string' || !status[field]) problems.push(`${group}.${code}.${field} must be a non-empty string`);
      }
    }
    for (const code of group === 'orderStatus' ? [] : FLOW_STATUSES[group]) {
      if (!statuses[code]) problems.push(`${group}.${code} is missing: the order flows set it`);
    }
    const defaults = Object.keys(statuses).filter((code) => statuses[code]?.isDefault);
    if (defaults.length !== 1) problems.push(`${group} must have exactly one isDefault status, has ${defaults.length}`);
  }
  const rules = config.orderStatusRules;
  if (!Array.isArray(rules) || !rules.length) problems.push('orderStatusRules must be a non-empty list');
  else {
    rules.forEach((rule, i) => {
      if (rule.payment !== '*' && !config.paymentStatus?.[rule.payment]) problems.push(`orderStatusRules[${i}].payment: unknown payment status "${rule.payment}"`);
      if (rule.shipment !== '*' && !config.shipmentStatus?.[rule.shipment]) problems.push(`orderStatusRules[${i}].shipment: unknown shipment status "${rule.shipment}"`);
      if (!config.orderStatus?.[rule.order]) problems.push(`orderStatusRules[${i}].order: unknown order status "${rule.order}"`);
    });
    const last = rules[rules.length - 1];
    if (last.payment !== '*' || last.shipment !== '*') problems.push('the last orderStatusRules entry must be the catch-all { payment: "*", shipment: "*" }');
  }
  for (const group of ['paymentStatus', 'shipmentStatus'] as const) {
    const table = config.transitions?.[group];
    if (!table) {
      problems.push(`transitions.${group} is missing`);
      continue;
    }
    for (const code of Object.keys(config[group] ?? {})) {
      if (!Array.isArray(table[code])) problems.push(`transitions.${group}.${code} must list the statuses it may change to`);
    }
    for (const [from, targets] of Object.entries(table)) {
      if (!config[group]?.[from]) problems.push(`transitions.${group}: unknown status "${from}"`);
      for (const to of Array.isArray(targets) ? targets : []) {
        if (!config[group]?.[to]) problems.push(`transitions.${group}.${from}: unknown status "${to}"`);
        if (to === 'canceled') problems.push(`transitions.${group}.${from}: "canceled" is set by cancelling the order, not by an update`);
      }
    }
  }
  if (problems.length) throw new StatusConfigError(`invalid status configuration:\n  ${problems.join('\n  ')}`);
  return config;
}

/** Status tables and resolution, as a pure object (no I/O): unit-testable, shared by every use case. */
export class OrderStatuses {
  /** The configuration with prototype-free tables: a status named `constructor` or `__proto__` is just unknown. */
  readonly config: StatusConfig;

  constructor(config: StatusConfig) {
    this.config = withoutPrototypes(config);
  }

  defaultOf(group: (typeof GROUPS)[number]): string {
    return Object.keys(this.config[group]).find((code) => this.config[group][code].isDefault)!;
  }

  /** The order status for a payment × shipment status pair: the first rule that matches. */
  resolve(payment: string, shipment: string): string {
    const rule = this.config.orderStatusRules.find(
      (r) => (r.payment === '*' || r.payment === payment) && (r.shipment === '*' || r.shipment === shipment),
    );
    return rule!.order;
  }

  codes(group: (typeof GROUPS)[number]): string[] {
    return Object.keys(this.config[group]);
  }

  /** May a direct update move this group from `from` to `to`? Staying put is always allowed. */
  canChange(group: StatusGroup, from: string, to: string): boolean {
    return from === to || (this.config.transitions[group][from] ?? []).includes(to);
  }

  isCancelable(payment: string, shipment: string): boolean {
    return !!this.config.paymentStatus[payment]?.isCancelable && !!this.config.shipmentStatus[shipment]?.isCancelable;
  }

  view(group: (typeof GROUPS)[number], code: string): StatusView {
    const status = this.config[group][code];
    return status
      ? { code, name: status.name, badge: status.badge, progress: status.progress }
      : { code, name: code, badge: 'default', progress: 'incomplete' };
  }

  /** Every configured status of every group, in the configuration's order (for filters and legends). */
  catalogue(): OrderStatusCatalogueView {
    const group = (name: (typeof GROUPS)[number]) => this.codes(name).map((code) => this.view(name, code));
    return { orderStatus: group('orderStatus'), paymentStatus: group('paymentStatus'), shipmentStatus: group('shipmentStatus') };
  }
}

/** A deep copy whose objects have no prototype, so looking up a caller's string finds only configured keys. */
function withoutPrototypes<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutPrototypes) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.assign(Object.create(null), Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutPrototypes(item)])));
}
