/**
 * Where CSV and Excel initializers read their file (spec §8): a file in R2 under the data
 * source's own prefix (`initializer-files/{dataSourceId}/{name}`, so a definition can never
 * name another company's files, or session files), or a URL under the outbound rules.
 * Both stop at a size cap before reading the bytes when the size is known up front.
 */
import type { FileSource } from "../session-templates/model.ts";
import { fetchBounded, type OutboundPolicy } from "./fetch-bounded.ts";
import { InitFailure } from "./outcome.ts";
import { fill, type InitScope } from "./placeholders.ts";

export const INITIALIZER_FILES_PREFIX = "initializer-files";

/** Reads a named file of the data source; null when there is none. */
export interface FilePort {
  read(file: string, maxBytes: number): Promise<Uint8Array | null>;
}

export interface SourcePorts {
  files: FilePort;
  outbound: OutboundPolicy;
}

/** File names under the data source's prefix: no path escapes, no hidden tricks. */
const FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$/;
/** Longest file name, slashes included; R2 keys allow far more, people need far less. */
const MAX_FILE_NAME_CHARS = 200;

export function isInitializerFileName(name: string): boolean {
  return (
    name.length <= MAX_FILE_NAME_CHARS && FILE_NAME.test(name) && !name.split("/").includes("..")
  );
}

export function initializerFileKey(dataSourceId: string, file: string): string {
  return `${INITIALIZER_FILES_PREFIX}/${dataSourceId}/${file}`;
}

/** The R2 port of one data source; the object's size is checked before its body is read. */
export function r2Files(bucket: R2Bucket, dataSourceId: string): FilePort {
  return {
    async read(file, maxBytes) {
      const object = await bucket.get(initializerFileKey(dataSourceId, file));
      if (object === null) return null;
      if (object.size > maxBytes) {
        await object.body.cancel().catch(() => undefined);
        throw new InitFailure("invalid", `${file} is larger than ${maxBytes} bytes.`);
      }
      return new Uint8Array(await object.arrayBuffer());
    },
  };
}

export async function readFileSource(
  source: FileSource,
  scope: InitScope,
  limits: { maxBytes: number; timeoutMs: number },
  ports: SourcePorts,
): Promise<{ bytes: Uint8Array; name: string }> {
  if (source.kind === "r2") {
    const bytes = await ports.files.read(source.file, limits.maxBytes);
    if (bytes === null) throw new InitFailure("invalid", `The file ${source.file} does not exist.`);
    return { bytes, name: source.file };
  }
  const url = fill(source.url, scope, "url").text;
  const answer = await fetchBounded(
    { url, method: "GET", timeoutMs: limits.timeoutMs, maxBytes: limits.maxBytes },
    ports.outbound,
  );
  return { bytes: answer.bytes, name: `the file at ${answer.host}` };
}
