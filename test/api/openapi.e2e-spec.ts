import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The OpenAPI document at /api/docs-json is enough to write a client (issue 15 point 10):
 * every operation that reads a body describes it, field by field. An operation without a
 * body must be named here, so a new route cannot ship with an undocumented body.
 */
const TAKES_NO_BODY: ReadonlySet<string> = new Set([
  'POST /api/auth/logout',
  'POST /api/surveys/{id}/open',
  'POST /api/surveys/{id}/outreach-devices/{deviceId}/revoke',
  'POST /api/surveys/{id}/close',
  'POST /api/surveys/{id}/publications/preview',
  'POST /api/surveys/{id}/publications',
  'POST /api/surveys/{id}/publications/{publicationId}/withdraw',
  'POST /api/surveys/{id}/publications/{publicationId}/republish',
]);

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
}
interface Operation {
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** A class, as Nest and class-validator see it. */
type Constructor = abstract new (...args: never[]) => unknown;

const WRITE_METHODS = ['post', 'put', 'patch'];

describe('the OpenAPI document', () => {
  let testApp: TestApp;
  let document: OpenApiDocument;

  beforeAll(async () => {
    testApp = await startTestApp();
    document = (await testApp.http().get('/api/docs-json').expect(200)).body as OpenApiDocument;
  });
  afterAll(() => testApp.close());

  /** Follows $ref and merges allOf, so a DTO that extends another shows every field. */
  function resolve(schema: Schema | undefined): Schema {
    if (!schema) return {};
    if (schema.$ref) {
      const name = schema.$ref.replace('#/components/schemas/', '');
      return resolve(document.components?.schemas?.[name]);
    }
    if (schema.allOf) {
      const parts = schema.allOf.map(resolve);
      return {
        type: 'object',
        properties: Object.assign({}, schema.properties, ...parts.map((part) => part.properties ?? {})),
        required: [...(schema.required ?? []), ...parts.flatMap((part) => part.required ?? [])],
      };
    }
    return schema;
  }

  function writeOperations(): [string, Operation][] {
    return Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([method]) => WRITE_METHODS.includes(method))
        .map(([method, operation]): [string, Operation] => [`${method.toUpperCase()} ${path}`, operation]),
    );
  }

  function bodySchema(route: string): Schema {
    const operation = writeOperations().find(([name]) => name === route)?.[1];
    return resolve(operation?.requestBody?.content?.['application/json']?.schema);
  }

  it('describes the fields of every POST, PUT and PATCH body', () => {
    const undescribed = writeOperations()
      .filter(([route]) => !TAKES_NO_BODY.has(route))
      .filter(([route]) => Object.keys(bodySchema(route).properties ?? {}).length === 0)
      .map(([route]) => route);
    expect(undescribed).toEqual([]);
  });

  it('lists no body for the operations that take none, and each of them exists', () => {
    const routes = new Map(writeOperations());
    for (const route of TAKES_NO_BODY) {
      expect(routes.has(route)).toBe(true);
      expect(routes.get(route)?.requestBody).toBeUndefined();
    }
  });

  /** Every class a controller method takes as its @Body(), found through Nest's own metadata. */
  function bodyClasses(): Constructor[] {
    const classes = new Set<Constructor>();
    for (const module of testApp.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const controller = wrapper.metatype as Constructor | null;
        if (!controller) continue;
        for (const method of Object.getOwnPropertyNames(controller.prototype)) {
          const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { index: number }>;
          const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? []) as unknown[];
          for (const [key, arg] of Object.entries(args)) {
            const type = types[arg.index];
            if (key.startsWith(`${RouteParamtypes.BODY}:`) && typeof type === 'function' && type !== Object)
              classes.add(type as Constructor);
          }
        }
      }
    }
    return [...classes];
  }

  it('documents every field the validation pipe accepts in a body', () => {
    const classes = bodyClasses();
    expect(classes.map((type) => type.name)).toEqual(
      expect.arrayContaining(['SubmitResponseDto', 'CreateOutreachBatchDto', 'PlanReleaseDto']),
    );
    const missing = classes.flatMap((type) => {
      const validated = new Set(
        getMetadataStorage()
          .getTargetValidationMetadatas(type, '', false, false)
          .map((meta) => meta.propertyName),
      );
      const documented = Object.keys(resolve({ $ref: `#/components/schemas/${type.name}` }).properties ?? {});
      return [...validated].filter((name) => !documented.includes(name)).map((name) => `${type.name}.${name}`);
    });
    expect(missing).toEqual([]);
  });

  it('states the public submission contract a client needs', () => {
    const schema = bodySchema('POST /api/public/surveys/{slug}/responses');
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(['answers', 'idempotencyKey', 'outreachCode', 'proofOfWork', 'versionId']);
    expect([...(schema.required ?? [])].sort()).toEqual(['answers', 'idempotencyKey', 'versionId']);
    expect(schema.properties?.['versionId']?.type).toBe('string');
    expect(schema.properties?.['answers']?.type).toBe('object');
  });

  it('describes the outreach batch a researcher creates', () => {
    const schema = bodySchema('POST /api/surveys/{id}/outreach-batches');
    expect([...(schema.required ?? [])].sort()).toEqual(['label', 'size']);
  });
});
