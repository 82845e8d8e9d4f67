/**
 * The slice of OpenAPI 3.0 that the fuzz suite reads: operations, their parameters, request
 * bodies and schemas. Only what the document served at `/api/docs-json` uses is modelled.
 */
export interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  additionalProperties?: boolean | SchemaObject;
  allOf?: SchemaObject[];
  nullable?: boolean;
  example?: unknown;
  default?: unknown;
}

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: SchemaObject;
}

export interface OperationObject {
  operationId?: string;
  parameters?: ParameterObject[];
  requestBody?: {
    required?: boolean;
    content: Record<string, { schema?: SchemaObject }>;
  };
  security?: Record<string, string[]>[];
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface Operation {
  /** `METHOD /path/{param}`: the name of the operation's test and of `FUZZ_ONLY`. */
  readonly key: string;
  readonly method: string;
  readonly path: string;
  readonly pathParams: ParameterObject[];
  readonly queryParams: ParameterObject[];
  /** Header parameters, one per name whatever its case (the document lists some twice). */
  readonly headerParams: ParameterObject[];
  /** The JSON request body's schema, when the operation takes one. */
  readonly bodySchema?: SchemaObject;
}

export function operationKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

/** Every operation of the document, in document order. */
export function listOperations(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) {
        continue;
      }
      const parameters = operation.parameters ?? [];
      operations.push({
        key: operationKey(method, path),
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path'),
        queryParams: parameters.filter((p) => p.in === 'query'),
        headerParams: mergeHeaderParams(parameters.filter((p) => p.in === 'header')),
        bodySchema: operation.requestBody?.content['application/json']?.schema,
      });
    }
  }
  return operations;
}

/** HTTP header names are case-insensitive; a header is required when any of its entries says so. */
function mergeHeaderParams(headers: ParameterObject[]): ParameterObject[] {
  const byName = new Map<string, ParameterObject>();
  for (const header of headers) {
    const name = header.name.toLowerCase();
    const seen = byName.get(name);
    byName.set(name, {
      ...header,
      name,
      required: Boolean(seen?.required || header.required),
    });
  }
  return [...byName.values()];
}

/** Follows a local `$ref` (`#/components/schemas/Name`); returns the schema and its component name. */
export function resolveSchema(doc: OpenApiDocument, schema: SchemaObject): { schema: SchemaObject; name?: string } {
  if (!schema.$ref) {
    return { schema };
  }
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = doc.components?.schemas?.[name];
  if (!target) {
    throw new Error(`The OpenAPI document has no schema ${schema.$ref}`);
  }
  return { schema: target, name };
}
