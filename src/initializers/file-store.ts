/**
 * The files CSV and Excel initializers read from R2 (`initializer-files/{dataSourceId}/…`),
 * as the admin API manages them: checked on upload, listed, fetched and deleted. Expected
 * failures come back as values naming the problem; nothing is stored for a refused upload.
 */
import {
  INITIALIZER_FILES_PREFIX,
  initializerFileKey,
  isInitializerFileName,
} from "./file-source.ts";
import { MAX_CSV_BYTES, MAX_XLSX_BYTES } from "./limits.ts";
import { InitFailure } from "./outcome.ts";
import { sheetNames } from "./xlsx-reader.ts";

/** An upload is never larger than the largest file an initializer will read. */
export const MAX_INITIALIZER_FILE_BYTES = Math.max(MAX_CSV_BYTES, MAX_XLSX_BYTES);
/** Files listed per data source; a listing beyond it says it was cut short. */
const MAX_LISTED = 1_000;

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface StoredFile {
  name: string;
  size: number;
  contentType: string;
  uploadedAt: string;
  /** Sheet names of an .xlsx file, read at upload. */
  sheets?: string[];
}

export type PutFileResult =
  | { ok: true; file: StoredFile; created: boolean }
  | { ok: false; reason: "invalid-name" | "invalid-file"; detail: string };

/**
 * Stores a file under the data source's prefix. The name follows the rules a definition's
 * `File` attribute does; an `.xlsx` must be a readable workbook within the reader's bounds
 * (its sheet names are kept); a `.csv` or other file is stored as sent, since its delimiter
 * and encoding belong to the definition that reads it. The size limit is the caller's.
 */
export async function putInitializerFile(
  bucket: R2Bucket,
  dataSourceId: string,
  name: string,
  bytes: Uint8Array<ArrayBuffer>,
  contentType: string,
): Promise<PutFileResult> {
  if (!isInitializerFileName(name)) {
    return { ok: false, reason: "invalid-name", detail: nameRule(name) };
  }
  let sheets: string[] | undefined;
  let type = contentType || "application/octet-stream";
  if (name.toLowerCase().endsWith(".xlsx")) {
    try {
      sheets = sheetNames(bytes, name);
    } catch (error) {
      if (!(error instanceof InitFailure)) throw error;
      return { ok: false, reason: "invalid-file", detail: error.message };
    }
    type = XLSX_TYPE;
  }

  const key = initializerFileKey(dataSourceId, name);
  const existed = (await bucket.head(key)) !== null;
  const customMetadata: Record<string, string> = sheets ? { sheets: JSON.stringify(sheets) } : {};
  const object = await bucket.put(key, bytes, {
    httpMetadata: { contentType: type },
    customMetadata,
  });
  return { ok: true, file: describe(object, dataSourceId), created: !existed };
}

export async function listInitializerFiles(
  bucket: R2Bucket,
  dataSourceId: string,
): Promise<{ files: StoredFile[]; truncated: boolean }> {
  const prefix = `${INITIALIZER_FILES_PREFIX}/${dataSourceId}/`;
  const files: StoredFile[] = [];
  let cursor: string | undefined;
  do {
    const page = await bucket.list({
      prefix,
      cursor,
      limit: Math.min(1_000, MAX_LISTED - files.length),
      include: ["httpMetadata", "customMetadata"],
    });
    for (const object of page.objects) files.push(describe(object, dataSourceId));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor !== undefined && files.length < MAX_LISTED);
  return { files, truncated: cursor !== undefined };
}

export async function getInitializerFile(
  bucket: R2Bucket,
  dataSourceId: string,
  name: string,
): Promise<R2ObjectBody | null> {
  if (!isInitializerFileName(name)) return null;
  return bucket.get(initializerFileKey(dataSourceId, name));
}

export async function deleteInitializerFile(
  bucket: R2Bucket,
  dataSourceId: string,
  name: string,
): Promise<boolean> {
  if (!isInitializerFileName(name)) return false;
  const key = initializerFileKey(dataSourceId, name);
  if ((await bucket.head(key)) === null) return false;
  await bucket.delete(key);
  return true;
}

function describe(object: R2Object, dataSourceId: string): StoredFile {
  const sheets = object.customMetadata?.sheets;
  return {
    name: object.key.slice(`${INITIALIZER_FILES_PREFIX}/${dataSourceId}/`.length),
    size: object.size,
    contentType: object.httpMetadata?.contentType ?? "application/octet-stream",
    uploadedAt: object.uploaded.toISOString(),
    ...(sheets ? { sheets: JSON.parse(sheets) as string[] } : {}),
  };
}

function nameRule(name: string): string {
  return (
    `'${name.slice(0, 80)}' is not a plain file name: use letters, digits, '_', '-' and '.', ` +
    "optionally in folders separated by '/', at most 200 characters, no '..'."
  );
}
