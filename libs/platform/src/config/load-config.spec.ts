import { IsBoolean, IsInt, IsOptional, IsString, Max } from 'class-validator';
import { ConfigError, loadConfig } from './load-config';
import { ServiceConfig } from './service-config';

class ExampleConfig {
  @IsInt() @Max(65535) PORT = 3000;
  @IsBoolean() VERBOSE = false;
  @IsString() NAME = 'oms';
  @IsOptional() @IsString() OPTIONAL?: string = undefined;
}

describe('loadConfig', () => {
  it('uses the defaults when the environment says nothing', () => {
    expect(loadConfig(ExampleConfig, {})).toMatchObject({ PORT: 3000, VERBOSE: false, NAME: 'oms' });
  });

  it('converts values to the types of their defaults', () => {
    expect(loadConfig(ExampleConfig, { PORT: '8080', VERBOSE: 'true', NAME: 'x', OPTIONAL: 'y' })).toMatchObject({
      PORT: 8080, VERBOSE: true, NAME: 'x', OPTIONAL: 'y',
    });
    expect(loadConfig(ExampleConfig, { VERBOSE: 'false' }).VERBOSE).toBe(false);
  });

  it('fails naming every bad variable', () => {
    expect(() => loadConfig(ExampleConfig, { PORT: 'eighty', VERBOSE: 'yes' })).toThrow(ConfigError);
    try {
      loadConfig(ExampleConfig, { PORT: '99999', VERBOSE: 'yes' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT: PORT must not be greater than 65535/);
      expect((error as Error).message).toMatch(/VERBOSE: VERBOSE must be a boolean value/);
    }
  });
});

describe('a service database', () => {
  class OrdersConfig extends ServiceConfig {
    protected get databaseSuffix() {
      return 'order';
    }
  }

  it('is named by the prefix and the service, unless named outright', () => {
    expect(loadConfig(OrdersConfig, {}).databaseUrl()).toBe('postgres://postgres@127.0.0.1:5432/oms_order');
    expect(loadConfig(OrdersConfig, { DATABASE_PREFIX: 'staging' }).databaseUrl()).toBe('postgres://postgres@127.0.0.1:5432/staging_order');
    expect(loadConfig(OrdersConfig, { DATABASE_PREFIX: 'staging', DATABASE_NAME: 'orders' }).databaseUrl()).toBe('postgres://postgres@127.0.0.1:5432/orders');
    expect(loadConfig(OrdersConfig, { DATABASE_URL: 'postgres://db/x' }).databaseUrl()).toBe('postgres://db/x');
    expect(() => loadConfig(OrdersConfig, { DATABASE_PREFIX: 'Bad-Prefix' })).toThrow(/DATABASE_PREFIX/);
  });
});
