// The body that registers a project: its shape as a TypeBox schema (validated by the route
// before a handler runs; a failure is the contract's 400 naming the field, built in
// src/http/error-handler.ts), and what the schema cannot say, checked here: the identifier's
// form for its platform. Failures are `400 project.validation_failed` naming the field.
import type { CreateProjectBody, PLATFORMS } from './project-body.ts';
import { AppError, type ErrorCode } from '../errors.ts';

/** The code of every 400 about a project body: its schema's (the route's `validationCode`) and the checks here. */
export const PROJECT_VALIDATION_CODE: ErrorCode = 'project.validation_failed';

export { CreateProjectBody } from './project-body.ts';

const GITHUB_NAME = '[A-Za-z0-9_.-]{1,100}';
const ADO_SEGMENT = '[^/\\x00-\\x1f\\x7f]{1,200}';
const IDENTIFIER: Record<(typeof PLATFORMS)[number], RegExp> = {
  github: new RegExp(`^${GITHUB_NAME}/${GITHUB_NAME}$`),
  'azure-devops': new RegExp(`^${ADO_SEGMENT}/${ADO_SEGMENT}/${ADO_SEGMENT}$`),
};
const FORMAT = { github: 'owner/repo', 'azure-devops': 'org/project/repo' } as const;
const OPTIONAL_TEXT = ['name', 'description', 'repositoryUrl'] as const;

const invalid = (field: string, message: string) => new AppError(PROJECT_VALIDATION_CODE, message, { field });

/** A body that passed CreateProjectBody: the identifier checked for its platform, the rest as details. */
export function parseProject(body: CreateProjectBody): { identifier: string; platform: CreateProjectBody['platform']; details: Record<string, string> } {
  const { platform, identifier } = body;
  if (!IDENTIFIER[platform].test(identifier) || identifier.split('/').some((s) => s.trim() !== s || s === '.' || s === '..')) {
    throw invalid('identifier', `identifier must be ${FORMAT[platform]} for ${platform}`);
  }
  const details: Record<string, string> = {};
  for (const f of OPTIONAL_TEXT) if (body[f] !== undefined) details[f] = body[f];
  return { identifier, platform, details };
}
