/** Shared set-up for initializer tests: scopes, in-memory file ports, outbound policies. */
import type { Values } from "../../src/connect/model.ts";
import type { FilePort, SourcePorts } from "../../src/initializers/file-source.ts";
import type { InitScope } from "../../src/initializers/placeholders.ts";
import { emptyInitValues, type InitValues } from "../../src/session-templates/values.ts";

export function scope(
  data: Record<string, string> = {},
  params: Record<string, string> = {},
): InitScope {
  const values = emptyInitValues();
  for (const [key, text] of Object.entries(data)) values.data[key] = { kind: "value", text };
  return { values, params: new Map(Object.entries(params)) };
}

/** Files by name, as the R2 port would find them under the data source's prefix. */
export function memoryFiles(files: Record<string, Uint8Array>): FilePort {
  return {
    read(file, maxBytes) {
      const bytes = files[file];
      if (bytes === undefined) return Promise.resolve(null);
      if (bytes.length > maxBytes) return Promise.reject(new Error("too large"));
      return Promise.resolve(bytes);
    },
  };
}

export function ports(
  files: Record<string, Uint8Array> = {},
  fetcher: typeof fetch = fetch,
): SourcePorts {
  return {
    files: memoryFiles(files),
    outbound: { allowedHosts: ["crm.example", "files.example"], development: false, fetcher },
  };
}

/** Text of a value in a tree, or undefined. */
export function text(values: Values, key: string): string | undefined {
  const value = values[key];
  return value?.kind === "value" ? value.text : undefined;
}

export function items(values: Values, key: string): Record<string, string | undefined>[] {
  const value = values[key];
  if (value?.kind !== "collection") return [];
  return value.items.map((item) =>
    Object.fromEntries(
      Object.entries(item).map(([k, v]) => [k, v.kind === "value" ? v.text : undefined]),
    ),
  );
}

export function dataOf(result: { ok: boolean; values?: InitValues }): Values {
  return result.values?.data ?? {};
}

/** The URL a mocked fetch was called with. */
export function urlOf(input: RequestInfo | URL | undefined): string {
  if (input === undefined) return "";
  return input instanceof Request ? input.url : input.toString();
}
