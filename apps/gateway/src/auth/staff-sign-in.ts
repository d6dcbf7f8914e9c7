import type { KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { LoginDto, LoginView, ProblemCodes } from '@oms/contracts';
import { AppError, hmacKey } from '@oms/platform';
import { GatewayConfig } from '../config/gateway.config';
import { LoginThrottle } from './login-throttle';
import { hashPassword, verifyPassword } from './password-hash';
import { StaffDirectory } from './staff-directory';

const WRONG = 'The email or password is wrong.';

/**
 * Staff sign-in: checks the password against the operator's file and returns one of the HS256 tokens the
 * API takes. Failures are counted per client address and per account, so neither guessing one account
 * from many places nor many accounts from one place goes far.
 */
export class StaffSignIn {
  private readonly secret: KeyObject;
  private readonly throttle: LoginThrottle;
  /** Checked when the account does not exist, so that a wrong email takes as long as a wrong password. */
  private decoy?: Promise<string>;

  constructor(
    private readonly directory: StaffDirectory,
    private readonly config: GatewayConfig,
  ) {
    this.secret = hmacKey(config.JWT_SECRET);
    this.throttle = new LoginThrottle(config.LOGIN_MAX_FAILURES, config.LOGIN_WINDOW_SECONDS * 1000);
  }

  async signIn({ email, password }: LoginDto, clientAddress: string): Promise<LoginView> {
    const keys = [`address:${clientAddress}`, `account:${email.toLowerCase()}`];
    this.throttle.assertAllowed(keys, 'failed sign-ins');
    const user = await this.directory.find(email);
    const matches = await verifyPassword(password, user?.passwordHash ?? (await (this.decoy ??= hashPassword('decoy'))));
    if (!user || !matches) {
      keys.forEach((key) => this.throttle.fail(key));
      throw new AppError(401, ProblemCodes.Unauthorized, WRONG);
    }
    keys.forEach((key) => this.throttle.succeed(key));
    const lifetime = this.config.STAFF_SESSION_SECONDS;
    const token = jwt.sign({ role: user.role, name: user.name }, this.secret, { algorithm: 'HS256', subject: user.email, expiresIn: lifetime });
    return { token, expiresAt: new Date(Date.now() + lifetime * 1000).toISOString(), user: { email: user.email, name: user.name, role: user.role } };
  }
}
