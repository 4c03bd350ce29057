import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type FieldIssue } from './errors.ts';
import { isMessageCode, type Lang, type MessageCode, pickLang, translate } from './messages.ts';

/** zod issue -> our field code; string refinements carry our code as their message. */
function fieldCode(issue: { keyword: string; message: string; params: Record<string, unknown> }): FieldIssue['code'] {
  if (isMessageCode(issue.message)) return issue.message;
  const { keyword, params } = issue;
  if (keyword === 'invalid_type') return params.input === undefined ? 'required' : 'invalid_type';
  if (keyword === 'too_small') return params.origin === 'string' ? (params.minimum === 1 ? 'required' : 'too_short') : 'too_small';
  if (keyword === 'too_big') return params.origin === 'string' ? 'too_long' : 'too_big';
  if (keyword === 'invalid_format') return 'invalid_format';
  if (keyword === 'invalid_value') return 'invalid_value';
  if (keyword === 'unrecognized_keys') return 'unknown_field';
  return 'invalid_format';
}

function fromValidation(error: FastifyError): AppError {
  const details: FieldIssue[] = [];
  for (const item of error.validation ?? []) {
    const issue = item as unknown as { keyword: string; instancePath: string; message: string; params: Record<string, unknown> };
    const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    if (issue.keyword === 'unrecognized_keys') {
      for (const key of (issue.params.keys as string[]) ?? []) {
        details.push({ field: path ? `${path}.${key}` : key, code: 'unknown_field' });
      }
      continue;
    }
    // A refinement's own parameters (`.refine(fn, { params })`) sit one level down.
    const params = issue.keyword === 'custom' ? ((issue.params.params as Record<string, unknown>) ?? {}) : issue.params;
    details.push({ field: path || (error.validationContext ?? 'body'), code: fieldCode(issue), params });
  }
  return new AppError('validation_failed', { details });
}

/** Fastify's own errors that a client caused, as our codes. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_VALIDATION: 'validation_failed',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
  FST_FILES_LIMIT: 'bad_request',
  FST_PARTS_LIMIT: 'bad_request',
};

export function toAppError(error: unknown, maxUploadBytes: number): AppError | null {
  if (error instanceof AppError) return error;
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fastifyError)) return fromValidation(fastifyError);
  if (fastifyError.code === 'FST_REQ_FILE_TOO_LARGE') {
    return new AppError('file_too_large', { params: { mb: Math.round(maxUploadBytes / 1024 / 1024) } });
  }
  const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (mapped) return new AppError(mapped);
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) return new AppError('invalid_json');
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) return new AppError('bad_request');
  return null;
}

export function errorBody(error: AppError, lang: Lang) {
  return {
    error: {
      code: error.code,
      message: translate(error.code as MessageCode, lang, error.params),
      details: error.details.map((d) => ({ field: d.field, code: d.code, message: translate(d.code, lang, d.params) })),
    },
  };
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const lang = request.lang ?? pickLang(request.headers['accept-language']);
  return reply.code(error.status).headers(error.headers).send(errorBody(error, lang));
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const known = toAppError(error, request.server.config.maxUploadBytes);
  if (known) {
    if (known.status >= 500) request.log.error({ err: error }, known.code);
    return sendError(request, reply, known);
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendError(request, reply, new AppError('internal'));
}
