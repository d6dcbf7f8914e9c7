/**
 * `admin`: the shop's staff, everything. `checkout`: the storefront's back end, which places orders at the
 * shop's prices and reads and cancels them. `customer`: reads and cancels its own orders (`customer.id` = `sub`).
 */
export type Role = 'admin' | 'checkout' | 'customer';
export const ROLES: readonly Role[] = ['admin', 'checkout', 'customer'];

/** Who is calling: the JWT's `sub` and `role`, passed from the gateway to every service. */
export interface Actor {
  sub: string;
  role: Role;
}
