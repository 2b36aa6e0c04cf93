// downloadRojoProject: an ENVIRONMENT content item as the Rojo project zip Roblox Studio opens.
import type { ToolboxClientCore } from "./core";
import { ToolboxApiError } from "./errors";

export interface RojoProject {
  /** The zip's bytes (write them to `filename`, then `rojo serve` or `rojo build` the folder). */
  bytes: Uint8Array;
  /** The server's file name for it (from Content-Disposition), e.g. `volcano-lab.rojo.zip`. */
  filename: string;
  contentType: string;
}

/** A file name with no path in it (never one a caller might write outside its folder), or null. */
function baseName(name: string | undefined): string | null {
  const base = name?.replace(/^.*[\\/]/, "").trim();
  return base && base !== "." && base !== ".." ? base : null;
}

/** The file name of a Content-Disposition header (`filename*=UTF-8''…` or `filename="…"`), or null. */
export function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (extended?.[1]) {
    try {
      const name = baseName(decodeURIComponent(extended[1].trim()));
      if (name) return name;
    } catch {
      // not valid percent-encoding: fall back to the plain parameter
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;\s]+)/.exec(disposition);
  return baseName(plain?.[1] ?? plain?.[2]);
}

export async function downloadRojoProject(client: ToolboxClientCore, environmentId: string): Promise<RojoProject> {
  const { data, error, response } = await client.raw.GET("/roblox/environments/{environmentId}/rojo", {
    params: { path: { environmentId } },
    parseAs: "arrayBuffer",
  });
  if (!response.ok || data === undefined) throw new ToolboxApiError(response, error);
  return {
    bytes: new Uint8Array(data),
    filename: filenameOf(response.headers.get("content-disposition")) ?? `${environmentId}.rojo.zip`,
    contentType: response.headers.get("content-type") ?? "application/zip",
  };
}
