export type Role = 'admin' | 'customer';
export const ROLES: readonly Role[] = ['admin', 'customer'];

/** Who is calling: the JWT's `sub` and `role`, passed from the gateway to every service. */
export interface Actor {
  sub: string;
  role: Role;
}
