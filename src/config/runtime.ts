/**
 * The per-isolate view of the environment: parsed configuration and deployment mode.
 * Parsing happens once per isolate and per configuration text, not per request.
 */
import { parseConfig, type ServiceConfig } from "./config.ts";

export interface Runtime {
  config: ServiceConfig;
  /** Local development relaxes outbound rules (http, loopback) and cookie `Secure`. */
  development: boolean;
  maxConnectBytes: number;
}

let cached: { text: string; runtime: Runtime } | undefined;

export class ConfigurationError extends Error {
  override name = "ConfigurationError";
}

export function runtimeOf(env: Env): Runtime {
  if (cached?.text === env.CONNECT_CONFIG) return cached.runtime;

  const parsed = parseConfig(env.CONNECT_CONFIG);
  if (!parsed.ok) throw new ConfigurationError(parsed.message);

  const maxBytes = Number.parseInt(env.MAX_CONNECT_BYTES, 10);
  const runtime: Runtime = {
    config: parsed.config,
    development: env.ENVIRONMENT === "development",
    maxConnectBytes: Number.isFinite(maxBytes) && maxBytes > 0 ? maxBytes : 1024 * 1024,
  };
  cached = { text: env.CONNECT_CONFIG, runtime };
  return runtime;
}
