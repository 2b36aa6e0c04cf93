import { IMPORT_MAX_FILE_BYTES } from "@toolboxai/validators";

/** A file's bytes as base64, in chunks (a few MB would overflow String.fromCharCode's arguments). */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** Why the file can't be imported before it is sent, or null. */
export function fileProblem(file: File): string | null {
  if (file.size === 0) return "The file is empty.";
  if (file.size > IMPORT_MAX_FILE_BYTES)
    return `The file is larger than ${IMPORT_MAX_FILE_BYTES / 1024 / 1024} MB. Split it and import the parts.`;
  return null;
}
