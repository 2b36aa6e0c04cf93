// Checks a response against what the document declares for its operation: the status is one the
// operation lists, the content type is the one declared for that status (problem+json for every
// error), the JSON body validates against the declared schema (ajv's JSON Schema 2020-12, which
// OpenAPI 3.1 uses, with the document's components for its $refs), and the correlation headers
// are there. Returns what is wrong, so a test can print every problem at once.
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { type DocOperation, doc, type JsonSchema } from "./document";

const COMPONENTS_ID = "urn:toolboxai:openapi";

function rebase<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replaceAll('"#/components/', `"${COMPONENTS_ID}#/components/`)) as T;
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: COMPONENTS_ID, components: rebase(doc.components) });

const validators = new Map<string, ValidateFunction>();
function validatorFor(key: string, schema: JsonSchema): ValidateFunction {
  let v = validators.get(key);
  if (!v) {
    v = ajv.compile(rebase(schema));
    validators.set(key, v);
  }
  return v;
}

/** The correlation headers every response carries (X-Request-Duration is the edge's, not the route's). */
const CORRELATION_HEADERS = ["x-request-id", "x-correlation-id", "x-service-name", "x-chain-depth"];

function missingCorrelation(res: Observed): string[] {
  return CORRELATION_HEADERS.filter((h) => !res.headers.get(h)).map((h) => `no ${h} header`);
}

export interface Observed {
  status: number;
  headers: Headers;
  text: string;
}

/** Everything about `res` that disagrees with the document (empty when it conforms). */
export function nonConformities(op: DocOperation, res: Observed): string[] {
  const problems: string[] = [];
  const declared = op.responses[String(res.status)];
  if (!declared) return [`status ${res.status} is not among the documented ${Object.keys(op.responses).join(", ")}`];
  problems.push(...missingCorrelation(res));
  const contentType = (res.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
  const content = declared.content ?? {};
  if (Object.keys(content).length === 0) {
    if (res.text !== "") problems.push(`a body where the document declares none: ${res.text.slice(0, 200)}`);
    return problems;
  }
  const media = content[contentType];
  if (!media) {
    problems.push(`content type "${contentType}" where the document declares ${Object.keys(content).join(", ")}`);
    return problems;
  }
  if (!contentType.endsWith("json") || !media.schema) return problems;
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    return [...problems, `the body is not JSON: ${res.text.slice(0, 200)}`];
  }
  const validate = validatorFor(`${op.name} ${res.status} ${contentType}`, media.schema);
  if (!validate(body)) {
    for (const e of validate.errors ?? []) {
      problems.push(`body${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
    }
  }
  return problems;
}

/** What is wrong with `res` as RFC 9457 problem details of the document's Problem schema. */
export function problemNonConformities(res: Observed): string[] {
  const problems: string[] = [];
  const contentType = (res.headers.get("content-type") ?? "").split(";")[0]?.trim();
  if (contentType !== "application/problem+json") problems.push(`content type "${contentType}"`);
  problems.push(...missingCorrelation(res));
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    return [...problems, `the body is not JSON: ${res.text.slice(0, 200)}`];
  }
  const validate = validatorFor("Problem", { $ref: "#/components/schemas/Problem" });
  if (!validate(body)) for (const e of validate.errors ?? []) problems.push(`body${e.instancePath} ${e.message}`);
  if ((body as { status?: unknown }).status !== res.status) problems.push("the body's status is not the response's");
  return problems;
}
