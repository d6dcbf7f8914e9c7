import jwt from 'jsonwebtoken';
import type { Role } from '@oms/contracts';
import { JWT_SECRET } from './stack';

export const tokenFor = (role: Role, sub = { admin: 'admin-1', checkout: 'storefront', customer: 'customer-1' }[role], secret = JWT_SECRET) =>
  jwt.sign({ role }, secret, { algorithm: 'HS256', subject: sub, expiresIn: '1h' });

export interface ApiResponse<T = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  status: number;
  contentType: string;
  body: T;
  headers: Headers;
}

/** A small REST client for the gateway; admin by default. */
export class Api {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | null = tokenFor('admin'),
  ) {}

  as(token: string | null): Api {
    return new Api(this.baseUrl, token);
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : null, headers: response.headers };
  }

  get = <T = any>(path: string) => this.request<T>('GET', path); // eslint-disable-line @typescript-eslint/no-explicit-any
  post = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => this.request<T>('POST', path, body, headers); // eslint-disable-line @typescript-eslint/no-explicit-any
  put = <T = any>(path: string, body?: unknown) => this.request<T>('PUT', path, body); // eslint-disable-line @typescript-eslint/no-explicit-any
}

const address = { fullName: 'Ann Example', address1: 'Main Street 1', city: 'Berlin', postcode: '10115', country: 'DE' };

/** A valid order body; override what a test is about. */
export function orderBody(overrides: Record<string, unknown> = {}) {
  return {
    customer: { id: 'customer-1', email: 'ann@example.com', fullName: 'Ann Example' },
    currency: 'EUR',
    items: [{ sku: 'SKU-1', name: 'Mug', qty: 1, price: 9.99 }],
    shippingAddress: address,
    billingAddress: address,
    paymentMethod: 'card',
    shippingFee: 4.5,
    ...overrides,
  };
}
