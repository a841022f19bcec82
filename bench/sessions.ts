/**
 * Session latency over HTTP against running Workers: session create beside the bare "create a
 * Durable Object and write one row" baseline (taken in turns, so both meet the same background
 * load), then navigation and input on the sessions just created. Every phase is a bounded load
 * run (bench/load.ts) after a short unmeasured warm-up.
 */
import {
  runInTurns,
  runLoad,
  summarize,
  type LoadOptions,
  type LoadRequest,
  type LoadResult,
} from "./load.ts";
import { SAMPLE_WITH_DOWNLOAD_XML, SAMPLE_XML } from "./sample.ts";

/** The demo data source and API client that scripts/dev-setup.ts configures (demo/config.json). */
export const DEMO_DATA_SOURCE = "b78c3707-d7c7-4fc7-b97f-87d70f63c1ac";
const DEMO_CLIENT = { id: "CustomApiClient", secret: "CustomClient_Secret_123" } as const;
const CONNECT_SCOPE = "pd_ConnectWebApi";
const TOKEN_TIMEOUT_MS = 10_000;
/** Session create and the baseline each run in this many turns. */
const CREATE_ROUNDS = 4;
/** Execute spreads its requests over this many sessions, as several people would. */
const EXECUTE_SESSIONS = 8;

export interface SessionBenchOptions {
  load: LoadOptions;
  /** Unmeasured requests per kind before the measured ones. */
  warmupRequests: number;
}

export interface SessionFigures {
  create: LoadResult;
  /** Null when the baseline Worker is not running. */
  baseline: LoadResult | null;
  navigation: LoadResult;
  input: LoadResult;
  /** Execute of the sample with one DownloadFile: the one-page document over HTTP. */
  execute: LoadResult;
}

/**
 * Measures the service at `serviceOrigin` and, when given, the baseline Worker at
 * `baselineOrigin` with the same body, the same count and the same concurrency.
 */
export async function benchSessions(
  serviceOrigin: string,
  baselineOrigin: string | null,
  options: SessionBenchOptions,
): Promise<SessionFigures> {
  const token = await fetchToken(serviceOrigin);
  const base = `${serviceOrigin}/api/v3/${DEMO_DATA_SOURCE}/Connect/Session`;
  const sessionIds: string[] = [];

  const create: LoadRequest = async (_index, signal) => {
    const res = await fetch(base, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/xml; charset=utf-8",
      },
      body: SAMPLE_XML,
      signal,
    });
    sessionIds.push(stringField(await expectJson(res, 201, "create"), "sessionId", "create"));
  };
  const baseline = baselineOrigin === null ? null : baselineCreate(baselineOrigin);

  const creates = baseline === null ? [create] : [create, baseline];
  for (const request of creates) await warmUp(request, options);
  const [createFigures, baselineFigures] = await runInTurns(creates, options.load, CREATE_ROUNDS);
  if (createFigures === undefined || sessionIds.length === 0) {
    throw new Error(`no session was created: ${createFigures?.firstFailure ?? "unknown"}`);
  }

  const read = (what: "Navigation" | "Input"): LoadRequest => {
    return async (index, signal) => {
      const id = sessionIds[index % sessionIds.length] ?? "";
      const res = await fetch(`${base}/${id}/${what}`, {
        headers: { authorization: `Bearer ${token}` },
        signal,
      });
      await expectJson(res, 200, what.toLowerCase());
    };
  };
  await warmUp(read("Navigation"), options);
  const navigation = summarize([await runLoad(read("Navigation"), options.load)]);
  await warmUp(read("Input"), options);
  const input = summarize([await runLoad(read("Input"), options.load)]);

  const execute = await benchExecute(base, token, options);
  return { create: createFigures, baseline: baselineFigures ?? null, navigation, input, execute };
}

/** Sessions with one DownloadFile, each executed in turn: latency and documents per second. */
async function benchExecute(
  base: string,
  token: string,
  options: SessionBenchOptions,
): Promise<LoadResult> {
  const sessions: string[] = [];
  for (let i = 0; i < EXECUTE_SESSIONS; i++) {
    const res = await fetch(base, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/xml" },
      body: SAMPLE_WITH_DOWNLOAD_XML,
    });
    sessions.push(stringField(await expectJson(res, 201, "create"), "sessionId", "create"));
  }

  const execute: LoadRequest = async (index, signal) => {
    const id = sessions[index % sessions.length] ?? "";
    const res = await fetch(`${base}/${id}/Execute`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      signal,
    });
    const bytes = await res.arrayBuffer();
    if (res.status !== 200 || bytes.byteLength === 0) {
      throw new Error(`execute: HTTP ${res.status} instead of 200 with a document`);
    }
  };
  await warmUp(execute, options);
  return summarize([await runLoad(execute, options.load)]);
}

/** The baseline Worker's `POST /`, sent the same body as a session create. */
function baselineCreate(origin: string): LoadRequest {
  return async (_index, signal) => {
    const res = await fetch(`${origin}/`, {
      method: "POST",
      headers: { "content-type": "application/xml; charset=utf-8" },
      body: SAMPLE_XML,
      signal,
    });
    stringField(await expectJson(res, 201, "baseline create"), "id", "baseline create");
  };
}

/** Takes a client-credentials token from the service's token endpoint. */
async function fetchToken(origin: string): Promise<string> {
  const res = await fetch(`${origin}/ids/connect/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: DEMO_CLIENT.id,
      client_secret: DEMO_CLIENT.secret,
      scope: CONNECT_SCOPE,
    }),
    signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
  });
  return stringField(await expectJson(res, 200, "token"), "access_token", "token");
}

/** Unmeasured requests; a failure among them shows again in the measured run that follows. */
async function warmUp(request: LoadRequest, options: SessionBenchOptions): Promise<void> {
  await runLoad(request, { ...options.load, requests: options.warmupRequests });
}

/** Reads the whole body (so the connection is reused) and rejects on another status. */
async function expectJson(res: Response, status: number, what: string): Promise<unknown> {
  const text = await res.text();
  if (res.status !== status) {
    throw new Error(`${what}: HTTP ${res.status} instead of ${status}: ${text.slice(0, 200)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${what}: the answer is not JSON`);
  }
}

function stringField(body: unknown, name: string, what: string): string {
  if (typeof body === "object" && body !== null) {
    const value: unknown = Reflect.get(body, name);
    if (typeof value === "string" && value.length > 0) return value;
  }
  throw new Error(`${what}: the answer has no "${name}"`);
}
