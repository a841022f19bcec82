/**
 * Starting a session template (spec §8), for the API and the web app alike: load the
 * definition, seed Forms and Data from the request's `Forms.*` / `Data.*` parameters on top
 * of the base Connect's values, run the initializers in order, create the session, and run
 * the definition's `OnSuccess` (or, after a failure, `OnError`) commands. Results are
 * values; the caller maps them to an answer.
 */
import { capabilityIssues, readerFeatures } from "../connect/capabilities.ts";
import { emptyCommands, type Command, type PayloadIssue } from "../connect/model.ts";
import { runCommands, type ExecutionKind } from "../commands/run-commands.ts";
import type { DataSource } from "../config/config.ts";
import { runtimeOf } from "../config/runtime.ts";
import type { Actor, CommandOutcome, Dialog } from "../execution/model.ts";
import { r2Files } from "../initializers/file-source.ts";
import type { FailureKind } from "../initializers/outcome.ts";
import { runInitializers, type InitializerRecord } from "../initializers/run-initializers.ts";
import { bindingDatabases } from "../initializers/sql-runner.ts";
import { createSession } from "../sessions/session-service.ts";
import { loadDefinition } from "./store.ts";
import { emptyInitValues, mergeInit, splitParams, type InitValues } from "./values.ts";

export interface StartRequest {
  dataSource: DataSource;
  /** The session template's name, any case. */
  name: string;
  /** Request parameters in order: `Forms.*`, `Data.*` and others. */
  params: Map<string, string>;
  /** The client id that will own the session. */
  owner: string;
  actor: Actor;
}

export type StartResult =
  | {
      ok: true;
      sessionId: string;
      expiresAt: number;
      initializers: InitializerRecord[];
      commands: CommandOutcome[];
    }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "invalid-parameters"; problems: string[] }
  | { ok: false; reason: "unsupported-feature"; issues: PayloadIssue[] }
  | {
      ok: false;
      reason: "initializer-failed";
      failure: FailureKind;
      failed: InitializerRecord;
      initializers: InitializerRecord[];
      commands: CommandOutcome[];
      /** The ShowDialog commands of `Initialization/OnError`, for a person to see. */
      dialogs: Dialog[];
    };

export async function startSessionTemplate(env: Env, req: StartRequest): Promise<StartResult> {
  const definition = await loadDefinition(env, req.dataSource.id, req.name);
  if (definition === null) return { ok: false, reason: "not-found" };

  const split = splitParams(req.params);
  if (split.problems.length > 0) {
    return { ok: false, reason: "invalid-parameters", problems: split.problems };
  }
  const runtime = runtimeOf(env);
  const features = readerFeatures(req.dataSource, runtime.development);
  const unsupported = capabilityIssues(definition.connect, features);
  if (unsupported.length > 0)
    return { ok: false, reason: "unsupported-feature", issues: unsupported };

  const values: InitValues = emptyInitValues();
  mergeInit(values, { forms: definition.connect.forms, data: definition.connect.data });
  mergeInit(values, split.seed);

  const fetcher: typeof fetch = (input, init) => fetch(input, init);
  const result = await runInitializers(definition.initializers, values, split.params, {
    files: r2Files(env.FILES, req.dataSource.id),
    outbound: {
      allowedHosts: req.dataSource.initializerHosts,
      development: runtime.development,
      fetcher,
    },
    databases: bindingDatabases(env, req.dataSource.sqlDatabases),
    clock: () => Date.now(),
    onUnexpectedError: (error, position) => {
      logUnexpected(error, req, position);
    },
  });

  const commandContext = { req, values, development: runtime.development, fetcher };
  if (!result.ok) {
    const message = `${result.failed.element} #${result.failed.position} failed: ${result.failed.message}`;
    const { outcomes, dialogs } = await runInitCommands(
      "error",
      definition.onError,
      "",
      message,
      commandContext,
    );
    return {
      ok: false,
      reason: "initializer-failed",
      failure: result.failure,
      failed: result.failed,
      initializers: result.records,
      commands: outcomes,
      dialogs,
    };
  }

  const created = await createSession(env, {
    owner: req.owner,
    dataSource: req.dataSource.id,
    connect: { ...definition.connect, forms: values.forms, data: values.data },
    idempotency: null,
  });
  if (!created.ok) throw new Error("a fresh session id collided with an idempotent one");

  const session = created.session;
  const message = `Session template ${definition.name} initialised.`;
  const { outcomes } = await runInitCommands(
    "success",
    definition.onSuccess,
    session.sessionId,
    message,
    commandContext,
  );
  return {
    ok: true,
    sessionId: session.sessionId,
    expiresAt: session.expiresAt,
    initializers: result.records,
    commands: outcomes,
  };
}

interface CommandContext {
  req: StartRequest;
  values: InitValues;
  development: boolean;
  fetcher: typeof fetch;
}

/** Runs OnSuccess or OnError of the initialisation; a report target gets a report of it. */
async function runInitCommands(
  kind: Extract<ExecutionKind, "success" | "error">,
  list: Command[],
  sessionId: string,
  message: string,
  context: CommandContext,
): Promise<{ outcomes: CommandOutcome[]; dialogs: Dialog[] }> {
  if (list.length === 0) return { outcomes: [], dialogs: [] };
  const commands = emptyCommands();
  if (kind === "success") commands.OnSuccess = list;
  else commands.OnError = list;

  const run = await runCommands(commands, {
    kind,
    values: context.values,
    document: null,
    convertToPdf: null,
    templateName: null,
    report: {
      executionId: crypto.randomUUID(),
      sessionId,
      status: kind === "success" ? "Success" : "Error",
      createdOnUtc: new Date().toISOString(),
      message,
      template: null,
      language: null,
      ranBy: context.req.actor,
      warnings: [],
    },
    dataSource: context.req.dataSource,
    development: context.development,
    fetcher: context.fetcher,
    clock: () => Date.now(),
  });
  return { outcomes: run.outcomes, dialogs: run.dialogs };
}

function logUnexpected(error: unknown, req: StartRequest, position: number): void {
  console.error(
    JSON.stringify({
      event: "initializer-unexpected-error",
      dataSource: req.dataSource.id,
      sessionTemplate: req.name,
      position,
      error: error instanceof Error ? error.name : "unknown",
    }),
  );
}
