/** JSON schemas the surfaces share; Fastify validates (and coerces) params and query strings with them. */

/** A row id: a positive whole number that fits the databases' integer columns. */
export const id = { type: 'integer', minimum: 1, maximum: 2_147_483_647 } as const;

/** `/:id` in a path. */
export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id },
} as const;
