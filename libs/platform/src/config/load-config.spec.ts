import { IsBoolean, IsInt, IsOptional, IsString, Max } from 'class-validator';
import { ConfigError, loadConfig } from './load-config';

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
