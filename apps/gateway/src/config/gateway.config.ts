import { IsIn, IsInt, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { AMQP_URLS, DEVELOPMENT, NotDevelopmentSecretInProduction } from '@oms/platform';

export class GatewayConfig {
  @IsInt() @Min(1) @Max(65535) PORT = 3000;
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
  /** The broker; the nodes of a cluster comma-separated (a lost node's neighbours are tried in turn). */
  @Matches(AMQP_URLS, { message: 'AMQP_URL must be amqp:// or amqps:// URLs, comma-separated' }) AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';
  /** HS256 secret of the bearer tokens; the default is for a developer machine only. */
  @IsString() @MinLength(16) @NotDevelopmentSecretInProduction(DEVELOPMENT.JWT_SECRET) JWT_SECRET = DEVELOPMENT.JWT_SECRET;
  /** Tokens must carry `exp`, at most this far in the future. */
  @IsInt() @Min(60) @Max(31 * 86_400) JWT_MAX_LIFETIME_SECONDS = 86_400;
  /** Port of `/metrics` (Prometheus), apart from the public API port. */
  @IsInt() @Min(1) @Max(65535) METRICS_PORT = 9300;
  /** How long a REST call waits for the service behind it before answering 504. */
  @IsInt() @Min(100) @Max(120_000) RPC_TIMEOUT_MS = 5000;
  /** Carrier webhook secrets, `ups:secret1,dhl:secret2`; a carrier without one has no webhook. */
  @IsString() CARRIER_WEBHOOK_SECRETS = '';
  /** Payment provider webhook secrets, `stripe:secret1,adyen:secret2`; a provider without one has no webhook. */
  @IsString() PAYMENT_WEBHOOK_SECRETS = '';
  /** How old a webhook's signed timestamp may be (seconds), against replays. */
  @IsInt() @Min(30) @Max(3600) WEBHOOK_TOLERANCE_SECONDS = 300;
  /** Staff accounts (`{ "users": [{ email, name, role, passwordHash }] }`), read again when it changes; `npm run staff` edits it. */
  @IsString() @MinLength(1) STAFF_USERS_FILE = '.oms/staff-users.json';
  /** How long a staff sign-in lasts (at most JWT_MAX_LIFETIME_SECONDS). */
  @IsInt() @Min(300) @Max(31 * 86_400) STAFF_SESSION_SECONDS = 8 * 3600;
  /** Failed sign-ins (and order-status lookups) allowed per client address and per account within the window. */
  @IsInt() @Min(1) @Max(1000) LOGIN_MAX_FAILURES = 10;
  @IsInt() @Min(10) @Max(86_400) LOGIN_WINDOW_SECONDS = 900;
  /** An identity provider's JWKS: RS256 tokens signed by its keys are taken too (`role` and `exp` claims as ours). */
  @ValidateIf((c: GatewayConfig) => c.JWT_JWKS_URL !== '') @IsUrl({ require_tld: false, protocols: ['http', 'https'] }) JWT_JWKS_URL = '';
  /** The `iss` and `aud` RS256 tokens must carry, when set. */
  @IsString() JWT_ISSUER = '';
  @IsString() JWT_AUDIENCE = '';
  /** Verifies the signed links to the customer's order page (the notification service signs them with the same secret). */
  @IsString() @MinLength(16) @NotDevelopmentSecretInProduction(DEVELOPMENT.ORDER_LINK_SECRET) ORDER_LINK_SECRET = DEVELOPMENT.ORDER_LINK_SECRET;
  /** The built web app (\`/admin\`, \`/orders/status\`, \`/account/orders\`); served when the folder exists. */
  @IsString() WEB_APP_DIR = 'dist/apps/admin-web';
  /**
   * Which proxies' X-Forwarded-For names the client (Express's "trust proxy": `loopback`, CIDRs, a hop
   * count, `false`): sign-in and lookup throttling count per client address, not per load balancer.
   */
  @IsString() TRUST_PROXY = 'loopback';
  /** GraphQL cost limits: how deeply a query may nest, what it may cost (each field 1, lists times their size), the largest page. */
  @IsInt() @Min(3) @Max(50) GRAPHQL_MAX_DEPTH = 10;
  @IsInt() @Min(100) @Max(1_000_000) GRAPHQL_MAX_COMPLEXITY = 20_000;
  @IsInt() @Min(1) @Max(100) GRAPHQL_MAX_PAGE_SIZE = 100;
  @IsString() SERVICE_NAME = 'gateway';
}
