// A real HTTP server for the SDK's own tests: each test says how it answers and reads what it received.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export type Responder = (request: Received) => Answer | Promise<Answer>;

export interface FakeServer {
  origin: string;
  received: Received[];
  answer(responder: Responder): void;
  close(): Promise<void>;
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Answer {
  return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) };
}

export function problemAnswer(problem: Record<string, unknown>, headers: Record<string, string> = {}): Answer {
  return {
    status: Number(problem.status),
    headers: { "content-type": "application/problem+json", ...headers },
    body: JSON.stringify(problem),
  };
}

export async function startFakeServer(): Promise<FakeServer> {
  const received: Received[] = [];
  let responder: Responder = () => ({ status: 404, body: "" });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const request = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      received.push(request);
      const answer = await responder(request);
      res.writeHead(answer.status ?? 200, answer.headers ?? {});
      res.end(answer.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    answer(next) {
      responder = next;
    },
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
