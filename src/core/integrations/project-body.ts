// The body that registers a project, as a TypeBox schema (project-input.ts checks the rest).
// Imports nothing but TypeBox, so the console can take its type without the service.
import { type Static, Type } from 'typebox';

export const PLATFORMS = ['github', 'azure-devops'] as const;
const Text = Type.String({ maxLength: 2000 });

export const CreateProjectBody = Type.Object(
  {
    identifier: Type.String({ maxLength: 1000, description: 'owner/repo (GitHub) or org/project/repo (Azure DevOps)' }),
    platform: Type.Enum(PLATFORMS, { description: 'github or azure-devops' }),
    name: Type.Optional(Text),
    description: Type.Optional(Text),
    repositoryUrl: Type.Optional(Text),
  },
  { additionalProperties: false },
);
export type CreateProjectBody = Static<typeof CreateProjectBody>;
