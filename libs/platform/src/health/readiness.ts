/** A dependency that must answer for the app to be ready (database, broker, downstream service). */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/** Metadata of routes that need no credentials (health, metrics, signed webhooks). */
export const PUBLIC_ROUTE = 'oms:public-route';

/** The app's name, which the health endpoints answer with: a probe can tell which app it reached. */
export const SERVICE_NAME = Symbol('SERVICE_NAME');
