import { DEVELOPMENT, loadConfig } from '@oms/platform';
import { GatewayConfig } from './gateway.config';

describe('GatewayConfig', () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => (process.env.NODE_ENV = nodeEnv));

  it('runs on the development secrets outside production', () => {
    expect(loadConfig(GatewayConfig, {}).JWT_SECRET).toBe(DEVELOPMENT.JWT_SECRET);
  });

  it('refuses the development secrets in production, naming each', () => {
    process.env.NODE_ENV = 'production';
    expect(() => loadConfig(GatewayConfig, {})).toThrow(/JWT_SECRET must be set in production[\s\S]*ORDER_LINK_SECRET must be set in production/);
    expect(() => loadConfig(GatewayConfig, { JWT_SECRET: 'a-real-secret-of-length', ORDER_LINK_SECRET: 'another-real-secret-here' })).not.toThrow();
  });

  it('still checks the secrets’ length outside production', () => {
    expect(() => loadConfig(GatewayConfig, { JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });
});
