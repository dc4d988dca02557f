import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exampleEnv } from '../../config/example-env.js';
import { ConfigError, loadConfig } from '../../config/load.js';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('configuration', () => {
  it('starts with nothing set but the generated keys, on embedded defaults', () => {
    const config = loadConfig({}, () => KEY);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.redisUrlExplicit).toBe(false);
    expect(config.port).toBe(3000);
    expect(config.google).toBeNull();
    expect(config.tokenKeys.current).toHaveLength(32);
  });

  it('reports every bad variable in one message', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', TOKEN_ENCRYPTION_KEY: 'short', SESSION_SECRET: KEY, REDIS_URL: 'not a url', LOG_LEVEL: 'loud', GOOGLE_CLIENT_ID: 'x' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT must be a port number');
    expect(message).toContain('TOKEN_ENCRYPTION_KEY must be 32 bytes base64');
    expect(message).toContain('REDIS_URL must be a URL');
    expect(message).toContain('LOG_LEVEL must be one of');
    expect(message).toContain('GOOGLE_CLIENT_SECRET is required when GOOGLE_CLIENT_ID is set');
    expect((error as ConfigError).problems).toHaveLength(5);
  });

  it('points links at the real port and host when PUBLIC_URL is unset', () => {
    expect(loadConfig({}, () => KEY).publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '4100' }, () => KEY).publicUrl).toBe('http://localhost:4100');
    expect(loadConfig({ PORT: '4100', HOST: '0.0.0.0' }, () => KEY).publicUrl).toBe('http://localhost:4100');
    expect(loadConfig({ PORT: '4100', HOST: '192.168.1.20' }, () => KEY).publicUrl).toBe('http://192.168.1.20:4100');
    expect(loadConfig({ PORT: '4100', PUBLIC_URL: 'https://boundary.example/' }, () => KEY).publicUrl).toBe('https://boundary.example');
  });

  it('asks for a positive whole number of seconds', () => {
    expect(() => loadConfig({ POLL_INTERVAL_SECONDS: '-1' }, () => KEY)).toThrow('POLL_INTERVAL_SECONDS must be a positive whole number, got "-1"');
    expect(() => loadConfig({ POLL_INTERVAL_SECONDS: '0' }, () => KEY)).toThrow('POLL_INTERVAL_SECONDS must be a positive whole number, got "0"');
  });

  it('marks REDIS_URL explicit only when the user set it', () => {
    expect(loadConfig({ REDIS_URL: 'redis://10.0.0.1:6380' }, () => KEY).redisUrlExplicit).toBe(true);
  });

  it('keeps config/example.env in step with the schema', () => {
    expect(readFileSync(new URL('../../config/example.env', import.meta.url), 'utf8')).toBe(exampleEnv());
  });
});
